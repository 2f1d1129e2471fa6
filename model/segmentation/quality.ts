import { SeededRandom } from "../optimize/random.ts";
import { throwIfCancelled } from "./kmeans.ts";
import type { CancelSignal } from "./types.ts";

export interface SilhouetteInput {
  values: Float64Array;
  count: number;
  dimensions: number;
  assignment: Int32Array;
  k: number;
  /** Points in the sample, or all points when the count is smaller. */
  sampleSize: number;
  seed: number;
  signal?: CancelSignal;
}

/**
 * Returns the mean silhouette of a seeded sample of the points, with both
 * distances measured inside the sample: for point i, a is the mean distance
 * to the other sampled points of its cluster, b the lowest mean distance to
 * the sampled points of another cluster, and s = (b - a) / max(a, b).
 * A point alone in its cluster within the sample scores 0. The cost is
 * sampleSize² distances, so the sample bounds the time on large inputs.
 */
export function sampledSilhouette(input: SilhouetteInput): {
  silhouette: number;
  sampleSize: number;
} {
  const { values, dimensions, assignment, k } = input;
  const sample = sampleIndices(input.count, input.sampleSize, input.seed);
  const sums = new Float64Array(k);
  const sizes = new Int32Array(k);
  for (const i of sample) sizes[assignment[i]]++;
  if (k < 2) return { silhouette: 0, sampleSize: sample.length };

  let total = 0;
  for (const i of sample) {
    throwIfCancelled(input.signal);
    sums.fill(0);
    for (const j of sample) {
      if (i !== j) sums[assignment[j]] += distance(values, i, j, dimensions);
    }
    const own = assignment[i];
    if (sizes[own] < 2) continue;

    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    }
    if (b === Infinity) continue;
    const spread = Math.max(a, b);
    if (spread > 0) total += (b - a) / spread;
  }
  return { silhouette: total / sample.length, sampleSize: sample.length };
}

/** Returns `size` distinct indices below `count` in ascending order, or all of them. */
function sampleIndices(count: number, size: number, seed: number): Int32Array {
  if (size >= count) {
    const all = new Int32Array(count);
    for (let i = 0; i < count; i++) all[i] = i;
    return all;
  }
  const order = new SeededRandom(seed).permutation(count);
  return order.subarray(0, size).sort();
}

function distance(
  values: Float64Array,
  i: number,
  j: number,
  dimensions: number,
): number {
  let sum = 0;
  const p = i * dimensions;
  const q = j * dimensions;
  for (let d = 0; d < dimensions; d++) {
    const delta = values[p + d] - values[q + d];
    sum += delta * delta;
  }
  return Math.sqrt(sum);
}
