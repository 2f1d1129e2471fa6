import type * as Y from "yjs";
import {
  diffPlans,
  type DiffData,
  type DiffPlanInput,
  type PlanDiff,
} from "../versions/diff.ts";
import { PlanDoc } from "./plan-doc.ts";
import { PlanningDoc } from "./planning-doc.ts";

export type { DiffData };

/** Compares plan document B with plan document A, without writing to either. See diffPlans. */
export function diffPlanDocs(a: Y.Doc, b: Y.Doc, data: DiffData): PlanDiff {
  return diffPlans(
    readDiffPlan(a, data.fallbackYear),
    readDiffPlan(b, data.fallbackYear),
    data,
  );
}

/**
 * Reads one plan document as the difference needs it.
 * NOTE: constructing a PlanDoc lets YKeyValue remove duplicate assignment
 * entries, a local cleanup write that every replica also makes. Pass a
 * copy of a document that must stay untouched.
 */
export function readDiffPlan(doc: Y.Doc, fallbackYear: number): DiffPlanInput {
  const plan = new PlanDoc(doc);
  return {
    name: plan.readMeta().name,
    territories: plan.readTerritories(),
    assignments: plan.readAssignments(),
    overrides: plan.readOverrides(),
    planning: new PlanningDoc(doc).read(fallbackYear),
  };
}
