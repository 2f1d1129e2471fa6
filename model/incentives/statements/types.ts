import type { Credit, CreditingInput } from "../crediting/types.ts";
import type { ConvertedDeal } from "../deals/rates.ts";
import type { Deal } from "../deals/types.ts";
import type { CompPlan, PayoutLine } from "../payout/index.ts";
import type { MoneyFigure, Trace } from "../../trace.ts";

/** A fiscal period, such as a month, with both ends inclusive. */
export interface FiscalPeriod {
  id: string;
  start: string;
  end: string;
}

/** The crediting tables: everything creditDeals reads except the deals. */
export type CreditingTables = Omit<CreditingInput, "deals">;

/** One plan for every rep, or a plan per rep id. */
export type PlanAssignment =
  { all: CompPlan } | { byRep: Record<string, CompPlan> };

export interface StatementInput {
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

/** Statement of one rep for one period: credits, attainment and payout lines. */
export interface Statement {
  repId: string;
  periodId: string;
  /** The rep's credits for deals closed in the period, each with its trace. */
  credits: Credit[];
  credited: MoneyFigure;
  quota: string;
  attainment: string;
  lines: PayoutLine[];
  adjustments: PayoutLine[];
  draw: PayoutLine;
  payable: string;
  payableTrace: Trace;
}
