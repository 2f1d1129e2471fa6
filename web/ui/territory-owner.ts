import type { Workspace } from "../plan/workspace.svelte.ts";

/**
 * Sets or clears (null) a territory's owner as one undo step of this
 * person's edits.
 */
export function setTerritoryOwner(
  workspace: Workspace,
  territoryId: string,
  ownerId: string | null,
): void {
  workspace.editor?.updateTerritory(territoryId, { ownerId });
}
