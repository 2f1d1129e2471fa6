import { randomInt } from "node:crypto";
import * as Y from "yjs";
import { initPlan, type NewPlan } from "../model/doc/init-plan.ts";
import { PlanDoc } from "../model/doc/plan-doc.ts";
import { PLAN_ID_PATTERN } from "../model/doc/schema.ts";
import { StorageError, type Storage } from "./storage.ts";

/**
 * Creates a plan: writes its first document state with `initPlan` and stores
 * it with the plan's row in one transaction, which `alsoRun` joins. Throws
 * when the id is invalid or taken.
 */
export function createPlan(
  storage: Storage,
  plan: NewPlan,
  alsoRun?: () => void,
): void {
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
    alsoRun,
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

export const MAX_PLAN_NAME_LENGTH = 100;

/**
 * Trims a plan name and checks it has 1 to 100 characters and no control
 * characters; returns an error sentence instead when it does not.
 */
export function checkPlanName(
  value: unknown,
): { ok: true; name: string } | { ok: false; message: string } {
  if (typeof value !== "string") {
    return {
      ok: false,
      message: 'The field "name" is missing; send the plan name as a string.',
    };
  }
  const name = value.trim();
  const length = [...name].length;
  if (length === 0 || length > MAX_PLAN_NAME_LENGTH) {
    return {
      ok: false,
      message: `Plan name "${name}" has ${length} characters; use 1 to ${MAX_PLAN_NAME_LENGTH}.`,
    };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    return {
      ok: false,
      message:
        "The plan name contains control characters such as line breaks; use plain text.",
    };
  }
  return { ok: true, name };
}

const PLAN_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const PLAN_ID_LENGTH = 10;

/**
 * Returns a random plan id of 10 lowercase letters and digits (about 51
 * bits), one that no stored plan has. It never starts with "-", so it
 * reads safely as a command-line value.
 */
export function newPlanId(storage: Storage): string {
  for (;;) {
    let id = "";
    for (let i = 0; i < PLAN_ID_LENGTH; i++)
      id += PLAN_ID_ALPHABET[randomInt(PLAN_ID_ALPHABET.length)];
    if (!storage.getPlan(id)) return id;
  }
}

/** A new plan without territories and the person who creates it, if any. */
export interface EmptyPlan {
  planId: string;
  name: string;
  /** Dataset kind -> sha256, as manifest.json lists them. */
  datasets: Record<string, string>;
  /** Recorded as the plan's first editor in the same transaction. */
  creator?: { personId: string; name: string };
}

/**
 * Creates a plan that names the datasets and has no territories, and records
 * its creator as an editor. Throws a StorageError when the id is invalid or
 * taken.
 */
export function createEmptyPlan(storage: Storage, plan: EmptyPlan): void {
  const creator = plan.creator;
  createPlan(
    storage,
    { planId: plan.planId, name: plan.name, datasets: plan.datasets },
    () => {
      if (!creator) return;
      storage.people.insert({
        planId: plan.planId,
        personId: creator.personId,
        name: creator.name,
        role: "editor",
        inviteId: null,
        joinedAt: Date.now(),
      });
    },
  );
}
