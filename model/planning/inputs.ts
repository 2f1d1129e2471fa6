import type { RoleInput } from "../capacity/roles.ts";
import type { TargetInput } from "../plan/targets.ts";
import type { ChildLevel, LevelRule, QuotaAdjustment } from "../quota/types.ts";

/** A rep on the team, as the plan stores it. */
export interface PlannedRep {
  id: string;
  name: string;
  roleId: string;
  /** Start date as "YYYY-MM-DD". */
  startDate: string;
  /** Territory the rep carries quota for, or null for none yet. */
  territoryId: string | null;
}

/**
 * Planned hires of one role in one fiscal month. With a territory it is an
 * open-headcount placeholder of that territory and carries quota there.
 */
export interface PlannedHire {
  id: string;
  roleId: string;
  /** Fiscal month id such as "FY2027-M04". */
  monthId: string;
  count: number;
  territoryId: string | null;
}

/** Settings of the quota cascade. */
export interface QuotaSettings {
  /** The company's annual quota, or null to take the year's total target. */
  companyQuota: string | null;
  levels: Record<ChildLevel, LevelRule>;
  /** Twelve monthly percents, or null to follow the shape of the targets. */
  seasonality: string[] | null;
}

/** Everything a plan stores for targets, capacity and quotas, as plain data. */
export interface PlanningInputs {
  /** Calendar month (1-12) in which the plan's fiscal years start. */
  fiscalStartMonth: number;
  /** The fiscal year being planned, such as 2027. */
  fiscalYear: number;
  targets: TargetInput[];
  roles: (RoleInput & { kind: RoleKind })[];
  reps: PlannedRep[];
  hires: PlannedHire[];
  quota: QuotaSettings;
  /** Node id -> manual adjustment. */
  adjustments: Record<string, QuotaAdjustment>;
  /** Node id -> prior-year bookings as a decimal string. */
  priorBookings: Record<string, string>;
}

/** The kinds of role a plan can hold. */
export const ROLE_KINDS = [
  "account executive",
  "sales engineer",
  "SDR",
  "manager",
  "overlay specialist",
] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

/**
 * Rules a plan starts with: regions split by potential, territories by
 * potential, reps evenly, with no over-assignment.
 */
export const DEFAULT_LEVEL_RULES: Record<ChildLevel, LevelRule> = {
  region: { method: "potential", overAssignmentPercent: "0" },
  territory: { method: "potential", overAssignmentPercent: "0" },
  rep: { method: "even", overAssignmentPercent: "0" },
};

export const CHILD_LEVELS: readonly ChildLevel[] = [
  "region",
  "territory",
  "rep",
];
