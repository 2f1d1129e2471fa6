import type { CoverageIndex } from "./coverage.ts";
import { applyMovesFor, previewImpact, type ImpactPreview } from "./impact.ts";
import { splitMovesByLocks, type SkippedUnit } from "./locks.ts";

/** A proposed change of many units at once: unit id -> target territory id, or null to unassign. */
export type BulkMoves = ReadonlyMap<string, string | null>;

/** Moves that send every listed unit to one territory (null unassigns). */
export function movesToOne(
  unitIds: Iterable<string>,
  targetId: string | null,
): Map<string, string | null> {
  const moves = new Map<string, string | null>();
  for (const unitId of unitIds) moves.set(unitId, targetId);
  return moves;
}

/** The outcome of a bulk change now: the impact of the moves that locks allow, and the units they keep. */
export interface BulkPreview {
  impact: ImpactPreview;
  skipped: SkippedUnit[];
}

/**
 * Previews a bulk change against the current assignment. A move out of a
 * locked territory or into one is skipped. The rest move, with the impact
 * on every territory they touch.
 */
export function previewBulkChange(
  index: CoverageIndex,
  current: ReadonlyMap<string, string>,
  lockedIds: Iterable<string>,
  moves: BulkMoves,
): BulkPreview {
  const { allowed, skipped } = splitMovesByLocks(
    moves,
    current,
    new Set(lockedIds),
  );
  const proposed = new Map(current);
  for (const unitId of allowed) {
    const targetId = moves.get(unitId) ?? null;
    if (targetId === null) proposed.delete(unitId);
    else proposed.set(unitId, targetId);
  }
  return { impact: previewImpact(index, current, proposed, allowed), skipped };
}

/**
 * Returns the moves of a preview to write, grouped by target territory
 * (null for unassigned): all of them when `territoryIds` is null, or the
 * moves that touch the listed territories as gainer or loser.
 */
export function movesToApply(
  current: ReadonlyMap<string, string>,
  impact: ImpactPreview,
  territoryIds: readonly (string | null)[] | null,
): Map<string | null, string[]> {
  const touched = new Set(
    territoryIds ??
      impact.territories.map((territory) => territory.territoryId),
  );
  const result = applyMovesFor(current, impact, touched);

  const groups = new Map<string | null, string[]>();
  for (const move of impact.moves) {
    const after = result.get(move.unitId) ?? null;
    if (after !== move.to) continue;
    const group = groups.get(move.to);
    if (group) group.push(move.unitId);
    else groups.set(move.to, [move.unitId]);
  }
  return groups;
}

/** Counts the moves of a preview that are not among the `changed` units. */
export function countMovesLeft(
  impact: ImpactPreview,
  changed: readonly string[],
): number {
  const done = new Set(changed);
  return impact.moves.filter((move) => !done.has(move.unitId)).length;
}
