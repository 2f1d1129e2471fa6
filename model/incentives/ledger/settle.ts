import type { PayoutLine } from "../payout/line.ts";
import type { Statement } from "../statements/types.ts";
import { ledgerKey, readBook, type LedgerBook } from "./book.ts";
import { adjustmentAmountProblem, checkSettleInput } from "./check.ts";
import {
  adjustmentIdsIn,
  adjustmentLine,
  correctionLine,
  correctionLinesFor,
  withLedgerLines,
} from "./lines.ts";
import type {
  AdjustmentEntry,
  LedgerRecord,
  LedgerSettlement,
  PendingCorrection,
  SettledStatement,
  SettleInput,
} from "./types.ts";

/**
 * Settles the current statements against the ledger and returns one
 * SettledStatement per rep-period. Use settleLedger to also get the
 * corrections that found no open period.
 */
export function settleStatements(input: SettleInput): SettledStatement[] {
  return settleLedger(input).statements;
}

/**
 * Settles the current statements against the ledger. An approved
 * rep-period shows its frozen statement. Corrections of approved periods and
 * adjustments move to the rep's next open period, and those with no open
 * period left are returned in pendingCorrections. Raises LedgerInputError.
 */
export function settleLedger(input: SettleInput): LedgerSettlement {
  checkSettleInput(input);
  const ledger = new Ledger(input);

  ledger.placeCorrections();
  ledger.placeAdjustments();
  return {
    statements: ledger.settled(),
    pendingCorrections: ledger.pending,
    problems: ledger.problems,
  };
}

/** Working state of one settlement, which records where each ledger line lands. */
class Ledger {
  readonly pending: PendingCorrection[] = [];
  readonly problems: string[] = [];
  private readonly book: LedgerBook;
  private readonly current = new Map<string, Statement>();
  private readonly periodIndex = new Map<string, number>();
  private readonly placed = new Map<string, PayoutLine[]>();

  constructor(private readonly input: SettleInput) {
    this.book = readBook(input.records);
    for (const statement of input.current) {
      this.current.set(
        ledgerKey(statement.repId, statement.periodId),
        statement,
      );
    }
    input.periods.forEach((period, index) => {
      this.periodIndex.set(period.id, index);
    });
  }

  /** Places the correction of every approved period whose base payable changed. */
  placeCorrections(): void {
    for (const record of this.approvalsInPeriodOrder()) {
      const frozen = record.statement as Statement;
      const current = this.current.get(
        ledgerKey(record.repId, record.periodId),
      );
      // NOTE: an approved period that the inputs no longer produce, such as
      // one of a rep left without a comp plan, has no current figure to
      // compare, so it gets no correction.
      if (current === undefined) continue;

      const approvedCorrections = this.frozenOf(record.repId).flatMap(
        (statement) => correctionLinesFor(statement, record.periodId),
      );
      const line = correctionLine({ current, frozen, approvedCorrections });
      if (line === null) continue;

      const from = (this.periodIndex.get(record.periodId) as number) + 1;
      const target = this.firstOpenPeriod(record.repId, from);
      if (target === null) {
        this.pending.push({
          kind: "correction",
          repId: record.repId,
          periodId: record.periodId,
          line,
          reason: `Rep "${record.repId}" has no open period after "${record.periodId}". Pay the correction by hand or carry it into the next fiscal year.`,
        });
      } else {
        this.place(record.repId, target, line);
      }
    }
  }

  /**
   * Places every adjustment that no approved statement contains yet, in its
   * own period when open, else in the rep's next open period.
   */
  placeAdjustments(): void {
    const paid = new Set(
      [...this.book.approvals.values()].flatMap((record) =>
        adjustmentIdsIn(record.statement as Statement),
      ),
    );
    const seen = new Set<string>();
    for (const entry of adjustmentsInEntryOrder(this.input.adjustments)) {
      if (!this.acceptAdjustment(entry, seen) || paid.has(entry.id)) continue;
      this.placeAdjustment(entry);
    }
  }

  /** Builds one settled statement per current statement, then the approved ones no longer computed. */
  settled(): SettledStatement[] {
    const computed = this.input.current.map((statement) =>
      this.settle(statement),
    );
    const orphans = this.approvalsInPeriodOrder()
      .filter((r) => !this.current.has(ledgerKey(r.repId, r.periodId)))
      .map((record) => this.approved(record));
    return [...computed, ...orphans];
  }

  private settle(statement: Statement): SettledStatement {
    const key = ledgerKey(statement.repId, statement.periodId);
    const approval = this.book.approvals.get(key);
    if (approval !== undefined) return this.approved(approval);

    const settled = withLedgerLines(statement, this.placed.get(key) ?? []);
    const digest = this.input.digest(settled);
    const submission = this.book.submissions.get(key);
    return {
      statement: settled,
      status: submissionStatus(submission, digest),
      digest,
      approvedAt: null,
      approvedBy: null,
      submittedAt: submission?.at ?? null,
    };
  }

  private approved(record: LedgerRecord): SettledStatement {
    const key = ledgerKey(record.repId, record.periodId);
    const submission = this.book.submissions.get(key);
    return {
      statement: record.statement as Statement,
      status: "approved",
      digest: record.digest,
      approvedAt: record.at,
      approvedBy: record.personId,
      submittedAt: submission?.at ?? null,
    };
  }

  private acceptAdjustment(entry: AdjustmentEntry, seen: Set<string>): boolean {
    const problem = adjustmentAmountProblem(entry.amount);
    if (problem !== null) {
      this.problems.push(
        `Adjustment "${entry.id}" for rep "${entry.repId}" left out. ${problem}`,
      );
      return false;
    }
    if (seen.has(entry.id)) {
      this.problems.push(
        `Adjustment "${entry.id}" for rep "${entry.repId}" left out: its id is used by an earlier adjustment. Give each adjustment its own id.`,
      );
      return false;
    }
    seen.add(entry.id);
    return true;
  }

  private placeAdjustment(entry: AdjustmentEntry): void {
    const index = this.periodIndex.get(entry.periodId);
    const target =
      index === undefined ? null : this.firstOpenPeriod(entry.repId, index);
    if (target !== null) {
      this.place(entry.repId, target, adjustmentLine(entry, target));
      return;
    }
    const reason =
      index === undefined
        ? `Period "${entry.periodId}" of adjustment "${entry.id}" is not a statement period. Pay it by hand or enter it for a current period.`
        : `Rep "${entry.repId}" has no open period from "${entry.periodId}" on. Pay the adjustment by hand or carry it into the next fiscal year.`;
    this.pending.push({
      kind: "adjustment",
      repId: entry.repId,
      periodId: entry.periodId,
      line: adjustmentLine(entry, "none"),
      reason,
    });
  }

  /** First period at or after `from` with a current statement of the rep and no approval. */
  private firstOpenPeriod(repId: string, from: number): string | null {
    for (const period of this.input.periods.slice(from)) {
      const key = ledgerKey(repId, period.id);
      if (this.current.has(key) && !this.book.approvals.has(key)) {
        return period.id;
      }
    }
    return null;
  }

  private place(repId: string, periodId: string, line: PayoutLine): void {
    const key = ledgerKey(repId, periodId);
    this.placed.set(key, [...(this.placed.get(key) ?? []), line]);
  }

  private frozenOf(repId: string): Statement[] {
    return [...this.book.approvals.values()]
      .filter((record) => record.repId === repId)
      .map((record) => record.statement as Statement);
  }

  /** Approvals of the statement periods, by rep, then in period order. */
  private approvalsInPeriodOrder(): LedgerRecord[] {
    return [...this.book.approvals.values()]
      .filter((record) => this.periodIndex.has(record.periodId))
      .sort(
        (a, b) =>
          compareText(a.repId, b.repId) ||
          (this.periodIndex.get(a.periodId) as number) -
            (this.periodIndex.get(b.periodId) as number),
      );
  }
}

function submissionStatus(
  submission: LedgerRecord | undefined,
  digest: string,
): SettledStatement["status"] {
  if (submission === undefined) return "draft";
  return submission.digest === digest ? "pending" : "void";
}

/** Adjustments by entry time, then id, so lines keep one order on every machine. */
function adjustmentsInEntryOrder(
  entries: readonly AdjustmentEntry[],
): AdjustmentEntry[] {
  return [...entries].sort((a, b) => a.at - b.at || compareText(a.id, b.id));
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
