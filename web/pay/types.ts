/**
 * Replies of the pay API (`/api/plans/:plan/pay/...`). The server computes
 * every figure and decides who sees which rep, so the app only shows them.
 */
import type { Deal, DealRowError } from "../../model/incentives/deals/types.ts";
import type {
  FiscalPeriod,
  Statement,
} from "../../model/incentives/statements/types.ts";

export type StatementStatus = "draft" | "pending" | "void" | "approved";

/** The signed-in person's pay access in one plan. */
export interface PayAccess {
  /** Incentives administrator: sees every rep and manages pay access. */
  admin: boolean;
  /** The rep this person is linked to, or null. */
  repId: string | null;
  repName: string | null;
  /** Reps whose statements this person may open: their own and their team's, or everyone for an admin. */
  visibleRepIds: string[];
}

/** One rep's figures for one period, as the statement list shows them. */
export interface StatementSummary {
  repId: string;
  repName: string;
  periodId: string;
  credited: string;
  quota: string;
  /** Ratio of credited to quota with 4 decimals, such as "0.8500". */
  attainment: string;
  payable: string;
  status: StatementStatus;
}

export interface StatementList {
  periods: FiscalPeriod[];
  statements: StatementSummary[];
  /** Sentences about reps or deals left out of every statement. */
  problems: string[];
}

export interface DisputeMessage {
  personId: string;
  name: string;
  text: string;
  /** Milliseconds since the epoch. */
  at: number;
}

export type DisputeStatus = "open" | "accepted" | "rejected";

/** A rep's objection to one line of their statement, with its thread. */
export interface Dispute {
  id: string;
  repId: string;
  periodId: string;
  lineId: string;
  reason: string;
  status: DisputeStatus;
  raisedBy: string;
  raisedAt: number;
  resolvedAt: number | null;
  messages: DisputeMessage[];
}

/** One statement with its approval state, the deals it credits and its disputes. */
export interface StatementDetail {
  statement: Statement;
  status: StatementStatus;
  approvedAt: number | null;
  /** Person id of the approver. */
  approvedBy: string | null;
  /** Display name of the approver, or null when unknown. */
  approvedByName: string | null;
  submittedAt: number | null;
  deals: Deal[];
  disputes: Dispute[];
}

/** A plan member and their pay access. */
export interface PayPerson {
  personId: string;
  name: string;
  admin: boolean;
  repId: string | null;
}

export interface DisputeResolution {
  outcome: "accepted" | "rejected";
  comment: string;
  /** Decimal string such as "120.50", only with an accepted outcome. */
  adjustment?: string;
}

export interface ManualAdjustment {
  repId: string;
  periodId: string;
  /** Decimal string, negative to take money back, such as "-75.00". */
  amount: string;
  reason: string;
}

/** A deal the rep has not closed yet, for the what-if statement. */
export interface HypotheticalDeal {
  amount: string;
  product: string;
  closeDate: string;
}

/** Outcome of a deals import: every deal stored, or every bad row and none stored. */
export type DealsImportResult =
  | { ok: true; imported: number; total: number }
  | { ok: false; message: string; rows: DealRowError[] };
