import type { QuotaTrace } from "./trace.ts";

/** Levels of the cascade, from the top down. */
export type QuotaLevel = "company" | "region" | "territory" | "rep";

/** The levels that receive a share of their parent's quota. */
export type ChildLevel = Exclude<QuotaLevel, "company">;

/** A node of the quota tree: the company, a region, a territory or a rep. */
export interface QuotaNode {
  id: string;
  name: string;
  level: QuotaLevel;
  /** Null for the company; otherwise the id of a node one level up. */
  parentId: string | null;
}

/** The per-node figures an allocation method can weight by. */
export type WeightBasis = "even" | "potential" | "priorBookings";

/** Rule by which one level splits each parent's quota among its children. */
export interface LevelRule {
  method: WeightBasis | "blend";
  /** Decimal strings summing to exactly 1; required for "blend" only. */
  blendWeights?: Partial<Record<WeightBasis, string>>;
  /** Percent added on top of the parent's quota before the split, such as "10" for 10%. */
  overAssignmentPercent: string;
}

/** A manual adjustment: a fixed annual amount, or a delta on the cascade share. */
export type QuotaAdjustment = { amount: string } | { delta: string };

/** Whether a re-run keeps manual adjustments or overwrites them. */
export type AdjustmentMode = "preserve" | "overwrite";

/** Everything the cascade is derived from. Money is in decimal strings. */
export interface QuotaCascadeInput {
  nodes: readonly QuotaNode[];
  /** The company's annual quota, such as "12000000.00". */
  companyQuota: string;
  levels: Readonly<Record<ChildLevel, LevelRule>>;
  /** Potential per node in integer cents; a node without a value sums its children. */
  potentialCents?: Readonly<Record<string, number>>;
  /** Prior-year bookings per node in integer cents; rolled up like potential. */
  priorBookingsCents?: Readonly<Record<string, number>>;
  /** Twelve monthly percents, as decimal strings summing to exactly 100. */
  seasonality: readonly string[];
  /** Node id -> manual adjustment. */
  adjustments?: Readonly<Record<string, QuotaAdjustment>>;
}

/** Origin of a node's annual quota. */
export type QuotaSource =
  "company" | "cascade" | "adjusted amount" | "adjusted delta";

/** One month of a node's quota. */
export interface MonthlyQuota {
  /** Fiscal month number, 1 to 12. */
  month: number;
  amount: string;
  trace: QuotaTrace;
}

/** The derived quota of one node. */
export interface NodeQuota {
  nodeId: string;
  name: string;
  level: QuotaLevel;
  parentId: string | null;
  annual: string;
  source: QuotaSource;
  trace: QuotaTrace;
  months: MonthlyQuota[];
  /** Pool this node's children share, annual x (1 + over-assignment), or null without children. */
  childPool: string | null;
  childPoolTrace: QuotaTrace | null;
}

/** An adjustment that the cascade did not apply, with the reason. */
export interface SkippedAdjustment {
  nodeId: string;
  reason: "overwritten" | "node not found" | "company node";
}

export interface QuotaCascadeResult {
  /** Every node, parents before children, siblings by name then id. */
  quotas: NodeQuota[];
  skippedAdjustments: SkippedAdjustment[];
}
