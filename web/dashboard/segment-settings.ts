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

/**
 * Largest seed. The model's generator keeps only the low 32 bits of a seed,
 * so seeds from 0 to 2^32 - 1 each give a different run.
 */
export const MAX_SEED = 2 ** 32 - 1;

/** Returns the whole number the text spells, or null when it is not one. */
export function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** Returns the reason the typed k, the seed or the features cannot run, or null when all are valid. */
export function settingsProblem(
  kText: string,
  seedText: string,
  groups: readonly FeatureGroupId[],
): string | null {
  const k = parseWholeNumber(kText);
  if (k === null || k < MIN_K || k > MAX_K) {
    return `${describeTyped("number of segments", kText)} Enter a whole number from ${MIN_K} to ${MAX_K}, such as 6.`;
  }
  const seed = parseWholeNumber(seedText);
  if (seed === null || seed < 0 || seed > MAX_SEED) {
    return `${describeTyped("seed", seedText)} Enter a whole number from 0 to ${MAX_SEED}, such as 1.`;
  }
  if (groups.length === 0) {
    return "No feature is chosen. Tick at least one feature, such as Potential.";
  }
  return null;
}

function describeTyped(field: string, text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return `The ${field} is missing.`;
  const excerpt = trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
  return parseWholeNumber(trimmed) === null
    ? `The ${field} "${excerpt}" is not a whole number.`
    : `The ${field} ${excerpt} is out of range.`;
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
