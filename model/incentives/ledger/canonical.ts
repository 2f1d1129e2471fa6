import { MoneyDecimal } from "../../money.ts";
import type { Credit, CreditKind } from "../crediting/types.ts";
import type { PayoutLine, YearToDate } from "../payout/index.ts";
import type { Statement, StatementCancellation } from "../statements/types.ts";

/** Version of the canonical text. A change to its layout raises it. */
const CANONICAL_FORMAT = 1;

/** Position of each credit kind in the canonical text. A new kind fails to compile until it is listed. */
const CREDIT_KIND_ORDER: Record<CreditKind, number> = {
  direct: 0,
  split: 1,
  overlay: 2,
  rollup: 3,
};
const CREDIT_KINDS = (Object.keys(CREDIT_KIND_ORDER) as CreditKind[]).sort(
  (a, b) => CREDIT_KIND_ORDER[a] - CREDIT_KIND_ORDER[b],
);

/**
 * Writes every figure of a statement as JSON with a fixed key order and no
 * traces, so that equal statements give equal text on every machine. Decimal
 * strings are written in their shortest form ("1250.50" and "1250.5" are
 * equal), and credits are sorted because their order carries no meaning.
 * Line order is kept, because it is the order a statement shows.
 */
export function canonicalStatement(statement: Statement): string {
  const credits = [...statement.credits]
    .sort(compareCredits)
    .map(canonicalCredit);
  return JSON.stringify({
    format: CANONICAL_FORMAT,
    repId: statement.repId,
    periodId: statement.periodId,
    credits,
    credited: decimal(statement.credited.amount),
    creditedByKind: CREDIT_KINDS.map((kind) => [
      kind,
      decimal(statement.creditedByKind[kind].amount),
    ]),
    quota: decimal(statement.quota),
    attainment: decimal(statement.attainment),
    yearToDate: canonicalYearToDate(statement.yearToDate),
    cancellations: [...statement.cancellations]
      .sort(compareCancellations)
      .map(canonicalCancellation),
    lines: statement.lines.map(canonicalLine),
    adjustments: statement.adjustments.map(canonicalLine),
    draw: canonicalLine(statement.draw),
    payable: decimal(statement.payable),
  });
}

function canonicalCredit(credit: Credit) {
  return {
    dealId: credit.dealId,
    repId: credit.repId,
    kind: credit.kind,
    ruleId: credit.ruleId,
    amount: decimal(credit.amount),
  };
}

function canonicalYearToDate(yearToDate: YearToDate | undefined) {
  if (yearToDate === undefined) return null;
  return {
    creditedBefore: decimal(yearToDate.creditedBefore),
    quota: decimal(yearToDate.quota),
  };
}

function canonicalCancellation(cancellation: StatementCancellation) {
  return {
    dealId: cancellation.dealId,
    cancellationId: cancellation.cancellationId,
    closeDate: cancellation.closeDate,
    cancelDate: cancellation.cancelDate,
    cancelledCredit: decimal(cancellation.cancelledCredit),
    paidAmount: decimal(cancellation.paidAmount.amount),
  };
}

function canonicalLine(line: PayoutLine) {
  return {
    componentId: line.componentId,
    label: line.label,
    amount: decimal(line.amount),
  };
}

function compareCredits(a: Credit, b: Credit): number {
  return (
    compareText(a.dealId, b.dealId) ||
    compareText(a.repId, b.repId) ||
    compareText(a.kind, b.kind) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.amount, b.amount)
  );
}

function compareCancellations(
  a: StatementCancellation,
  b: StatementCancellation,
): number {
  return (
    compareText(a.cancellationId, b.cancellationId) ||
    compareText(a.dealId, b.dealId)
  );
}

/** Compares by UTF-16 code units, the same on every machine and locale. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Shortest plain form of a decimal string, with "-0" written as "0". */
function decimal(text: string): string {
  const value = new MoneyDecimal(text);
  return value.isZero() ? "0" : value.toFixed();
}
