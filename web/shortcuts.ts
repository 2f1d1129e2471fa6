import { territoriesInListOrder } from "../model/regions.ts";
import type { Workspace } from "./plan/workspace.svelte.ts";
import { mapIsShown } from "./ui/main-view.svelte.ts";
import { sidebarTab } from "./ui/sidebar-tab.svelte.ts";

/** The id of the new-territory name field, which N focuses. */
export const NEW_TERRITORY_INPUT_ID = "new-territory-name";

/**
 * Binds the workspace's keyboard shortcuts to the window and returns a
 * function that unbinds them:
 * - 1–9 pick the territory in that row and the paint tool;
 * - B paint, E eraser, H pan; Space held over the map pans;
 * - N focuses the new-territory name;
 * - Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z and Ctrl+Y redo (own changes only).
 * Keys typed into a text field are left to the field, and the tool keys
 * apply only while the map is shown.
 */
export function bindShortcuts(
  workspace: Workspace,
  isPointerOverMap: () => boolean,
): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (isTextField(event.target)) return;
    // A modal dialog (delete territory) owns the keyboard until it closes.
    if (document.querySelector("dialog[open]")) return;
    if (event.code === "Space" && isPointerOverMap()) {
      event.preventDefault();
      workspace.tools.panHeld = true;
      return;
    }
    if (handleUndoKeys(workspace, event)) {
      event.preventDefault();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!mapIsShown()) return;
    if (handleToolKeys(workspace, event.key)) event.preventDefault();
  };
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.code === "Space") workspace.tools.panHeld = false;
  };
  const onBlur = () => {
    workspace.tools.panHeld = false;
  };

  window.addEventListener("keydown", onKeyDown);
  window.addEventListener("keyup", onKeyUp);
  window.addEventListener("blur", onBlur);
  return () => {
    window.removeEventListener("keydown", onKeyDown);
    window.removeEventListener("keyup", onKeyUp);
    window.removeEventListener("blur", onBlur);
  };
}

function handleUndoKeys(workspace: Workspace, event: KeyboardEvent): boolean {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return false;
  const key = event.key.toLowerCase();
  const redo =
    (key === "z" && event.shiftKey) || (key === "y" && event.ctrlKey);
  const undo = key === "z" && !event.shiftKey;
  if (!undo && !redo) return false;
  if (workspace.canEdit && workspace.editor) {
    if (redo) workspace.editor.redo();
    else workspace.editor.undo();
  }
  return true;
}

function handleToolKeys(workspace: Workspace, key: string): boolean {
  const tools = workspace.tools;
  if (/^[1-9]$/.test(key)) {
    // The list groups territories by region, and the keys follow its order.
    const order = territoriesInListOrder(workspace.mirror.territories);
    const territory = order[Number(key) - 1];
    if (!territory) return false;
    workspace.selectTerritory(territory.id);
    if (workspace.canEdit) tools.tool = "paint";
    return true;
  }
  switch (key.toLowerCase()) {
    case "b":
      if (!workspace.canEdit) return false;
      tools.tool = "paint";
      return true;
    case "e":
      if (!workspace.canEdit) return false;
      tools.tool = "erase";
      return true;
    case "h":
      tools.tool = "pan";
      return true;
    case "n":
      if (!workspace.canEdit) return false;
      sidebarTab.show("territories");
      document.getElementById(NEW_TERRITORY_INPUT_ID)?.focus();
      return true;
    default:
      return false;
  }
}

/** True for elements that take typed text, whose keys shortcuts leave alone. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !["button", "checkbox", "radio", "submit", "reset", "color"].includes(
    target.type,
  );
}
