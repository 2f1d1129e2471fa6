import type { RunControl } from "./control.ts";
import type { Partition } from "./partition.ts";

/**
 * Assigns every unassigned unit by growing territories. At each step the
 * lightest unlocked territory that borders an unassigned unit takes one. It
 * prefers a unit that keeps it at or below the mean, then the longest shared
 * border (for compact shapes), then the lower tie rank. A region that borders
 * no unlocked territory, because locked ones cut it off, joins the lightest
 * unlocked territory as an extra piece. Returns false when cancelled part-way.
 */
export function growTerritories(
  partition: Partition,
  rank: Int32Array,
  control: RunControl,
  progressShare: (fraction: number) => number,
): boolean {
  const unassigned = countUnassigned(partition);
  let left = unassigned;
  while (left > 0) {
    if (control.cancelled()) return false;

    const t = lightestBorderingTerritory(partition);
    const u = t >= 0 ? bestFrontierUnit(partition, t, rank) : -1;
    if (u >= 0) partition.assign(u, t);
    else assignCutOffUnit(partition, rank);

    left -= 1;
    control.progress(progressShare(1 - left / unassigned));
  }
  return true;
}

function countUnassigned(partition: Partition): number {
  return partition.owner.reduce((count, t) => count + (t < 0 ? 1 : 0), 0);
}

function lightestBorderingTerritory(partition: Partition): number {
  const { start, neighbour, locked } = partition.problem;
  const owner = partition.owner;
  const borders = new Uint8Array(partition.total.length);
  owner.forEach((t, u) => {
    if (t >= 0) return;
    for (let k = start[u]; k < start[u + 1]; k++) {
      const other = owner[neighbour[k]];
      if (other >= 0 && !locked[other]) borders[other] = 1;
    }
  });

  let best = -1;
  for (let t = 0; t < borders.length; t++) {
    if (borders[t] && (best < 0 || partition.total[t] < partition.total[best]))
      best = t;
  }
  return best;
}

function bestFrontierUnit(
  partition: Partition,
  t: number,
  rank: Int32Array,
): number {
  const { start, neighbour, sharedKm, weight } = partition.problem;
  const owner = partition.owner;
  const room = -partition.offset(t);
  const n = partition.total.length;

  let best = -1;
  let bestFits = false;
  let bestShared = 0;
  for (let u = 0; u < owner.length; u++) {
    if (owner[u] >= 0) continue;
    let shared = -1;
    for (let k = start[u]; k < start[u + 1]; k++) {
      if (owner[neighbour[k]] === t) shared = Math.max(shared, 0) + sharedKm[k];
    }
    if (shared < 0) continue;

    const fits = n * weight[u] <= room;
    const better =
      best < 0 ||
      (fits && !bestFits) ||
      (fits === bestFits &&
        (fits
          ? shared > bestShared ||
            (shared === bestShared && rank[u] < rank[best])
          : weight[u] < weight[best] ||
            (weight[u] === weight[best] && rank[u] < rank[best])));
    if (better) {
      best = u;
      bestFits = fits;
      bestShared = shared;
    }
  }
  return best;
}

function assignCutOffUnit(partition: Partition, rank: Int32Array): void {
  const { locked } = partition.problem;
  let lightest = -1;
  for (let t = 0; t < partition.total.length; t++) {
    if (locked[t]) continue;
    if (lightest < 0 || partition.total[t] < partition.total[lightest])
      lightest = t;
  }
  let first = -1;
  partition.owner.forEach((t, u) => {
    if (t < 0 && (first < 0 || rank[u] < rank[first])) first = u;
  });
  partition.assign(first, lightest);
}
