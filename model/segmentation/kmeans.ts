import { SeededRandom } from "../optimize/random.ts";
import { SegmentationCancelledError, type CancelSignal } from "./types.ts";

export interface KMeansInput {
  /** Row-major points: point i, dimension d at i * dimensions + d. */
  values: Float64Array;
  count: number;
  dimensions: number;
  k: number;
  seed: number;
  maxIterations: number;
  /** Called with the fraction of the run done, from 0 to 1. */
  onProgress?: (fraction: number) => void;
  signal?: CancelSignal;
}

export interface KMeansResult {
  assignment: Int32Array;
  /** Row-major centroids: cluster c, dimension d at c * dimensions + d. */
  centroids: Float64Array;
  iterations: number;
  converged: boolean;
  /** Sum of squared distances of the points to their centroids at the last assignment step. */
  inertia: number;
}

/**
 * Runs k-means (Lloyd's algorithm) from a k-means++ initialisation.
 * The same input and seed give the same assignment, because the only
 * randomness is the seeded generator and every sum runs in input order.
 * Distance ties go to the lower cluster index. The caller checks that
 * 1 <= k <= count.
 */
export function kMeans(input: KMeansInput): KMeansResult {
  const { count, maxIterations } = input;
  const centroids = initialCentroids(input);
  const assignment = new Int32Array(count).fill(-1);
  const distances = new Float64Array(count);
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations) {
    throwIfCancelled(input.signal);
    iterations++;
    const changed = assignPoints(input, centroids, assignment, distances);
    if (changed === 0) {
      converged = true;
      break;
    }
    updateCentroids(input, centroids, assignment, distances);
    input.onProgress?.(iterations / maxIterations);
  }
  input.onProgress?.(1);

  let inertia = 0;
  for (let i = 0; i < count; i++) inertia += distances[i];
  return { assignment, centroids, iterations, converged, inertia };
}

export function throwIfCancelled(signal: CancelSignal | undefined) {
  if (signal?.aborted) throw new SegmentationCancelledError();
}

/** Returns the squared distance from point i to centroid c. */
function squaredDistance(
  values: Float64Array,
  i: number,
  centroids: Float64Array,
  c: number,
  dimensions: number,
): number {
  let sum = 0;
  const p = i * dimensions;
  const q = c * dimensions;
  for (let d = 0; d < dimensions; d++) {
    const delta = values[p + d] - centroids[q + d];
    sum += delta * delta;
  }
  return sum;
}

/**
 * Picks k centroids by k-means++: the first uniformly, each next one with
 * probability proportional to the squared distance to the nearest centroid
 * picked so far.
 */
function initialCentroids(input: KMeansInput): Float64Array {
  const { values, count, dimensions, k } = input;
  const random = new SeededRandom(input.seed);
  const centroids = new Float64Array(k * dimensions);
  const nearest = new Float64Array(count).fill(Infinity);

  let picked = random.below(count);
  for (let c = 0; c < k; c++) {
    throwIfCancelled(input.signal);
    centroids.set(
      values.subarray(picked * dimensions, (picked + 1) * dimensions),
      c * dimensions,
    );
    if (c === k - 1) break;

    let total = 0;
    for (let i = 0; i < count; i++) {
      const distance = squaredDistance(values, i, centroids, c, dimensions);
      if (distance < nearest[i]) nearest[i] = distance;
      total += nearest[i];
    }
    picked = weightedPick(random, nearest, total);
  }
  return centroids;
}

/** Returns an index drawn with probability weights[i] / total, or uniformly when every weight is 0. */
function weightedPick(
  random: SeededRandom,
  weights: Float64Array,
  total: number,
): number {
  if (!(total > 0)) return random.below(weights.length);

  const target = (random.nextUint32() / 4294967296) * total;
  let running = 0;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] <= 0) continue;
    running += weights[i];
    last = i;
    if (running > target) return i;
  }
  // Rounding in the running sum can leave target just above it.
  return last;
}

/** Moves every point to its nearest centroid and returns how many moved. */
function assignPoints(
  input: KMeansInput,
  centroids: Float64Array,
  assignment: Int32Array,
  distances: Float64Array,
): number {
  const { values, count, dimensions, k } = input;
  let changed = 0;
  for (let i = 0; i < count; i++) {
    const p = i * dimensions;
    let best = 0;
    let bestDistance = Infinity;
    // The distance is written out here, not called, because this loop is the run's hot path.
    for (let c = 0; c < k; c++) {
      const q = c * dimensions;
      let distance = 0;
      for (let d = 0; d < dimensions; d++) {
        const delta = values[p + d] - centroids[q + d];
        distance += delta * delta;
      }
      if (distance < bestDistance) {
        best = c;
        bestDistance = distance;
      }
    }
    distances[i] = bestDistance;
    if (assignment[i] !== best) {
      assignment[i] = best;
      changed++;
    }
  }
  return changed;
}

/**
 * Sets each centroid to the mean of its points. A cluster left empty takes
 * the point farthest from its own centroid, which then moves to it, so
 * every cluster keeps at least one point.
 */
function updateCentroids(
  input: KMeansInput,
  centroids: Float64Array,
  assignment: Int32Array,
  distances: Float64Array,
) {
  const { values, count, dimensions, k } = input;
  const sizes = new Int32Array(k);
  centroids.fill(0);
  for (let i = 0; i < count; i++) {
    const c = assignment[i];
    sizes[c]++;
    const p = i * dimensions;
    const q = c * dimensions;
    for (let d = 0; d < dimensions; d++) centroids[q + d] += values[p + d];
  }

  for (let c = 0; c < k; c++) {
    if (sizes[c] > 0) continue;
    const far = farthestPoint(distances, assignment, sizes);
    const from = assignment[far];
    const p = far * dimensions;
    for (let d = 0; d < dimensions; d++) {
      centroids[from * dimensions + d] -= values[p + d];
      centroids[c * dimensions + d] = values[p + d];
    }
    sizes[from]--;
    sizes[c] = 1;
    assignment[far] = c;
    distances[far] = 0;
  }

  for (let c = 0; c < k; c++) {
    const q = c * dimensions;
    for (let d = 0; d < dimensions; d++) centroids[q + d] /= sizes[c];
  }
}

/** Returns the point farthest from its centroid among clusters with more than one point. */
function farthestPoint(
  distances: Float64Array,
  assignment: Int32Array,
  sizes: Int32Array,
): number {
  let far = -1;
  for (let i = 0; i < distances.length; i++) {
    if (sizes[assignment[i]] < 2) continue;
    if (far === -1 || distances[i] > distances[far]) far = i;
  }
  return far;
}
