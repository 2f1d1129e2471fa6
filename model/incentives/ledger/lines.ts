import { centsToString, MoneyDecimal, toCents } from "../../money.ts";
import { makeTrace } from "../../trace.ts";
import { sumCents, type PayoutLine } from "../payout/line.ts";
import type { Statement } from "../statements/types.ts";
import type { AdjustmentEntry } from "./types.ts";

/**
 * Ledger lines are stored in a statement's adjustments with these id
 * prefixes. A correction line's id ends with the period it corrects, and an
 * adjustment line's id ends with the id of its AdjustmentEntry.
 */
export const CORRECTION_PREFIX = "correction:";
export const ADJUSTMENT_PREFIX = "adjustment:";

export function isLedgerLine(line: PayoutLine): boolean {
  return (
    line.componentId.startsWith(CORRECTION_PREFIX) ||
    line.componentId.startsWith(ADJUSTMENT_PREFIX)
  );
}

/** Payable without ledger lines in cents, which is what the plan itself pays. */
export function basePayableCents(statement: Statement): number {
  const ledger = statement.adjustments.filter(isLedgerLine);
  return toCents(new MoneyDecimal(statement.payable)) - sumCents(ledger);
}

/** Correction lines for `periodId` in a statement. */
export function correctionLinesFor(
  statement: Statement,
  periodId: string,
): PayoutLine[] {
  const id = CORRECTION_PREFIX + periodId;
  return statement.adjustments.filter((line) => line.componentId === id);
}

/** Ids of the adjustment entries whose lines a statement contains. */
export function adjustmentIdsIn(statement: Statement): string[] {
  return statement.adjustments
    .filter((line) => line.componentId.startsWith(ADJUSTMENT_PREFIX))
    .map((line) => line.componentId.slice(ADJUSTMENT_PREFIX.length));
}

export interface CorrectionFigures {
  current: Statement;
  frozen: Statement;
  /** Correction lines for the period already frozen in approved statements. */
  approvedCorrections: PayoutLine[];
}

/**
 * Makes the line that pays the change of an approved period's base payable:
 * current base payable - frozen base payable - corrections already approved.
 * Returns null when nothing is left to correct.
 */
export function correctionLine(figures: CorrectionFigures): PayoutLine | null {
  const { current, frozen, approvedCorrections } = figures;
  const currentCents = basePayableCents(current);
  const frozenCents = basePayableCents(frozen);
  const approvedCents = sumCents(approvedCorrections);

  const cents = currentCents - frozenCents - approvedCents;
  if (cents === 0) return null;

  const amount = centsToString(cents);
  const trace = makeTrace(
    `Correction ${frozen.repId} ${frozen.periodId}`,
    amount,
    "current base payable - frozen base payable - corrections already approved",
    {
      rep: frozen.repId,
      "corrected period": frozen.periodId,
      "current base payable": centsToString(currentCents),
      "frozen base payable": centsToString(frozenCents),
      "corrections already approved": centsToString(approvedCents),
    },
    [
      current.payableTrace,
      frozen.payableTrace,
      ...approvedCorrections.map((line) => line.trace),
    ],
  );
  return {
    componentId: CORRECTION_PREFIX + frozen.periodId,
    label: `Correction for ${frozen.periodId}`,
    amount,
    cents,
    trace,
  };
}

/** Makes the line of an adjustment entry paid in `paidIn`. */
export function adjustmentLine(
  entry: AdjustmentEntry,
  paidIn: string,
): PayoutLine {
  const cents = toCents(new MoneyDecimal(entry.amount));
  const amount = centsToString(cents);
  const trace = makeTrace(
    `Adjustment ${entry.repId} ${entry.periodId}`,
    amount,
    entry.disputeId === null
      ? "manual adjustment as entered"
      : "adjustment of an accepted dispute as entered",
    {
      rep: entry.repId,
      "entered for": entry.periodId,
      "paid in": paidIn,
      reason: entry.reason,
      dispute: entry.disputeId ?? "none",
      "entered by": entry.personId,
      adjustment: entry.id,
    },
  );
  return {
    componentId: ADJUSTMENT_PREFIX + entry.id,
    label: `Adjustment: ${entry.reason}`,
    amount,
    cents,
    trace,
  };
}

/** Adds ledger lines to a statement's adjustments and recomputes its payable. */
export function withLedgerLines(
  statement: Statement,
  ledger: readonly PayoutLine[],
): Statement {
  if (ledger.length === 0) return statement;

  const before = toCents(new MoneyDecimal(statement.payable));
  const ledgerCents = sumCents(ledger);
  const payable = centsToString(before + ledgerCents);
  const payableTrace = makeTrace(
    "Payable",
    payable,
    "payable before ledger lines + ledger lines",
    {
      "payable before ledger lines": centsToString(before),
      "ledger lines": centsToString(ledgerCents),
    },
    [statement.payableTrace, ...ledger.map((line) => line.trace)],
  );
  return {
    ...statement,
    adjustments: [...statement.adjustments, ...ledger],
    payable,
    payableTrace,
  };
}
