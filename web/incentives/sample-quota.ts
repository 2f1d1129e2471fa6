import { MoneyDecimal, formatMoney } from "../../model/money.ts";
import type { PlannedRep } from "../../model/planning/inputs.ts";
import type { NodeQuota } from "../../model/quota/types.ts";

/** Months in a fiscal year: the curve shows one month of a rep's year. */
const MONTHS_PER_YEAR = 12;
/** Quota the curve uses when no rep of the plan has a quota yet. */
export const FALLBACK_QUOTA = "10000.00";

/** A period quota for the payout curve, with where it came from. */
export interface SampleQuota {
  quota: string;
  source: string;
}

/**
 * Picks the monthly quota the payout curve starts with: the median, over
 * the reps a comp plan pays, of annual quota / 12 rounded half-even to the
 * cent. The median of an even count is the mean of the two middle values,
 * rounded the same way. Without any quota it returns FALLBACK_QUOTA with a
 * source text that explains the fallback.
 */
export function sampleQuota(
  roleIds: readonly string[],
  reps: readonly PlannedRep[],
  quotas: readonly NodeQuota[],
): SampleQuota {
  const annualByRep = new Map(
    quotas
      .filter((quota) => quota.level === "rep")
      .map((quota) => [quota.nodeId, quota.annual]),
  );
  const monthly = reps
    .filter((rep) => roleIds.includes(rep.roleId))
    .map((rep) => annualByRep.get(rep.id))
    .filter((annual): annual is string => annual !== undefined)
    .map((annual) =>
      toCentsDecimal(new MoneyDecimal(annual).dividedBy(MONTHS_PER_YEAR)),
    )
    .filter((quota) => quota.greaterThan(0));

  if (monthly.length === 0) {
    return {
      quota: FALLBACK_QUOTA,
      source:
        "No rep on this plan has a quota yet, so the curve uses a sample monthly quota. Enter one to match your reps.",
    };
  }
  const median = medianOf(monthly);
  const count = monthly.length === 1 ? "1 rep" : `${monthly.length} reps`;
  return {
    quota: formatMoney(median),
    source: `Median monthly quota of the ${count} on this plan (annual quota / 12).`,
  };
}

/** Returns the median of non-empty values, rounded half-even to the cent. */
export function medianOf(values: readonly MoneyDecimal[]): MoneyDecimal {
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle];
  return toCentsDecimal(sorted[middle - 1].plus(sorted[middle]).dividedBy(2));
}

function toCentsDecimal(value: MoneyDecimal): MoneyDecimal {
  return value.toDecimalPlaces(2, MoneyDecimal.ROUND_HALF_EVEN);
}
