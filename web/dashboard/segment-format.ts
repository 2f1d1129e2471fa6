import { centsToString, MoneyDecimal } from "../../model/money.ts";
import type {
  FeatureName,
  FeatureSeparation,
  SegmentCentroid,
} from "../../model/segmentation/types.ts";
import { formatCount, formatMoney } from "../format.ts";

/** Feature names as the Segments section shows them. */
export const FEATURE_LABELS: Record<FeatureName, string> = {
  potential: "potential",
  population: "population",
  longitude: "longitude",
  latitude: "latitude",
  bookings: "bookings",
  dealCount: "deal count",
};

/** Formats integer cents as money, such as "$1,250.00". */
export function formatCents(cents: number, currency: string): string {
  return formatMoney(centsToString(cents), currency);
}

/** Formats part / whole as a percentage with one decimal, rounded half-even, or "–" for a zero whole. */
export function formatShare(part: number, whole: number): string {
  if (whole === 0) return "–";
  const percent = new MoneyDecimal(part).times(100).dividedBy(whole);
  return `${percent.toFixed(1, MoneyDecimal.ROUND_HALF_EVEN)}%`;
}

/** Describes a centroid in its own units, such as "$1,250.00 · 12,000 residents · 40.1° N, 95.3° W". */
export function formatCentroid(
  centroid: SegmentCentroid,
  currency: string,
): string {
  const parts = [
    `${formatMoney(centroid.potential, currency)} potential`,
    `${formatCount(centroid.population)} residents`,
    `${formatDegrees(centroid.lat, "N", "S")}, ${formatDegrees(centroid.lon, "E", "W")}`,
  ];
  if (centroid.bookings !== undefined) {
    parts.push(`${formatMoney(centroid.bookings, currency)} bookings`);
  }
  return parts.join(" · ");
}

function formatDegrees(value: number, positive: string, negative: string) {
  return `${Math.abs(value).toFixed(1)}° ${value < 0 ? negative : positive}`;
}

/**
 * Lists the features that separate a segment most, such as
 * ["potential +1.4 σ", "latitude −0.8 σ"]: the `count` largest |z| first.
 */
export function formatSeparation(
  separation: readonly FeatureSeparation[],
  count = 3,
): string[] {
  return separation.slice(0, count).map(({ feature, zScore }) => {
    const sign = zScore < 0 ? "−" : "+";
    return `${FEATURE_LABELS[feature]} ${sign}${Math.abs(zScore).toFixed(1)} σ`;
  });
}
