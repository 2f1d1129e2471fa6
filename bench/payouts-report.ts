// Comparison and printed summaries of the payout benchmark.
import type { Statement } from "../model/incentives/statements/types.ts";
import { centsToString, parseMoney, toCents } from "../model/money.ts";
import type { PayoutBenchInput } from "./payouts-data.ts";
import type { FloatStatement } from "./payouts-float.ts";

/** Differences of one figure between the model and the floats over all rep-periods. */
export interface FigureDifference {
  differing: number;
  largestCents: number;
  /** The rep-period with the largest difference, or null when none differ. */
  worst: {
    repId: string;
    periodId: string;
    exact: string;
    float: number;
  } | null;
}

export interface StatementComparison {
  compared: number;
  credited: FigureDifference;
  payable: FigureDifference;
  /** Rep-periods whose payable differs although their credited amount agrees. */
  payableWithEqualCredit: number;
}

/**
 * Compares each statement's credited amount and payable with the float
 * result of the same rep-period, in cents: the float rounded to the
 * nearest cent against the model's exact cents. Raises when the two lists
 * do not hold the same rep-periods in the same order.
 */
export function compareStatements(
  statements: readonly Statement[],
  floats: readonly FloatStatement[],
): StatementComparison {
  if (statements.length !== floats.length) {
    throw new Error(
      `The model made ${statements.length} statements but the float payout made ${floats.length}. Both must cover every rep with a quota in every period.`,
    );
  }
  const credited = emptyDifference();
  const payable = emptyDifference();
  let payableWithEqualCredit = 0;

  statements.forEach((statement, i) => {
    const float = floats[i];
    if (
      float.repId !== statement.repId ||
      float.periodId !== statement.periodId
    ) {
      throw new Error(
        `Statement ${i} is ${statement.repId} ${statement.periodId} in the model but ${float.repId} ${float.periodId} in the float payout. Both must list reps by id, then periods.`,
      );
    }
    const where = { repId: statement.repId, periodId: statement.periodId };
    const creditedDiffers = record(
      credited,
      where,
      statement.credited.amount,
      float.credited,
    );
    const payableDiffers = record(
      payable,
      where,
      statement.payable,
      float.payable,
    );
    if (payableDiffers && !creditedDiffers) payableWithEqualCredit += 1;
  });
  return {
    compared: statements.length,
    credited,
    payable,
    payableWithEqualCredit,
  };
}

function emptyDifference(): FigureDifference {
  return { differing: 0, largestCents: 0, worst: null };
}

/** Adds one rep-period's figure to the difference and returns whether it differs. */
function record(
  difference: FigureDifference,
  where: { repId: string; periodId: string },
  exact: string,
  float: number,
): boolean {
  const cents = Math.abs(toCents(parseMoney(exact)) - Math.round(float * 100));
  if (cents === 0) return false;
  difference.differing += 1;
  if (cents > difference.largestCents) {
    difference.largestCents = cents;
    difference.worst = { ...where, exact, float };
  }
  return true;
}

/** Describes the generated input in one line: deals by split shape and currency, reps and periods. */
export function describeInput(input: PayoutBenchInput): string {
  const bySplits = new Map<number, number>();
  let foreign = 0;
  for (const deal of input.deals) {
    const count = deal.splits.length;
    bySplits.set(count, (bySplits.get(count) ?? 0) + 1);
    if (deal.currency !== input.planCurrency) foreign += 1;
  }
  const splits = [...bySplits]
    .sort(([a], [b]) => a - b)
    .map(([count, deals]) => `${number(deals)} with ${count} split(s)`)
    .join(", ");
  const reps = Object.keys(input.quotas).length;
  return (
    `Input: ${number(input.deals.length)} deals (${splits}; ${number(foreign)} not in ${input.planCurrency}), ` +
    `${number(reps)} reps, ${input.periods.length} periods, ${number(reps * input.periods.length)} rep-periods.`
  );
}

/** Describes the rep-period with the largest difference of each figure, one line each. */
export function describeWorst(comparison: StatementComparison): string[] {
  const lines: string[] = [];
  const figures = [
    ["credited", comparison.credited],
    ["payable", comparison.payable],
  ] as const;
  for (const [name, difference] of figures) {
    const worst = difference.worst;
    if (worst === null) {
      lines.push(`Every ${name} amount agrees to the cent.`);
      continue;
    }
    const floatCents = centsToString(Math.round(worst.float * 100));
    lines.push(
      `${number(difference.differing)} ${name} amounts differ; the largest difference, ${centsText(difference.largestCents)}, is ${worst.repId} ${worst.periodId}: model ${worst.exact}, floats ${floatCents} (${worst.float}).`,
    );
  }
  return lines;
}

function number(value: number): string {
  return value.toLocaleString("en");
}

/** Writes a count of cents in words, such as "1 cent" or "3 cents". */
export function centsText(cents: number): string {
  return `${cents} ${cents === 1 ? "cent" : "cents"}`;
}
