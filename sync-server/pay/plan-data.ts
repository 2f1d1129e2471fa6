import { IncentivesDoc } from "../../model/doc/incentives-doc.ts";
import { PlanningDoc } from "../../model/doc/planning-doc.ts";
import type {
  AccountOverride,
  PlanMeta,
  Territory,
} from "../../model/doc/schema.ts";
import {
  DEFAULT_TIME_ZONE,
  timeZoneProblem,
} from "../../model/incentives/deals/time-zone.ts";
import type { IncentiveInputs } from "../../model/incentives/plan-inputs.ts";
import type { PlanningInputs } from "../../model/planning/inputs.ts";
import { loadPlanDoc } from "../plans.ts";
import type { Storage } from "../storage.ts";

/** The parts of a plan's document that the pay API reads, as plain data. */
export interface PayPlan {
  meta: PlanMeta;
  territories: Territory[];
  /** Unit id -> territory id. */
  assignments: Map<string, string>;
  overrides: AccountOverride[];
  planning: PlanningInputs;
  incentives: IncentiveInputs;
}

/**
 * Reads a plan's stored document. A room stores every update before it
 * applies it, so storage contains what the live room contains.
 */
export function loadPayPlan(storage: Storage, planId: string): PayPlan {
  const plan = loadPlanDoc(storage, planId);
  try {
    return {
      meta: plan.readMeta(),
      territories: plan.readTerritories(),
      assignments: plan.readAssignments(),
      overrides: plan.readOverrides(),
      planning: new PlanningDoc(plan.doc).read(fallbackFiscalYear()),
      incentives: new IncentivesDoc(plan.doc).read(),
    };
  } finally {
    plan.doc.destroy();
  }
}

/** Returns the fiscal year a plan without one plans, as the web app does: next year. */
function fallbackFiscalYear(now = new Date()): number {
  return now.getUTCFullYear() + 1;
}

/** Returns the name of each planning rep by id. */
export function repNames(plan: PayPlan): Map<string, string> {
  return new Map(plan.planning.reps.map((rep) => [rep.id, rep.name]));
}

/**
 * Returns the time zone whose calendar dates the plan's pay dates are: the
 * plan's own, or DEFAULT_TIME_ZONE ("UTC") when it names none. An unknown
 * zone falls back to UTC too, with a sentence for the problems list.
 */
export function payTimeZone(plan: PayPlan): {
  timeZone: string;
  problem: string | null;
} {
  const zone = plan.incentives.timeZone;
  if (zone === undefined) return { timeZone: DEFAULT_TIME_ZONE, problem: null };
  const problem = timeZoneProblem(zone);
  if (problem === null) return { timeZone: zone, problem: null };
  return {
    timeZone: DEFAULT_TIME_ZONE,
    problem: `The plan's time zone "${zone}" ${problem}. Territory history dates use ${DEFAULT_TIME_ZONE} until the zone is fixed in Incentives.`,
  };
}
