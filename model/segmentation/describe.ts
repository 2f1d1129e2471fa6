import { centsToString, MoneyDecimal, toCents } from "../money.ts";
import type { FeatureMatrix } from "./features.ts";
import type {
  FeatureName,
  FeatureScaling,
  FeatureSeparation,
  Segment,
  SegmentCentroid,
} from "./types.ts";

/** Distance from the mean, in standard deviations, from which a feature names a segment. */
export const NAMING_THRESHOLD = 0.5;

/** Words for a centroid above and below the mean on each non-geographic feature. */
const DESCRIPTORS: Record<
  Exclude<FeatureName, "longitude" | "latitude">,
  [string, string]
> = {
  potential: ["High potential", "Low potential"],
  population: ["Large accounts", "Small accounts"],
  bookings: ["High bookings", "Low bookings"],
  dealCount: ["Frequent deals", "Few deals"],
};

/** Builds each segment's size, centroid in original units, separation and proposed name. */
export function describeSegments(
  features: FeatureMatrix,
  assignment: Int32Array,
  k: number,
): Segment[] {
  const sums = columnSums(features, assignment, k);
  const sizes = new Int32Array(k);
  for (let i = 0; i < assignment.length; i++) sizes[assignment[i]]++;

  const longitudes = circularMeanLongitudes(features, assignment, k);
  const segments: Segment[] = [];
  for (let c = 0; c < k; c++) {
    const separation = features.names.map((feature, f) => ({
      feature,
      zScore:
        feature === "longitude"
          ? longitudeZScore(longitudes[c], features.scaling[f])
          : sums.standard[c][f] / sizes[c],
    }));
    separation.sort((x, y) => Math.abs(y.zScore) - Math.abs(x.zScore));
    segments.push({
      index: c,
      name: proposeName(separation),
      accountCount: sizes[c],
      potentialCents: sums.raw[c][0],
      centroid: centroidOf(
        features.rawNames,
        sums.raw[c],
        sizes[c],
        longitudes[c],
      ),
      separation,
    });
  }
  makeNamesUnique(segments);
  return segments;
}

/** Per cluster and feature: sums of the raw values and of the standardised values. */
function columnSums(
  features: FeatureMatrix,
  assignment: Int32Array,
  k: number,
) {
  const { dimensions, values, raw } = features;
  const rawSums = Array.from({ length: k }, () =>
    new Array<number>(raw.length).fill(0),
  );
  const standardSums = Array.from({ length: k }, () =>
    new Array<number>(dimensions).fill(0),
  );
  for (let i = 0; i < assignment.length; i++) {
    const c = assignment[i];
    for (let f = 0; f < raw.length; f++) rawSums[c][f] += raw[f][i];
    for (let f = 0; f < dimensions; f++) {
      standardSums[c][f] += values[i * dimensions + f];
    }
  }
  return { raw: rawSums, standard: standardSums };
}

/**
 * Returns each cluster's circular mean longitude in degrees, in [-180, 180].
 * A plain mean of Guam (145 E) and American Samoa (171 W) would land near
 * 13 W in the Atlantic, so each longitude counts as a unit vector and the
 * mean is the direction of their sum. Sums run in input order, so a seed
 * gives the same result on every run.
 */
export function circularMeanLongitudes(
  features: FeatureMatrix,
  assignment: Int32Array,
  k: number,
): number[] {
  const column = features.raw[features.rawNames.indexOf("longitude")];
  const cosines = new Array<number>(k).fill(0);
  const sines = new Array<number>(k).fill(0);
  for (let i = 0; i < assignment.length; i++) {
    const radians = (column[i] * Math.PI) / 180;
    cosines[assignment[i]] += Math.cos(radians);
    sines[assignment[i]] += Math.sin(radians);
  }
  return cosines.map((x, c) => (Math.atan2(sines[c], x) * 180) / Math.PI);
}

/**
 * Returns how far a longitude lies east (positive) or west of the feature's
 * mean, in standard deviations. The difference is wrapped to [-180, 180)
 * degrees, so a Pacific segment at 175 E reads as west of a US-centred mean.
 */
function longitudeZScore(longitude: number, scaling: FeatureScaling): number {
  const difference = longitude - scaling.mean;
  const wrapped = difference - 360 * Math.floor((difference + 180) / 360);
  return wrapped / scaling.deviation;
}

/**
 * Returns means in original units of every feature the input has, chosen
 * or not. `names` starts with potential, population, longitude and
 * latitude, and the longitude is the circular mean passed in. Money is
 * divided exactly and rounded half-even to the cent.
 */
function centroidOf(
  names: FeatureName[],
  sums: number[],
  size: number,
  longitude: number,
): SegmentCentroid {
  const mean = (f: number) => sums[f] / size;
  const meanMoney = (f: number) =>
    centsToString(
      toCents(new MoneyDecimal(sums[f]).dividedBy(size).dividedBy(100)),
    );

  const centroid: SegmentCentroid = {
    potential: meanMoney(0),
    population: Math.round(mean(1)),
    lon: round(longitude, 4),
    lat: round(mean(3), 4),
  };
  if (names.includes("bookings")) {
    centroid.bookings = meanMoney(4);
    centroid.dealCount = round(mean(5), 2);
  }
  return centroid;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * Proposes a name from the strongest non-geographic feature and the
 * direction of the centroid from the mean location, such as
 * "High potential, West". Features within NAMING_THRESHOLD of the mean
 * give "Average" and "Central". Without longitude and latitude in
 * `separation`, the name has no location part.
 */
export function proposeName(separation: readonly FeatureSeparation[]): string {
  const z = (feature: FeatureName) =>
    separation.find((s) => s.feature === feature)?.zScore ?? 0;
  const located = separation.some(
    (s) => s.feature === "longitude" || s.feature === "latitude",
  );

  let profile = "Average accounts";
  for (const { feature, zScore } of separation) {
    if (feature === "longitude" || feature === "latitude") continue;
    if (Math.abs(zScore) >= NAMING_THRESHOLD) {
      profile = DESCRIPTORS[feature][zScore > 0 ? 0 : 1];
    }
    break;
  }
  if (!located) return profile;
  return `${profile}, ${direction(z("latitude"), z("longitude"))}`;
}

function direction(latitude: number, longitude: number): string {
  const northSouth =
    latitude >= NAMING_THRESHOLD
      ? "North"
      : latitude <= -NAMING_THRESHOLD
        ? "South"
        : "";
  const eastWest =
    longitude >= NAMING_THRESHOLD
      ? "East"
      : longitude <= -NAMING_THRESHOLD
        ? "West"
        : "";
  if (northSouth && eastWest) return `${northSouth}-${eastWest.toLowerCase()}`;
  return northSouth || eastWest || "Central";
}

/** Adds the segment's number to every name that more than one segment proposes. */
function makeNamesUnique(segments: Segment[]) {
  const counts = new Map<string, number>();
  for (const s of segments) counts.set(s.name, (counts.get(s.name) ?? 0) + 1);
  for (const s of segments) {
    if ((counts.get(s.name) ?? 0) > 1)
      s.name = `${s.name} (segment ${s.index + 1})`;
  }
}
