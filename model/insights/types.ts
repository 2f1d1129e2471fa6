import type { Trace } from "../trace.ts";

/** Value of a KPI whose inputs the caller did not supply. */
export const NOT_AVAILABLE = "not available";

/** Unit a KPI value is expressed in. */
export type KpiUnit = "percent" | "ratio" | "currency" | "count" | "days";

/** Level of the plan a breakdown row belongs to, from the top down. */
export type KpiLevel = "company" | "region" | "territory" | "rep" | "account";

/** The KPI's value for one node of the plan. */
export interface KpiBreakdownRow {
  level: KpiLevel;
  id: string;
  name: string;
  /** Id of the row one level up, or null at the top. */
  parentId: string | null;
  value: string;
  trace: Trace;
}

/**
 * One explainable KPI. The value is an exact decimal string, or
 * NOT_AVAILABLE when its inputs are missing, and the trace lists the inputs
 * and the arithmetic that give it.
 */
export interface Kpi {
  id: string;
  label: string;
  value: string;
  unit: KpiUnit;
  /** Meaning of the KPI, in one sentence. */
  definition: string;
  trace: Trace;
  /** Values per region, territory, rep or account, or none where no level applies. */
  breakdown: KpiBreakdownRow[];
}

/** A quota node as the KPIs read it. The cascade's NodeQuota fits this type. */
export interface QuotaFigure {
  nodeId: string;
  name: string;
  level: "company" | "region" | "territory" | "rep";
  parentId: string | null;
  /** Annual quota as a decimal string, such as "1200000.00". */
  annual: string;
}

/** A territory with the plan-side figures the KPIs need. */
export interface TerritoryFigure {
  id: string;
  name: string;
  /** Id of the territory's region, or null for none. */
  regionId: string | null;
  potentialCents: number;
  /** Workload in integer tenths of a point. */
  workloadTenths: number;
  accounts: number;
  /** Reps who carry the territory's quota. */
  reps: number;
  /** Planned hires placed in the territory, not yet filled. */
  openSeats: number;
}

/** Plan-side inputs: quotas, territory design and edits, all plain data. */
export interface PlanKpiInput {
  quotas: readonly QuotaFigure[];
  /** The year's revenue target in cents, or null when the plan has none. */
  companyTargetCents: number | null;
  territories: readonly TerritoryFigure[];
  regionNames: Readonly<Record<string, string>>;
  unassignedPotentialCents: number;
  /** Quota nodes with a manual adjustment. */
  quotaAdjustments: number;
  /** Named-account overrides stored in the plan. */
  accountOverrides: number;
}

/** One rep's pay figures for the period. */
export interface RepPayFigure {
  repId: string;
  name: string;
  quotaCents: number;
  creditedCents: number;
  /**
   * Credit received directly or by split, without overlay and roll-up
   * credit; counted as all of `creditedCents` when absent.
   */
  primaryCreditedCents?: number;
  payoutCents: number;
  /** Payout the rep's plan pays at exactly 100% of quota. */
  targetPayoutCents: number;
}

/** One statement and whether it was disputed or adjusted after issue. */
export interface StatementFigure {
  statementId: string;
  repId: string;
  disputed: boolean;
  adjusted: boolean;
}

/** One dispute, with ISO dates "YYYY-MM-DD". */
export interface DisputeFigure {
  disputeId: string;
  openedOn: string;
  /** Date resolved, or null while the dispute is open. */
  resolvedOn: string | null;
}

/** Pay-side inputs, which the server holds, so every KPI built on them is optional. */
export interface PayKpiInput {
  statements: readonly StatementFigure[];
  reps: readonly RepPayFigure[];
  /** Bookings of the period in cents, against which credit is reconciled. */
  bookedCents: number;
  /** Revenue of the period in cents, the base of cost of sales. */
  revenueCents: number;
  disputes: readonly DisputeFigure[];
}
