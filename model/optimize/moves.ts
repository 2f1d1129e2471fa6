import type { CutUnits } from "./articulation.ts";
import type { RankedMove } from "./objective.ts";
import type { Partition } from "./partition.ts";

/** A legal move with the unit's border with the receiving territory, in km. */
export interface BorderMove extends RankedMove {
  sharedKm: number;
}

/**
 * Visits every legal single-unit move, in unit order, then territory order.
 * A legal move takes a unit that is not pinned (fixed or in a locked
 * territory) to an unlocked territory that borders it or is empty. The donor
 * must keep at least one unit, and the unit must not be one of its cut units.
 * So a move never adds a piece to either side. Pass `onlyFrom` to visit the
 * moves out of one territory.
 */
export function forEachMove(
  partition: Partition,
  cuts: CutUnits,
  visit: (move: BorderMove) => void,
  onlyFrom = -1,
): void {
  const { start, neighbour, sharedKm, locked, pinned } = partition.problem;
  const { owner, size } = partition;
  const territories = size.length;
  const border = new Float64Array(territories).fill(-1);
  const empty: number[] = [];
  for (let t = 0; t < territories; t++) {
    if (size[t] === 0 && !locked[t]) empty.push(t);
  }

  for (let u = 0; u < owner.length; u++) {
    const from = owner[u];
    if (from < 0 || (onlyFrom >= 0 && from !== onlyFrom)) continue;
    if (pinned[u] || locked[from] || size[from] < 2 || cuts.isCut[u]) continue;

    const touched: number[] = [];
    let donorKm = 0;
    for (let k = start[u]; k < start[u + 1]; k++) {
      const to = owner[neighbour[k]];
      if (to === from) donorKm += sharedKm[k];
      if (to < 0 || to === from || locked[to]) continue;
      if (border[to] < 0) {
        border[to] = 0;
        touched.push(to);
      }
      border[to] += sharedKm[k];
    }
    touched.sort((a, b) => a - b);
    for (const to of touched) {
      const km = border[to];
      visit({ unit: u, from, to, sharedKm: km, borderGainKm: km - donorKm });
      border[to] = -1;
    }
    for (const to of empty) {
      visit({ unit: u, from, to, sharedKm: 0, borderGainKm: -donorKm });
    }
  }
}
