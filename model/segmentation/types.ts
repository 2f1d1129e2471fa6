/** One account to segment. Money is in integer cents. */
export interface SegmentationAccount {
  id: string;
  /** Potential in integer cents. */
  potentialCents: number;
  /** Size of the account: residents for the public-sector demo accounts. */
  population: number;
  /** Longitude in degrees, east positive. */
  lon: number;
  /** Latitude in degrees, north positive. */
  lat: number;
}

/** One booked deal in the plan currency. Convert deals in other currencies before passing them. */
export interface SegmentationDeal {
  account: string;
  /** Amount as a decimal string to the cent, such as "1250.00", negative for a cancellation. */
  amount: string;
}

/** Name of one clustering feature, in the order of the feature columns. */
export type FeatureName =
  | "potential"
  | "population"
  | "longitude"
  | "latitude"
  | "bookings"
  | "dealCount";

/** Every feature in column order. */
export const ALL_FEATURES: readonly FeatureName[] = [
  "potential",
  "population",
  "longitude",
  "latitude",
  "bookings",
  "dealCount",
];

/** Standardising transform of one feature: a raw value x becomes (t(x) - mean) / deviation. */
export interface FeatureScaling {
  feature: FeatureName;
  /** True when t is the signed log, sign(x) * log(1 + |x|); false when t(x) = x. */
  logScaled: boolean;
  mean: number;
  deviation: number;
}

/**
 * Scaling and centroids of a finished run in standardised units. With
 * them, any account, including one added later, joins the segment of its
 * nearest centroid.
 */
export interface SegmentationModel {
  scaling: FeatureScaling[];
  /** Centroid of each segment, one standardised value per scaled feature. */
  centroids: number[][];
}

/** Read-only view of an AbortSignal, so the model needs no DOM types. */
export interface CancelSignal {
  readonly aborted: boolean;
}

export interface SegmentationOptions {
  /** Number of segments, at least 1 and at most the number of accounts. */
  k: number;
  /** Seed of the k-means++ initialisation and of the silhouette sample. */
  seed: number;
  /** Deal history. With it, the features include bookings and deal count. */
  deals?: readonly SegmentationDeal[];
  /**
   * Features to cluster on, in any order; the columns keep the order of
   * ALL_FEATURES. Defaults to every feature the input has. Bookings and deal
   * count need `deals`.
   */
  features?: readonly FeatureName[];
  /** Stop after this many Lloyd iterations even if assignments still change. Defaults to 100. */
  maxIterations?: number;
  /** Accounts in the silhouette sample. Defaults to 2,000. */
  silhouetteSample?: number;
  /** Called with the fraction done, from 0 to 1, so a web worker can post it. */
  onProgress?: (fraction: number) => void;
  /** Checked between steps. When it is aborted, the run throws SegmentationCancelledError. */
  signal?: CancelSignal;
}

/** How far a segment's centroid sits from the mean of all accounts on one feature. */
export interface FeatureSeparation {
  feature: FeatureName;
  /** Centroid in standard deviations from the mean of all accounts, on the feature's scale. */
  zScore: number;
}

/** Centroid of a segment in the features' own units. */
export interface SegmentCentroid {
  /** Mean potential per account, rounded to the cent, as a decimal string. */
  potential: string;
  population: number;
  lon: number;
  lat: number;
  /** Mean bookings per account as a decimal string, present only with deals. */
  bookings?: string;
  /** Mean number of positive deals per account, present only with deals. */
  dealCount?: number;
}

export interface Segment {
  /** Index of the segment, which is the value in `assignment`. */
  index: number;
  /** Proposed name, such as "High potential, West". */
  name: string;
  accountCount: number;
  /** Sum of the members' potential in integer cents. */
  potentialCents: number;
  centroid: SegmentCentroid;
  /** Every feature, largest absolute z-score first. */
  separation: FeatureSeparation[];
}

export interface SegmentationResult {
  /** Segment index of each account, in input order. */
  assignment: Int32Array;
  segments: Segment[];
  features: FeatureName[];
  /** Lloyd iterations run, including the last one that changed nothing. */
  iterations: number;
  /** True when assignments stopped changing before maxIterations. */
  converged: boolean;
  /** Sum of squared distances to the centroids, in standardised units. */
  inertia: number;
  /** Mean silhouette of the seeded sample, from -1 to 1, where higher is better. */
  silhouette: number;
  /** Accounts in the silhouette sample. */
  silhouetteSampleSize: number;
  /** Scaling and final centroids, from which `assignByNearestCentroid` derives membership. */
  model: SegmentationModel;
}

/** A request the segmentation cannot run: the message names the value and the fix. */
export class SegmentationInputError extends Error {
  override name = "SegmentationInputError";
}

/** Thrown when the signal is aborted during a run. */
export class SegmentationCancelledError extends Error {
  override name = "SegmentationCancelledError";
  constructor() {
    super("Segmentation was cancelled before it finished.");
  }
}
