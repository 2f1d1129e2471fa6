import { parseMoney, toCents } from "../money.ts";
import {
  ALL_FEATURES,
  SegmentationInputError,
  type FeatureName,
  type FeatureScaling,
  type SegmentationAccount,
  type SegmentationDeal,
} from "./types.ts";

/**
 * Feature columns of the accounts: raw values of every feature the input
 * has, in their own units, and a standardised row-major matrix of the
 * features chosen for k-means.
 */
export interface FeatureMatrix {
  /** Features of the standardised matrix, in column order. */
  names: FeatureName[];
  /** Every feature the input has, chosen or not, in column order of `raw`. */
  rawNames: FeatureName[];
  /** Raw value of each feature in `rawNames`, in input order. */
  raw: Float64Array[];
  /** Standardised values, row-major: account i, feature f at i * dimensions + f. */
  values: Float64Array;
  /** Scaling of each feature in `names`, in the same order. */
  scaling: FeatureScaling[];
  dimensions: number;
  count: number;
}

/**
 * Features whose values span orders of magnitude. They are standardised
 * after a signed log1p, so that a few large accounts do not dominate the
 * distances.
 */
const LOG_SCALED: ReadonlySet<FeatureName> = new Set([
  "potential",
  "population",
  "bookings",
  "dealCount",
]);

/**
 * Builds the feature columns and standardises each chosen one to mean 0 and
 * deviation 1. `chosen` defaults to every feature the input has.
 */
export function buildFeatures(
  accounts: readonly SegmentationAccount[],
  deals: readonly SegmentationDeal[] | undefined,
  chosen?: readonly FeatureName[],
): FeatureMatrix {
  const rawNames: FeatureName[] = [
    "potential",
    "population",
    "longitude",
    "latitude",
  ];
  const raw = accountColumns(accounts);
  if (deals !== undefined) {
    rawNames.push("bookings", "dealCount");
    raw.push(...bookingColumns(accounts, deals));
  }
  const names = chosenFeatures(rawNames, chosen);

  const count = accounts.length;
  const dimensions = names.length;
  const values = new Float64Array(count * dimensions);
  const scaling = names.map((name, f) => {
    const logScaled = LOG_SCALED.has(name);
    const column = raw[rawNames.indexOf(name)];
    const scaled = logScaled ? column.map(signedLog) : column;
    const { mean, deviation } = standardise(
      name,
      scaled,
      values,
      f,
      dimensions,
    );
    return { feature: name, logScaled, mean, deviation };
  });
  return { names, rawNames, raw, values, scaling, dimensions, count };
}

/** Returns the chosen features in column order, after checking the input has each one. */
function chosenFeatures(
  available: readonly FeatureName[],
  chosen: readonly FeatureName[] | undefined,
): FeatureName[] {
  if (chosen === undefined) return [...available];
  if (chosen.length === 0) {
    throw new SegmentationInputError(
      "No features are chosen. Choose at least one feature, such as potential.",
    );
  }
  for (const name of chosen) {
    if (!ALL_FEATURES.includes(name)) {
      throw new SegmentationInputError(
        `Feature "${String(name)}" is unknown. Choose from ${ALL_FEATURES.join(", ")}.`,
      );
    }
    if (!available.includes(name)) {
      throw new SegmentationInputError(
        `Feature "${name}" needs the deal history. Pass deals, or leave "${name}" out of the features.`,
      );
    }
  }
  return available.filter((name) => chosen.includes(name));
}

/**
 * Returns the standardised value of one raw value under a feature's
 * scaling, the same transform `buildFeatures` applies.
 */
export function scaleValue(scaling: FeatureScaling, value: number): number {
  const transformed = scaling.logScaled ? signedLog(value) : value;
  return (transformed - scaling.mean) / scaling.deviation;
}

// NOTE: longitude is a plain linear axis, so accounts on both sides of the
// antimeridian (Guam at 145 E, American Samoa at 171 W) come out far apart.
function accountColumns(
  accounts: readonly SegmentationAccount[],
): Float64Array[] {
  const count = accounts.length;
  const potential = new Float64Array(count);
  const population = new Float64Array(count);
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  const seen = new Set<string>();

  accounts.forEach((account, i) => {
    if (seen.has(account.id)) {
      throw new SegmentationInputError(
        `Account id "${account.id}" appears twice. Give each account a unique id.`,
      );
    }
    seen.add(account.id);
    checkFinite(account, "potentialCents", account.potentialCents);
    checkFinite(account, "population", account.population);
    checkFinite(account, "lon", account.lon);
    checkFinite(account, "lat", account.lat);
    if (!Number.isSafeInteger(account.potentialCents)) {
      throw new SegmentationInputError(
        `Account "${account.id}" has potentialCents ${account.potentialCents}, which is not a whole number of cents. Convert the potential with toCents.`,
      );
    }
    potential[i] = account.potentialCents;
    population[i] = account.population;
    lon[i] = account.lon;
    lat[i] = account.lat;
  });
  return [potential, population, lon, lat];
}

function checkFinite(
  account: SegmentationAccount,
  field: string,
  value: number,
) {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new SegmentationInputError(
      `Account "${account.id}" has ${field} ${String(value)}, which is not a finite number. Fix the account's ${field}.`,
    );
  }
}

/** Net bookings in integer cents and the number of positive deals, per account. */
function bookingColumns(
  accounts: readonly SegmentationAccount[],
  deals: readonly SegmentationDeal[],
): Float64Array[] {
  const indexById = new Map(accounts.map((a, i) => [a.id, i]));
  const bookings = new Float64Array(accounts.length);
  const dealCount = new Float64Array(accounts.length);

  for (const deal of deals) {
    const index = indexById.get(deal.account);
    if (index === undefined) {
      throw new SegmentationInputError(
        `A deal names account "${deal.account}", which is not among the accounts to segment. Add the account or leave its deals out.`,
      );
    }
    const cents = toCents(
      parseMoney(deal.amount, `amount of a deal for "${deal.account}"`),
    );
    bookings[index] += cents;
    if (cents > 0) dealCount[index] += 1;
  }
  return [bookings, dealCount];
}

function signedLog(value: number): number {
  return Math.sign(value) * Math.log1p(Math.abs(value));
}

/** Writes (value - mean) / deviation of one column into the row-major matrix and returns both. */
function standardise(
  name: FeatureName,
  column: Float64Array,
  values: Float64Array,
  feature: number,
  dimensions: number,
): { mean: number; deviation: number } {
  const count = column.length;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += column[i];
  const mean = sum / count;

  let squares = 0;
  for (let i = 0; i < count; i++) squares += (column[i] - mean) ** 2;
  const deviation = Math.sqrt(squares / count);

  // A relative bound, so rounding noise in a constant column counts as constant.
  if (!(deviation > 1e-12 * Math.max(1, Math.abs(mean)))) {
    throw new SegmentationInputError(
      `Feature "${name}" has the same value for every account, so it cannot be standardised or separate segments. Fix the input, or leave the deals out if "${name}" comes from them.`,
    );
  }
  for (let i = 0; i < count; i++) {
    values[i * dimensions + feature] = (column[i] - mean) / deviation;
  }
  return { mean, deviation };
}
