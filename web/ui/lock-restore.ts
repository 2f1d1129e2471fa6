import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import type { RestoreEffect, RestoreMove } from "../../model/locks.ts";
import type { PlanEditor } from "../plan/plan-editor.svelte.ts";
import { countiesText } from "../plan/designer-messages.ts";

/**
 * Puts a locked territory back to its snapshot and sends the counties
 * added since the lock to `addedTo`, as one undo step. The restore
 * unassigns the added counties and a second write assigns them, because
 * the lock keeps every write out of the territory until the restore has
 * taken them out. Both writes use the editor's origin with no capture
 * boundary between them, so Ctrl+Z reverts them together.
 */
export function restoreLock(
  editor: PlanEditor,
  planDoc: PlanDoc,
  territoryId: string,
  moves: readonly RestoreMove[],
): void {
  const added = moves.filter((move) => move.fromTerritoryId === territoryId);
  const addedTo = added[0]?.toTerritoryId ?? null;

  editor.beginStroke();
  try {
    planDoc.restoreLock(territoryId, editor.origin);
    if (addedTo !== null) {
      editor.paintBatch(
        added.map((move) => move.unitId),
        addedTo,
      );
    }
  } finally {
    editor.endStroke();
  }
}

/**
 * Describes what a restore changes in one other territory or among the
 * unassigned counties, such as "Mountain loses 1 county: Harris, TX" or
 * "1 county becomes unassigned: Lea, NM".
 */
export function restoreEffectText(
  effect: RestoreEffect,
  territoryName: (territoryId: string) => string,
  countyNames: (unitIds: readonly string[]) => string,
): string {
  const parts: string[] = [];
  if (effect.territoryId === null) {
    if (effect.gains.length > 0) {
      const verb = effect.gains.length === 1 ? "becomes" : "become";
      parts.push(
        `${countiesText(effect.gains.length)} ${verb} unassigned: ${countyNames(effect.gains)}`,
      );
    }
    if (effect.loses.length > 0) {
      const verb = effect.loses.length === 1 ? "returns" : "return";
      parts.push(
        `${countiesText(effect.loses.length)} ${verb} from unassigned: ${countyNames(effect.loses)}`,
      );
    }
    return parts.join(". ");
  }

  if (effect.loses.length > 0) {
    parts.push(
      `loses ${countiesText(effect.loses.length)}: ${countyNames(effect.loses)}`,
    );
  }
  if (effect.gains.length > 0) {
    parts.push(
      `gains ${countiesText(effect.gains.length)}: ${countyNames(effect.gains)}`,
    );
  }
  return `${territoryName(effect.territoryId)} ${parts.join(" and ")}`;
}
