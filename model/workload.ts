import { tenthsToString } from "./coverage.ts";

/**
 * Workload weights per account segment, as decimal strings with at most one
 * digit after the point. An account adds the weight of its segment to the
 * workload of its unit; a segment missing from `segments` weighs `other`.
 */
export interface WorkloadWeights {
  segments: Readonly<Record<string, string>>;
  other: string;
}

/**
 * The weights the app uses: a county government account counts 1.0 and a
 * city government account 1.5, on the assumption that a city's many
 * departments take more of a rep's time. The figures are assumed, not
 * measured.
 * NOTE: the weights are a constant of the code, not a setting of the plan,
 * so every plan and every replica uses these until the plan can store its own.
 */
export const DEFAULT_WORKLOAD_WEIGHTS: WorkloadWeights = {
  segments: { county: "1.0", city: "1.5" },
  other: "1.0",
};

const WEIGHT_PATTERN = /^\d{1,6}(\.\d)?$/;

/** An account as the workload needs it: where it sits and its segment. */
export interface WorkloadAccount {
  unitId: string;
  segment: string;
}

/** Parses a weight such as "1.5" into integer tenths (15); raises on anything else. */
export function weightTenths(weight: string, segment: string): number {
  if (!WEIGHT_PATTERN.test(weight)) {
    throw new Error(
      `Workload weight ${JSON.stringify(weight)} of segment "${segment}" is invalid. Write a non-negative number with at most one decimal, such as 1.5.`,
    );
  }
  const [whole, fraction = "0"] = weight.split(".");
  return Number(whole) * 10 + Number(fraction);
}

/**
 * Sums the workload of each unit in integer tenths of a point, in the
 * order of `indexOf` (unit id -> position). Accounts in units outside
 * `indexOf` raise, as in the coverage index.
 */
export function workloadByUnit(
  indexOf: ReadonlyMap<string, number>,
  accounts: readonly WorkloadAccount[],
  weights: WorkloadWeights = DEFAULT_WORKLOAD_WEIGHTS,
): Float64Array {
  const tenthsOf = new Map(
    Object.entries(weights.segments).map(([segment, weight]) => [
      segment,
      weightTenths(weight, segment),
    ]),
  );
  const other = weightTenths(weights.other, "other");

  const workload = new Float64Array(indexOf.size);
  for (const account of accounts) {
    const i = indexOf.get(account.unitId);
    if (i === undefined) {
      throw new Error(
        `Account sits in unknown unit "${account.unitId}". Check the account dataset against the geography.`,
      );
    }
    workload[i] += tenthsOf.get(account.segment) ?? other;
  }
  return workload;
}

/** Formats workload tenths as a decimal string with one digit, such as "1234.5". */
export function workloadToString(tenths: number): string {
  if (!Number.isSafeInteger(tenths)) {
    throw new RangeError(`Workload must be whole tenths, got ${tenths}.`);
  }
  return tenthsToString(BigInt(tenths));
}
