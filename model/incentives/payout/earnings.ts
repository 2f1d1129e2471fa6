import { centsToString, MoneyDecimal, toCents } from "../../money.ts";
import { makeTrace } from "../../trace.ts";
import type { CompPlan, RepPeriodInput } from "./plan.ts";
import { dayNumber } from "./checks.ts";
import { componentLine, type EarningContext } from "./components.ts";
import { roundedLine, sumCents, type PayoutLine } from "./line.ts";

/** Component id of the line that brings earnings down to the total cap. */
export const TOTAL_CAP_ID = "totalCap";

/** Component lines and the total cap line for validated figures. */
export function earningLines(
  plan: CompPlan,
  context: EarningContext,
): PayoutLine[] {
  const lines = plan.components.map((c) => componentLine(c, context));
  if (plan.totalCap === undefined) return lines;

  const capCents = toCents(new MoneyDecimal(plan.totalCap));
  const earnedCents = sumCents(lines);
  if (earnedCents <= capCents) return lines;

  const cut = new MoneyDecimal(plan.totalCap).minus(centsToString(earnedCents));
  const trace = makeTrace(
    "Total cap",
    cut.toFixed(),
    "total cap - sum of component lines",
    {
      "total cap": plan.totalCap,
      "sum of component lines": centsToString(earnedCents),
    },
  );
  return [...lines, roundedLine(TOTAL_CAP_ID, "Total cap", cut, trace)];
}

/** Builds the figures components read from validated input. */
export function earningContext(input: RepPeriodInput): EarningContext {
  const credited = new MoneyDecimal(input.credited);
  const quota = new MoneyDecimal(input.quota);
  const start = dayNumber(input.start) ?? 0;
  const end = dayNumber(input.end) ?? 0;
  const productCredits = (input.productCredits ?? []).filter((credit) => {
    const day = dayNumber(credit.date) ?? 0;
    return day >= start && day <= end;
  });

  const ytd = input.yearToDate;
  const yearToDate =
    ytd === undefined
      ? undefined
      : {
          creditedBefore: new MoneyDecimal(ytd.creditedBefore),
          quota: new MoneyDecimal(ytd.quota),
        };
  const attainment = credited.dividedBy(quota);
  return { credited, quota, attainment, yearToDate, productCredits };
}
