import type { Partition } from "./partition.ts";
import type { SeededRandom } from "./random.ts";

/**
 * Gives each empty unlocked territory one unassigned unit, spread out by
 * farthest-point sampling: each seed is the unassigned unit with the most
 * border crossings to the nearest assigned unit. A unit that no assigned unit
 * can reach counts as infinitely far, so a region cut off by locked territories
 * gets a seed first. The first seed of an empty map is a random unit; ties go
 * to the lower tie rank.
 */
export function placeSeeds(
  partition: Partition,
  random: SeededRandom,
  rank: Int32Array,
): void {
  const { locked, territoryIds } = partition.problem;
  for (let t = 0; t < territoryIds.length; t++) {
    if (locked[t] || partition.size[t] > 0) continue;
    const seed = farthestFreeUnit(partition, random, rank);
    if (seed < 0) return;
    partition.assign(seed, t);
  }
}

function farthestFreeUnit(
  partition: Partition,
  random: SeededRandom,
  rank: Int32Array,
): number {
  const free: number[] = [];
  partition.owner.forEach((t, u) => {
    if (t < 0) free.push(u);
  });
  if (free.length === 0) return -1;
  if (free.length === partition.owner.length) {
    return free[random.below(free.length)];
  }

  const distance = hopsFromAssigned(partition);
  let best = -1;
  for (const u of free) {
    if (
      best < 0 ||
      distance[u] > distance[best] ||
      (distance[u] === distance[best] && rank[u] < rank[best])
    ) {
      best = u;
    }
  }
  return best;
}

/** Breadth-first search from every assigned unit; unreachable units stay at Infinity. */
function hopsFromAssigned(partition: Partition): Float64Array {
  const { start, neighbour } = partition.problem;
  const distance = new Float64Array(partition.owner.length).fill(Infinity);
  const queue: number[] = [];
  partition.owner.forEach((t, u) => {
    if (t < 0) return;
    distance[u] = 0;
    queue.push(u);
  });
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (let k = start[v]; k < start[v + 1]; k++) {
      const w = neighbour[k];
      if (distance[w] !== Infinity) continue;
      distance[w] = distance[v] + 1;
      queue.push(w);
    }
  }
  return distance;
}
