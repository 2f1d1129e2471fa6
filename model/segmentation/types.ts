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
