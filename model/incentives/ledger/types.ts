import type { PayoutLine } from "../payout/index.ts";
import type { FiscalPeriod, Statement } from "../statements/types.ts";

/**
 * One append-only ledger record of a rep-period. A "submitted" record stores
 * the digest of the statement sent for approval, and an "approved" record
 * also stores the statement frozen at approval.
 */
export interface LedgerRecord {
  /** Order of the record in the ledger. A later record has a higher seq. */
  seq: number;
  kind: "submitted" | "approved";
  repId: string;
  periodId: string;
  /** Digest of the statement as it was submitted or approved. */
  digest: string;
  /** The frozen statement on an approved record, null on a submitted one. */
  statement: Statement | null;
  /** Person who submitted or approved. */
  personId: string;
  /** Time of the record in milliseconds since the Unix epoch. */
  at: number;
}

/** A manual or dispute adjustment entered for one rep-period. */
export interface AdjustmentEntry {
  id: string;
  repId: string;
  /** Period the adjustment was entered for. */
  periodId: string;
  /** Signed decimal string to the cent, such as "-120.00". */
  amount: string;
  reason: string;
  /** Dispute whose resolution made the adjustment, or null for a manual one. */
  disputeId: string | null;
  personId: string;
  /** Time of entry in milliseconds since the Unix epoch. */
  at: number;
}

export type StatementStatus = "draft" | "pending" | "void" | "approved";

export interface SettleInput {
  /** Statements computed now, without ledger lines, at most one per rep-period. */
  current: Statement[];
  /** Periods in date order. A correction moves to a later one. */
  periods: FiscalPeriod[];
  records: LedgerRecord[];
  adjustments: AdjustmentEntry[];
  /** Digest of a statement, such as a hash of canonicalStatement. */
  digest: (statement: Statement) => string;
}

/** A rep-period statement with its ledger status. */
export interface SettledStatement {
  /** The frozen statement when approved, else the current one with ledger lines added. */
  statement: Statement;
  status: StatementStatus;
  digest: string;
  approvedAt: number | null;
  approvedBy: string | null;
  submittedAt: number | null;
}

/**
 * A correction or adjustment that found no open period of the rep to land
 * in. It is reported here so that it is paid by hand or once a period opens.
 */
export interface PendingCorrection {
  kind: "correction" | "adjustment";
  repId: string;
  /** Period the line corrects, or the period an adjustment was entered for. */
  periodId: string;
  line: PayoutLine;
  /** Sentence saying why the line has no period and what to do next. */
  reason: string;
}

export interface LedgerSettlement {
  /** One per current statement, then one per approved rep-period no longer computed. */
  statements: SettledStatement[];
  pendingCorrections: PendingCorrection[];
  /** Adjustments left out because they are invalid, one sentence each. */
  problems: string[];
}
