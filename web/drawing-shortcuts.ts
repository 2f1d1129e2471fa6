import type { Designer } from "./plan/designer.svelte.ts";
import type { Workspace } from "./plan/workspace.svelte.ts";
import { isTextField } from "./shortcuts.ts";
import { mapIsShown } from "./ui/main-view.svelte.ts";
import { sidebarTab } from "./ui/sidebar-tab.svelte.ts";

/** The id of the state picker of "Fill unassigned in a state", which F focuses. */
export const FILL_STATE_SELECT_ID = "fill-state";

/**
 * Binds the designer's keys to the window and returns a function that
 * unbinds them:
 * - B brush (with the paint tool), R rectangle, L lasso;
 * - [ and ] make the brush smaller and larger; S limits to one state;
 * - F focuses the state of "Fill unassigned in a state";
 * - K locks or unlocks the selected territory, Shift+K locks all,
 *   Shift+U unlocks all;
 * - Enter applies the open preview, Escape discards it.
 * They apply only while the map is shown. Keys typed into a text field
 * are left to the field, and the keys of
 * shortcuts.ts (tools, territories, undo) are handled there.
 */
export function bindDrawingShortcuts(
  workspace: Workspace,
  designer: Designer,
): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (isTextField(event.target)) return;
    if (document.querySelector("dialog[open]")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!workspace.canEdit || !mapIsShown()) return;
    if (handlePreviewKeys(designer, event)) {
      event.preventDefault();
      return;
    }
    if (handleDrawingKeys(workspace, designer, event)) event.preventDefault();
  };
  window.addEventListener("keydown", onKeyDown);
  return () => window.removeEventListener("keydown", onKeyDown);
}

function handlePreviewKeys(designer: Designer, event: KeyboardEvent): boolean {
  if (!designer.bulk.proposal) return false;
  if (event.key === "Escape") {
    designer.bulk.discard();
    return true;
  }
  // Enter on a focused button or link presses that control instead.
  const target = event.target;
  const onControl =
    target instanceof HTMLElement && target.closest("button, a, summary");
  if (event.key === "Enter" && !onControl) {
    designer.bulk.apply();
    return true;
  }
  return false;
}

function handleDrawingKeys(
  workspace: Workspace,
  designer: Designer,
  event: KeyboardEvent,
): boolean {
  const drawing = designer.drawing;
  const usePaintTool = () => {
    if (workspace.tools.tool === "pan") workspace.tools.tool = "paint";
  };
  switch (event.key) {
    case "[":
      drawing.stepBrush(-1);
      return true;
    case "]":
      drawing.stepBrush(1);
      return true;
    case "b":
      // shortcuts.ts picks the paint tool; the brush shape goes with it.
      drawing.shape = "brush";
      return false;
    case "r":
      drawing.shape = "rectangle";
      usePaintTool();
      return true;
    case "l":
      drawing.shape = "lasso";
      usePaintTool();
      return true;
    case "s":
      drawing.limitToState = !drawing.limitToState;
      return true;
    case "f":
      sidebarTab.show("territories");
      document.getElementById(FILL_STATE_SELECT_ID)?.focus();
      return true;
    case "k":
      designer.toggleLock(workspace.tools.selectedTerritoryId);
      return true;
    case "K":
      designer.lockAll();
      return true;
    case "U":
      designer.unlockAll();
      return true;
    default:
      return false;
  }
}
