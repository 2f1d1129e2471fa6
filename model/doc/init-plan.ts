import type * as Y from "yjs";
import type { IncentiveInputs } from "../incentives/plan-inputs.ts";
import { PlanDoc } from "./plan-doc.ts";
import { seedIncentives } from "./incentives-edits.ts";
import { PlanningDoc } from "./planning-doc.ts";
import { seedPlanning, type PlanningSeed } from "./planning-seed.ts";
import { SCHEMA_VERSION, type Territory } from "./schema.ts";

/** Options for `initPlan`: what a new plan starts with. */
export interface NewPlan {
  planId: string;
  name: string;
  currency?: string;
  datasets?: Record<string, string>;
  territories?: (Omit<Territory, "id"> & { id?: string })[];
  assignments?: Iterable<[string, string]>;
  planning?: PlanningSeed;
  /** Comp plans, crediting rules, rates and managers to start with. */
  incentives?: IncentiveInputs;
}

/**
 * Writes a new plan into an empty document. Only the server does this, once,
 * when it creates a plan; a client never seeds a live document.
 */
export function initPlan(doc: Y.Doc, plan: NewPlan): PlanDoc {
  const planDoc = new PlanDoc(doc);
  if (planDoc.isInitialised()) {
    throw new Error(
      `Plan "${plan.planId}" is already initialised; refusing to write it again.`,
    );
  }
  doc.transact(() => {
    planDoc.meta.set("schemaVersion", SCHEMA_VERSION);
    planDoc.meta.set("planId", plan.planId);
    planDoc.meta.set("name", plan.name);
    planDoc.meta.set("currency", plan.currency ?? "USD");
    planDoc.meta.set("datasets", { ...(plan.datasets ?? {}) });
    for (const territory of plan.territories ?? [])
      planDoc.createTerritory(territory);
    for (const [unitId, territoryId] of plan.assignments ?? [])
      planDoc.assignments.set(unitId, territoryId);
    if (plan.planning) seedPlanning(new PlanningDoc(doc), plan.planning);
    if (plan.incentives) seedIncentives(doc, plan.incentives);
  });
  return planDoc;
}

/**
 * Writes `planId` into a plan's meta, as a copy of a plan stored under a
 * new id needs. Returns the Yjs update of that write, or null when the
 * document already names `planId`.
 */
export function renamePlanId(doc: Y.Doc, planId: string): Uint8Array | null {
  const planDoc = new PlanDoc(doc);
  if (planDoc.meta.get("planId") === planId) return null;

  let update: Uint8Array | null = null;
  const capture = (bytes: Uint8Array) => (update = bytes);
  doc.on("update", capture);
  try {
    doc.transact(() => planDoc.meta.set("planId", planId));
  } finally {
    doc.off("update", capture);
  }
  return update;
}
