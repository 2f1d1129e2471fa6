import { centsToString, MoneyDecimal, toCents } from "../../money.ts";
import { makeTrace, type Trace } from "../../trace.ts";
import type { CompPlan, RepPeriodInput } from "./plan.ts";
import { ProblemList } from "./checks.ts";
import { clawbackLines } from "./clawback.ts";
import type { EarningContext } from "./components.ts";
import { applyDraw } from "./draws.ts";
import { earningContext, earningLines } from "./earnings.ts";
import { PayoutInputError } from "./errors.ts";
import { sumCents, type PayoutLine } from "./line.ts";
import { checkInput } from "./validate-input.ts";
import { validatePlan } from "./validate-plan.ts";

/** Payout of one rep for one period. */
export interface PeriodPayout {
  repId: string;
  periodId: string;
  /** Credited / quota to four places, for display. Rules use the exact value. */
  attainment: string;
  /** Component lines, then the total cap line when the cap applies. */
  lines: PayoutLine[];
  /** Clawbacks and draw recoveries. */
  adjustments: PayoutLine[];
  /** Draw paid this period, "0.00" without a draw. */
  draw: PayoutLine;
  /** Recoverable draw still owed after this period. */
  drawBalance: string;
  /** Exact sum of lines, adjustments and draw, to the cent. */
  payable: string;
  payableTrace: Trace;
}

/**
 * Computes the payout of one rep-period. `openingBalance` is the
 * recoverable draw still owed before the period (see payoutSeries for
 * several periods). Raises PayoutPlanError or PayoutInputError.
 */
export function computePayout(
  plan: CompPlan,
  input: RepPeriodInput,
  openingBalance = "0.00",
): PeriodPayout {
  validatePlan(plan);
  const list = new ProblemList();
  checkInput(list, plan, input);
  list.decimal("openingBalance", openingBalance);
  if (list.problems.length > 0) {
    throw new PayoutInputError(`period "${input.periodId}"`, list.problems);
  }

  const balanceCents = toCents(new MoneyDecimal(openingBalance));
  return periodPayout(plan, input, balanceCents);
}

/**
 * Computes one period from validated input: component lines, then the draw
 * on those earnings, then clawbacks. Clawbacks come after the draw, so they
 * can make the payable negative.
 */
export function periodPayout(
  plan: CompPlan,
  input: RepPeriodInput,
  balanceCents: number,
): PeriodPayout {
  const context = earningContext(input);
  const lines = earningLines(plan, context);
  const step = applyDraw(plan.draw, sumCents(lines), balanceCents);
  const adjustments = [
    ...step.recovery,
    ...clawbackLines(plan.clawback, input),
  ];
  const balance = centsToString(step.balanceCents);
  return assemblePayout(input, context, lines, adjustments, step.draw, balance);
}

/** Sums lines, adjustments and draw into the payable, with its trace. */
function assemblePayout(
  input: RepPeriodInput,
  context: EarningContext,
  lines: PayoutLine[],
  adjustments: PayoutLine[],
  draw: PayoutLine,
  drawBalance: string,
): PeriodPayout {
  const all = [...lines, ...adjustments, draw];
  const payable = centsToString(sumCents(all));
  const payableTrace = makeTrace(
    "Payable",
    payable,
    "sum of the rounded lines, adjustments and draw",
    {},
    all.map((line) => line.trace),
  );
  return {
    repId: input.repId,
    periodId: input.periodId,
    attainment: context.attainment.toFixed(4),
    lines,
    adjustments,
    draw,
    drawBalance,
    payable,
    payableTrace,
  };
}
