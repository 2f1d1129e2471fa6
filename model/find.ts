/** A county as the unassigned list needs it. */
export interface FindUnit {
  id: string;
  stateFips: string;
  stateName: string;
}

/** Unassigned counties of one state, in unit id order. */
export interface UnassignedState {
  stateFips: string;
  stateName: string;
  unitIds: string[];
}

/**
 * Lists the unassigned units by state, states in name order. A unit is
 * unassigned when it has no assignment or its assignment names an id that
 * is not in `territoryIds`, the rule of the coverage figures.
 */
export function findUnassigned(
  units: readonly FindUnit[],
  assignments: ReadonlyMap<string, string>,
  territoryIds: ReadonlySet<string>,
): UnassignedState[] {
  const byState = new Map<string, UnassignedState>();
  for (const unit of units) {
    const territoryId = assignments.get(unit.id);
    if (territoryId !== undefined && territoryIds.has(territoryId)) continue;
    let state = byState.get(unit.stateFips);
    if (!state) {
      state = {
        stateFips: unit.stateFips,
        stateName: unit.stateName,
        unitIds: [],
      };
      byState.set(unit.stateFips, state);
    }
    state.unitIds.push(unit.id);
  }
  for (const state of byState.values()) state.unitIds.sort();
  return [...byState.values()].sort(
    (a, b) =>
      a.stateName.localeCompare(b.stateName) ||
      a.stateFips.localeCompare(b.stateFips),
  );
}

/** A territory in more than one piece: its main (largest) piece and the smaller ones. */
export interface SplitTerritory {
  territoryId: string;
  mainPiece: string[];
  smallerPieces: string[][];
}

/**
 * Lists the territories with more than one connected piece, in the order
 * given. `piecesOf` returns a territory's pieces largest first, as
 * `connectedPieces` does.
 */
export function findNonContiguous(
  territoryIds: readonly string[],
  piecesOf: (territoryId: string) => readonly string[][],
): SplitTerritory[] {
  const result: SplitTerritory[] = [];
  for (const territoryId of territoryIds) {
    const [mainPiece, ...smallerPieces] = piecesOf(territoryId);
    if (smallerPieces.length === 0) continue;
    result.push({ territoryId, mainPiece, smallerPieces });
  }
  return result;
}
