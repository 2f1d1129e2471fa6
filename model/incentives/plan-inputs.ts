import type { CreditingRule } from "./crediting/types.ts";
import type { RateEntry } from "./deals/rates.ts";
import type { CompPlan } from "./payout/plan.ts";

/**
 * A compensation plan as the plan document stores it: a name, the planning
 * roles whose reps it pays, and its components.
 */
export interface CompPlanRecord {
  id: string;
  name: string;
  /** Ids of planning roles; every rep of one of these roles is paid by the plan. */
  roleIds: string[];
  plan: CompPlan;
}

/** A currency rate row of the plan, with its id for editing. */
export type RateRecord = RateEntry & { id: string };

/** The incentive inputs stored in the plan document, read as plain data. */
export interface IncentiveInputs {
  /** Comp plans sorted by name, then id. */
  compPlans: CompPlanRecord[];
  /** Crediting rules sorted by id. */
  creditingRules: CreditingRule[];
  /** Currency rates sorted by currency, then effective date. */
  rates: RateRecord[];
  /** Manager of each rep: rep id -> the manager's rep id. */
  managers: Record<string, string>;
  /**
   * IANA time zone in which every pay date of the plan is a calendar date,
   * such as "America/Los_Angeles". Absent: "UTC" (DEFAULT_TIME_ZONE).
   */
  timeZone?: string;
}
