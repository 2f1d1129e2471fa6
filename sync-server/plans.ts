import * as Y from "yjs";
import { initPlan, PlanDoc, type NewPlan } from "../model/doc/plan-doc.ts";
import { PLAN_ID_PATTERN } from "../model/doc/schema.ts";
import { StorageError, type Storage } from "./storage.ts";

/**
 * Creates a plan: writes its first document state with `initPlan` and stores
 * it with the plan's row in one transaction. Throws when the id is invalid
 * or taken.
 */
export function createPlan(storage: Storage, plan: NewPlan): void {
  if (!PLAN_ID_PATTERN.test(plan.planId)) {
    throw new StorageError(
      `Plan id "${plan.planId}" is invalid: use 1 to 64 letters, digits, "_" or "-".`,
    );
  }
  if (storage.getPlan(plan.planId)) {
    throw new StorageError(`Plan "${plan.planId}" already exists.`);
  }

  const doc = new Y.Doc();
  initPlan(doc, plan);
  storage.createPlan(
    { id: plan.planId, name: plan.name },
    Y.encodeStateAsUpdate(doc),
  );
  doc.destroy();
}

/**
 * Rebuilds a room's document from storage (latest snapshot plus later
 * updates), the same way the server loads it. Returns a new Y.Doc.
 */
export function loadRoomDoc(storage: Storage, room: string): Y.Doc {
  const stored = storage.loadRoom(room);
  const doc = new Y.Doc();
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

/**
 * Rebuilds a plan's document from storage; throws when the plan does not exist.
 */
export function loadPlanDoc(storage: Storage, planId: string): PlanDoc {
  if (!storage.getPlan(planId)) {
    const known = storage.listPlans().map((plan) => plan.id);
    throw new StorageError(
      `Plan "${planId}" does not exist in ${storage.file}. Known plans: ${known.join(", ") || "none"}.`,
    );
  }
  return new PlanDoc(loadRoomDoc(storage, planId));
}
