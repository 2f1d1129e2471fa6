import type { Credit, CreditingInput, CreditKind } from "../crediting/types.ts";
import type { ConvertedDeal } from "../deals/rates.ts";
import type { Deal } from "../deals/types.ts";
import type { CompPlan, PayoutLine, YearToDate } from "../payout/index.ts";
import type { MoneyFigure, Trace } from "../../trace.ts";

/** A fiscal period, such as a month, with both ends inclusive. */
export interface FiscalPeriod {
  id: string;
  start: string;
  end: string;
  /**
   * Fiscal year id, such as "FY2027". Year-to-date figures add up the
   * periods of one year. Periods without it form one year together.
   */
  year?: string;
}

/** The crediting tables: everything creditDeals reads except the deals. */
export type CreditingTables = Omit<CreditingInput, "deals">;

/** One plan for every rep, or a plan per rep id. */
export type PlanAssignment =
  { all: CompPlan } | { byRep: Record<string, CompPlan> };

export interface StatementInput {
  /** Sales and cancellations. A cancellation names the deal it cancels in `cancels`. */
  deals: readonly Deal[];
  /** The deals in plan currency, one per deal, from convertAll. */
  converted: readonly ConvertedDeal[];
  tables: CreditingTables;
  plans: PlanAssignment;
  /** Quota per rep id, then per period id, as a decimal string. */
  quotas: Record<string, Record<string, string>>;
  /** Periods in date order without overlap. */
  periods: readonly FiscalPeriod[];
}

/** A cancellation dated in the statement's period, with the amount paid on the cancelled credit. */
export interface StatementCancellation {
  /** The cancelled deal. */
  dealId: string;
  /** The negative deal that cancels it. */
  cancellationId: string;
  closeDate: string;
  cancelDate: string;
  /** The rep's credit on the cancelled deal times the cancelled share. */
  cancelledCredit: string;
  /** Cancelled credit x the effective rate of the period the deal was credited in, with its trace. */
  paidAmount: MoneyFigure;
}

/** Statement of one rep for one period: credits, attainment and payout lines. */
export interface Statement {
  repId: string;
  periodId: string;
  /** The rep's credits for deals closed in the period, each with its trace. */
  credits: Credit[];
  /** Sum of every credit of the period, of all kinds. */
  credited: MoneyFigure;
  /**
   * Credit of each kind. Direct and split credits are primary and add up to
   * the deal amounts. Overlay and roll-up credits come on top of them.
   */
  creditedByKind: Record<CreditKind, MoneyFigure>;
  quota: string;
  attainment: string;
  /** Year-to-date figures, present when the plan has a year-to-date tiered component. */
  yearToDate?: YearToDate;
  /** Cancellations of the rep's earlier credits, dated in the period. */
  cancellations: StatementCancellation[];
  lines: PayoutLine[];
  adjustments: PayoutLine[];
  draw: PayoutLine;
  payable: string;
  payableTrace: Trace;
}

/** Reason a credit reached no statement. */
export type UnplacedReason = "no-quota" | "no-plan" | "outside-periods";

/** A credit that no statement shows, with the deal's close date and the reason. */
export interface UnplacedCredit {
  credit: Credit;
  closeDate: string;
  reason: UnplacedReason;
}

/** The statements and everything that reached none of them. */
export interface StatementReport {
  /** One statement per rep with a quota and a plan, and per period, sorted by rep id. */
  statements: Statement[];
  /** Credits that no statement shows, in the order creditDeals returned them. */
  unplaced: UnplacedCredit[];
  /**
   * One sentence for each rep and reason of unplaced credits, for each rep
   * with quotas but no plan, and for each cancellation that reached no
   * clawback. Each sentence names the fix.
   */
  problems: string[];
}
