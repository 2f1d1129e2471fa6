import type { PlanDoc } from "./plan-doc.ts";

/** The identity a copied plan document takes when it becomes a scenario. */
export interface ScenarioIdentity {
  planId: string;
  name: string;
  /** Id of the plan the document was copied from. */
  scenarioOf: string;
}

/**
 * Gives a copy of a plan document its own plan id and name and records the
 * plan it was copied from, in one transaction. Only the server calls this,
 * on the copy, before the copy is stored and synced by anyone.
 */
export function markAsScenario(
  plan: PlanDoc,
  scenario: ScenarioIdentity,
  origin?: unknown,
): void {
  plan.doc.transact(() => {
    plan.meta.set("planId", scenario.planId);
    plan.meta.set("name", scenario.name);
    plan.meta.set("scenarioOf", scenario.scenarioOf);
  }, origin);
}
