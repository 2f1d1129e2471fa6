import { centsToString, formatMoney, MoneyDecimal } from "../../money.ts";
import type { CompPlan, RepPeriodInput } from "./plan.ts";
import { earningContext, earningLines } from "./earnings.ts";
import { sumCents } from "./line.ts";
import { validatePlan } from "./validate-plan.ts";
import { validateInput } from "./validate-input.ts";
import { ProblemList } from "./checks.ts";
import { PayoutInputError } from "./errors.ts";

/** One point of a payout curve. */
export interface CurvePoint {
  /** Attainment as given, such as "1.25". */
  attainment: string;
  /** Credited amount at that attainment, to the cent. */
  credited: string;
  /** Component lines after caps and gates, to the cent. */
  earnings: string;
}

/**
 * Computes earnings against attainment for a chart: for each attainment
 * point, the credited amount is quota x attainment rounded to the cent.
 * SPIFs earn nothing here because no product credits are given, and
 * draws and clawbacks are left out because they depend on other periods.
 * A year-to-date tiered component is read as the first period of the year.
 */
export function payoutCurve(
  plan: CompPlan,
  quota: string,
  points: readonly string[],
): CurvePoint[] {
  validatePlan(plan);
  checkCurveInput(quota, points);

  return points.map((attainment, index) => {
    const credited = formatMoney(new MoneyDecimal(quota).times(attainment));
    const input: RepPeriodInput = {
      repId: "curve",
      periodId: `point ${index}`,
      start: "2000-01-01",
      end: "2000-01-01",
      credited,
      quota,
      yearToDate: { creditedBefore: "0", quota },
    };
    validateInput(plan, input);

    const lines = earningLines(plan, earningContext(input));
    return { attainment, credited, earnings: centsToString(sumCents(lines)) };
  });
}

function checkCurveInput(quota: string, points: readonly string[]): void {
  const list = new ProblemList();
  list.decimal("quota", quota, "positive");
  points.forEach((point, index) => list.decimal(`points[${index}]`, point));
  if (list.problems.length > 0) {
    throw new PayoutInputError("the payout curve", list.problems);
  }
}
