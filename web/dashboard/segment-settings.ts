import type { FeatureName } from "../../model/segmentation/types.ts";

/** A feature group the Segments controls offer, with the model features it stands for. */
export interface FeatureGroup {
  id: "potential" | "size" | "geography" | "bookings";
  label: string;
  features: FeatureName[];
}

export const FEATURE_GROUPS: readonly FeatureGroup[] = [
  { id: "potential", label: "Potential", features: ["potential"] },
  { id: "size", label: "Size (population)", features: ["population"] },
  {
    id: "geography",
    label: "Geography (longitude, latitude)",
    features: ["longitude", "latitude"],
  },
  {
    id: "bookings",
    label: "Bookings and deal count",
    features: ["bookings", "dealCount"],
  },
];

export type FeatureGroupId = FeatureGroup["id"];

/** Reason the bookings group is off: the plan has bookings per territory, not per account. */
export const BOOKINGS_UNAVAILABLE =
  "Bookings per account are not available in this plan: the plan serves bookings per territory only. Cluster on the other features.";

export const MIN_K = 2;
export const MAX_K = 12;
/** The k values of the silhouette comparison. */
export const COMPARE_KS = [2, 3, 4, 5, 6, 7, 8];

/** Returns the model features of the chosen groups, in column order. */
export function featuresOf(groups: readonly FeatureGroupId[]): FeatureName[] {
  return FEATURE_GROUPS.filter((g) => groups.includes(g.id)).flatMap(
    (g) => g.features,
  );
}

/** Returns the reason k, the seed or the features cannot run, or null when all are valid. */
export function settingsProblem(
  k: number,
  seed: number,
  groups: readonly FeatureGroupId[],
): string | null {
  if (!Number.isInteger(k) || k < MIN_K || k > MAX_K) {
    return `The number of segments is ${String(k)}. Choose a whole number from ${MIN_K} to ${MAX_K}.`;
  }
  if (!Number.isSafeInteger(seed)) {
    return `The seed is ${String(seed)}. Enter a whole number, such as 1.`;
  }
  if (groups.length === 0) {
    return "No feature is chosen. Tick at least one feature, such as Potential.";
  }
  return null;
}

/**
 * Describes a mean silhouette in words, with the bands commonly used to
 * read it: above 0.70 strong, above 0.50 reasonable, above 0.25 weak,
 * else no substantial structure.
 */
export function silhouetteVerdict(silhouette: number): string {
  if (silhouette > 0.7) return "a strong structure";
  if (silhouette > 0.5) return "a reasonable structure";
  if (silhouette > 0.25) return "a weak structure that could be artificial";
  return "no substantial structure";
}
