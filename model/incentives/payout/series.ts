import { MoneyDecimal, toCents } from "../../money.ts";
import type { CompPlan, RepPeriodInput } from "./plan.ts";
import { dayNumber, ProblemList } from "./checks.ts";
import { PayoutInputError } from "./errors.ts";
import { periodPayout, type PeriodPayout } from "./payout.ts";
import { checkInput } from "./validate-input.ts";
import { validatePlan } from "./validate-plan.ts";

/**
 * Computes the payouts of one rep over consecutive periods, carrying the
 * recoverable draw balance from one period to the next (see applyDraw).
 * Raises PayoutPlanError or PayoutInputError listing every problem.
 */
export function payoutSeries(
  plan: CompPlan,
  periods: RepPeriodInput[],
  openingBalance = "0.00",
): PeriodPayout[] {
  validatePlan(plan);
  validateSeries(plan, periods, openingBalance);

  let balanceCents = toCents(new MoneyDecimal(openingBalance));
  return periods.map((input) => {
    const payout = periodPayout(plan, input, balanceCents);
    balanceCents = toCents(new MoneyDecimal(payout.drawBalance));
    return payout;
  });
}

/**
 * Checks every period and the opening balance, and that the periods follow
 * each other without overlap. Raises PayoutInputError listing every problem.
 */
function validateSeries(
  plan: CompPlan,
  periods: RepPeriodInput[],
  openingBalance: string,
): void {
  const list = new ProblemList();
  list.decimal("openingBalance", openingBalance);

  periods.forEach((input, index) => {
    const periodList = new ProblemList();
    checkInput(periodList, plan, input);
    for (const problem of periodList.problems) {
      list.add(`periods[${index}].${problem.field}`, problem.message);
    }

    const previous = periods[index - 1];
    const start = dayNumber(input.start);
    const previousEnd = previous && dayNumber(previous.end);
    if (
      start !== undefined &&
      previousEnd !== undefined &&
      start <= previousEnd
    ) {
      list.add(
        `periods[${index}].start`,
        `is ${input.start}, not after the previous period's end ${previous.end}. List periods in date order without overlap.`,
      );
    }
  });

  if (list.problems.length > 0) {
    throw new PayoutInputError("the draw series", list.problems);
  }
}
