import { describeSegments } from "./describe.ts";
import { buildFeatures } from "./features.ts";
import { kMeans } from "./kmeans.ts";
import { sampledSilhouette } from "./quality.ts";
import {
  SegmentationInputError,
  type SegmentationAccount,
  type SegmentationOptions,
  type SegmentationResult,
} from "./types.ts";

const DEFAULT_MAX_ITERATIONS = 100;
const DEFAULT_SILHOUETTE_SAMPLE = 2_000;
/** Share of the progress fraction given to k-means. The silhouette takes the rest. */
const KMEANS_SHARE = 0.8;
/** Offset of the silhouette sample's seed, so it differs from the initialisation's sequence. */
const SAMPLE_SEED_OFFSET = 0x9e3779b9;

/**
 * Groups accounts into k segments by k-means on standardised features:
 * potential, population, location and, with deals, bookings and deal
 * count. Returns each account's segment, the segments' centroids in
 * original units, the features that separate them, proposed names and the
 * mean silhouette of a seeded sample. Throws SegmentationInputError on an
 * input it cannot segment and SegmentationCancelledError when the signal
 * is aborted.
 */
export function segmentAccounts(
  accounts: readonly SegmentationAccount[],
  options: SegmentationOptions,
): SegmentationResult {
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const sampleSize = options.silhouetteSample ?? DEFAULT_SILHOUETTE_SAMPLE;
  checkOptions(accounts.length, options, maxIterations, sampleSize);

  const features = buildFeatures(accounts, options.deals, options.features);
  const progress = options.onProgress;
  const clusters = kMeans({
    values: features.values,
    count: features.count,
    dimensions: features.dimensions,
    k: options.k,
    seed: options.seed,
    maxIterations,
    onProgress: progress && ((fraction) => progress(fraction * KMEANS_SHARE)),
    signal: options.signal,
  });

  const quality = sampledSilhouette({
    values: features.values,
    count: features.count,
    dimensions: features.dimensions,
    assignment: clusters.assignment,
    k: options.k,
    sampleSize,
    seed: (options.seed + SAMPLE_SEED_OFFSET) >>> 0,
    signal: options.signal,
  });
  progress?.(1);

  return {
    assignment: clusters.assignment,
    segments: describeSegments(features, clusters.assignment, options.k),
    features: features.names,
    iterations: clusters.iterations,
    converged: clusters.converged,
    inertia: clusters.inertia,
    silhouette: quality.silhouette,
    silhouetteSampleSize: quality.sampleSize,
    model: {
      scaling: features.scaling,
      centroids: centroidRows(
        clusters.centroids,
        options.k,
        features.dimensions,
      ),
    },
  };
}

function centroidRows(
  centroids: Float64Array,
  k: number,
  dimensions: number,
): number[][] {
  return Array.from({ length: k }, (_, c) =>
    Array.from(centroids.subarray(c * dimensions, (c + 1) * dimensions)),
  );
}

function checkOptions(
  count: number,
  { k, seed }: SegmentationOptions,
  maxIterations: number,
  sampleSize: number,
) {
  if (count === 0) {
    throw new SegmentationInputError(
      "There are no accounts to segment. Load the accounts before segmenting them.",
    );
  }
  if (!Number.isSafeInteger(k) || k < 1) {
    throw new SegmentationInputError(
      `The number of segments k is ${k}, which is not a positive whole number. Choose k from 1 to ${count}.`,
    );
  }
  if (k > count) {
    throw new SegmentationInputError(
      `The number of segments k is ${k}, but there are only ${count} accounts. Choose k from 1 to ${count}.`,
    );
  }
  if (!Number.isSafeInteger(seed)) {
    throw new SegmentationInputError(
      `The seed is ${seed}, which is not a whole number. Pass an integer seed, such as 1.`,
    );
  }
  if (!Number.isSafeInteger(maxIterations) || maxIterations < 1) {
    throw new SegmentationInputError(
      `maxIterations is ${maxIterations}, which is not a positive whole number. Leave it out for the default of ${DEFAULT_MAX_ITERATIONS}.`,
    );
  }
  if (!Number.isSafeInteger(sampleSize) || sampleSize < 2) {
    throw new SegmentationInputError(
      `silhouetteSample is ${sampleSize}, but the silhouette needs at least 2 accounts. Leave it out for the default of ${DEFAULT_SILHOUETTE_SAMPLE}.`,
    );
  }
}
