import type * as Y from "yjs";
import { computeCoverage, type CoverageIndex } from "../../model/coverage.ts";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { PlanningDoc } from "../../model/doc/planning-doc.ts";
import {
  derivePlanning,
  type PlanningModel,
} from "../../model/planning/derive.ts";

/** The dataset kinds that potential is computed from. */
const POTENTIAL_DATASETS = ["units", "accounts"] as const;

/** Another plan's planning figures, read from its document. */
export interface OtherPlanModel {
  planId: string;
  name: string;
  /** Id of the plan it was duplicated from, or null. */
  scenarioOf: string | null;
  model: PlanningModel;
  /**
   * True when both plans name the same units and accounts datasets, so the
   * other plan's potential per territory was computed from this page's
   * datasets. When false, its cascade ran without potential.
   */
  potentialComparable: boolean;
}

/** Data of the open plan that reading another plan needs. */
export interface CurrentPlanData {
  /** Dataset kind -> sha256 that the open plan names. */
  datasets: Readonly<Record<string, string>>;
  /** Coverage index of the open plan's datasets, or null while they load. */
  coverageIndex: CoverageIndex | null;
  fallbackYear: number;
}

/** True when the two plans name the same units and accounts datasets. */
export function samePotentialDatasets(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  return POTENTIAL_DATASETS.every(
    (kind) => typeof a[kind] === "string" && a[kind] === b[kind],
  );
}

/**
 * Derives another plan's targets, capacity and quotas from its document,
 * without writing to it. Potential per territory comes from the open plan's
 * datasets when both plans name the same ones.
 */
export function readOtherPlan(
  doc: Y.Doc,
  current: CurrentPlanData,
): OtherPlanModel {
  const plan = new PlanDoc(doc);
  const meta = plan.readMeta();
  const territories = plan.readTerritories();
  const inputs = new PlanningDoc(doc).read(current.fallbackYear);

  const index = current.coverageIndex;
  const potentialComparable =
    index !== null && samePotentialDatasets(current.datasets, meta.datasets);
  const potentialCents: Record<string, number> = {};
  if (potentialComparable) {
    const territoryIds = territories
      .filter((t) => t.kind === "territory")
      .map((t) => t.id);
    const coverage = computeCoverage(
      index,
      territoryIds,
      plan.readAssignments(),
    );
    for (const row of coverage.territories) {
      potentialCents[row.territoryId] = row.potentialCents;
    }
  }

  const model = derivePlanning(inputs, {
    planName: meta.name || "Company",
    units: territories,
    potentialCents,
  });
  return {
    planId: meta.planId,
    name: meta.name,
    scenarioOf: meta.scenarioOf,
    model,
    potentialComparable,
  };
}
