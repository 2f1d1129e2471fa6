import type { Workspace } from "../plan/workspace.svelte.ts";

/**
 * Sets or clears (null) a territory's owner as one undo step of this
 * person's edits.
 */
// TODO: call PlanEditor.updateTerritory once it accepts ownerId; this
// repeats its read-only check and undo step around the same write.
export function setTerritoryOwner(
  workspace: Workspace,
  territoryId: string,
  ownerId: string | null,
): void {
  const editor = workspace.editor;
  const planDoc = workspace.planDoc;
  const reason = workspace.readOnlyReason;
  if (reason !== null) throw new Error(`Cannot change the plan: ${reason}`);
  if (!editor || !planDoc) return;

  editor.undoManager.stopCapturing();
  planDoc.updateTerritory(territoryId, { ownerId }, editor.origin);
  editor.undoManager.stopCapturing();
}
