import { parseMoney, toCents } from "../money.ts";
import {
  SegmentationInputError,
  type FeatureName,
  type SegmentationAccount,
  type SegmentationDeal,
} from "./types.ts";

/**
 * Feature columns of the accounts: raw values in their own units, and a
 * standardised row-major matrix for k-means.
 */
export interface FeatureMatrix {
  names: FeatureName[];
  /** Raw value of each feature, one column per name, in input order. */
  raw: Float64Array[];
  /** Standardised values, row-major: account i, feature f at i * dimensions + f. */
  values: Float64Array;
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

/** Builds the feature columns and standardises each to mean 0 and deviation 1. */
export function buildFeatures(
  accounts: readonly SegmentationAccount[],
  deals: readonly SegmentationDeal[] | undefined,
): FeatureMatrix {
  const names: FeatureName[] = [
    "potential",
    "population",
    "longitude",
    "latitude",
  ];
  const raw = accountColumns(accounts);
  if (deals !== undefined) {
    names.push("bookings", "dealCount");
    raw.push(...bookingColumns(accounts, deals));
  }

  const count = accounts.length;
  const dimensions = names.length;
  const values = new Float64Array(count * dimensions);
  names.forEach((name, f) => {
    const scaled = LOG_SCALED.has(name) ? raw[f].map(signedLog) : raw[f];
    standardise(name, scaled, values, f, dimensions);
  });
  return { names, raw, values, dimensions, count };
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

/** Writes (value - mean) / deviation of one column into the row-major matrix. */
function standardise(
  name: FeatureName,
  column: Float64Array,
  values: Float64Array,
  feature: number,
  dimensions: number,
) {
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
}
