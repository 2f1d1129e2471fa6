import { amountLimitProblem } from "../amount-limit.ts";
import { LedgerInputError } from "./errors.ts";
import { isLedgerLine } from "./lines.ts";
import type { SettleInput } from "./types.ts";

const AMOUNT_PATTERN = /^-?\d+(\.\d{1,2})?$/;

/**
 * Raises LedgerInputError listing every problem of the periods, the current
 * statements and the approved records. Adjustments are checked one by one
 * while settling, so one bad stored entry cannot block every statement.
 */
export function checkSettleInput(input: SettleInput): void {
  const problems = [
    ...periodProblems(input),
    ...currentProblems(input),
    ...recordProblems(input),
  ];
  if (problems.length > 0) throw new LedgerInputError(problems);
}

function periodProblems(input: SettleInput): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const period of input.periods) {
    if (seen.has(period.id)) {
      problems.push(
        `Duplicate period "${period.id}". List each period once, in date order.`,
      );
    }
    seen.add(period.id);
  }
  return problems;
}

function currentProblems(input: SettleInput): string[] {
  const periods = new Set(input.periods.map((p) => p.id));
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const statement of input.current) {
    const name = `rep "${statement.repId}" in period "${statement.periodId}"`;
    const key = `${statement.repId}\n${statement.periodId}`;
    if (seen.has(key)) {
      problems.push(
        `Duplicate current statement for ${name}. Pass one statement per rep-period.`,
      );
    }
    seen.add(key);
    if (!periods.has(statement.periodId)) {
      problems.push(
        `Current statement for ${name} names an unknown period. Add the period to periods.`,
      );
    }
    if (statement.adjustments.some(isLedgerLine)) {
      problems.push(
        `Current statement for ${name} already has ledger lines. Pass statements as buildStatements returns them.`,
      );
    }
  }
  return problems;
}

function recordProblems(input: SettleInput): string[] {
  const problems: string[] = [];
  for (const record of input.records) {
    if (record.kind !== "approved") continue;
    const frozen = record.statement;
    if (frozen === null) {
      problems.push(
        `Approved record ${record.seq} for rep "${record.repId}" in period "${record.periodId}" has no frozen statement. Store the statement when approving.`,
      );
    } else if (
      frozen.repId !== record.repId ||
      frozen.periodId !== record.periodId
    ) {
      problems.push(
        `Approved record ${record.seq} for rep "${record.repId}" in period "${record.periodId}" contains the statement of rep "${frozen.repId}" in period "${frozen.periodId}". Store the statement of the approved rep-period.`,
      );
    }
  }
  return problems;
}

/**
 * Returns the problem of an adjustment amount as a sentence, or null when it
 * is a decimal string to the cent such as "-120.50" below MAX_PAY_AMOUNT.
 */
export function adjustmentAmountProblem(amount: string): string | null {
  if (typeof amount !== "string" || !AMOUNT_PATTERN.test(amount)) {
    return `Invalid adjustment amount ${JSON.stringify(amount)}. Write a decimal with at most two digits after the point, such as "-120.50".`;
  }
  const limit = amountLimitProblem(amount);
  if (limit === null) return null;
  return `Invalid adjustment amount: it ${limit}. Enter the amount to the cent.`;
}
