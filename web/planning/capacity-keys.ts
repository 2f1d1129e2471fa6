/**
 * Keys of the Targets and Capacity forms. Ctrl+Z (Cmd+Z on a Mac) in a
 * field that shows the stored value undoes the last plan edit, so that
 * "type 5, Enter, Ctrl+Z" brings the stored value back. A field with
 * unsaved text keeps the browser's own undo.
 */

/** The modifier and key state of a keydown, as KeyboardEvent has it. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * Returns "undo" for Ctrl/Cmd+Z, "redo" for Ctrl/Cmd+Shift+Z and Ctrl+Y,
 * and null for any other key.
 */
export function planUndoKey(press: KeyPress): "undo" | "redo" | null {
  if (!(press.ctrlKey || press.metaKey) || press.altKey) return null;
  const key = press.key.toLowerCase();
  if (key === "z") return press.shiftKey ? "redo" : "undo";
  if (key === "y" && press.ctrlKey && !press.shiftKey) return "redo";
  return null;
}

/** The part of the plan editor that the undo keys use. */
export interface UndoEditor {
  undo(): void;
  redo(): void;
}

/**
 * Handles an undo key pressed in a form control that shows the stored
 * value: undoes or redoes the last plan edit when the person may edit, and
 * keeps the browser from acting on the key. Returns whether it was an undo
 * key.
 */
export function handlePlanUndoKey(
  event: KeyPress & { preventDefault(): void },
  editor: UndoEditor | null,
  canEdit: boolean,
): boolean {
  const action = planUndoKey(event);
  if (action === null) return false;
  event.preventDefault();
  if (canEdit && editor !== null) {
    if (action === "redo") editor.redo();
    else editor.undo();
  }
  return true;
}
