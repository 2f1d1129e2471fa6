import { centsToString, MoneyDecimal } from "../../money.ts";
import { isDecimalText } from "../payout/checks.ts";
import type { CompPlan, YearToDate } from "../payout/index.ts";
import type { FiscalPeriod } from "./types.ts";

/** Tells whether a tiered component of the plan runs on year-to-date figures. */
export function needsYearToDate(plan: CompPlan): boolean {
  return plan.components.some(
    (c) => c.type === "tiered" && c.basis === "yearToDate",
  );
}

/**
 * Computes each period's year-to-date figures within its fiscal year: the
 * credit of the year's earlier periods, and the quota of the year's periods
 * through this one. `quotas` and `creditedCents` run parallel to `periods`.
 */
export function yearToDateFigures(
  periods: readonly FiscalPeriod[],
  quotas: readonly string[],
  creditedCents: readonly number[],
): YearToDate[] {
  const creditedBefore = new Map<string, number>();
  const quotaThrough = new Map<string, MoneyDecimal>();

  return periods.map((period, index) => {
    const year = period.year ?? "";
    const before = creditedBefore.get(year) ?? 0;
    // An invalid quota adds nothing here, because payoutSeries rejects it.
    const text = quotas[index]!;
    const quota = (quotaThrough.get(year) ?? new MoneyDecimal(0)).plus(
      isDecimalText(text) ? text : "0",
    );
    creditedBefore.set(year, before + creditedCents[index]!);
    quotaThrough.set(year, quota);

    return { creditedBefore: centsToString(before), quota: quotaText(quota) };
  });
}

/** Writes a quota to the cent, or with every digit when it has more than two decimals. */
function quotaText(quota: MoneyDecimal): string {
  return quota.decimalPlaces() <= 2 ? quota.toFixed(2) : quota.toFixed();
}
