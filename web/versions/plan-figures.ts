import type * as Y from "yjs";
import { computeCoverage } from "../../model/coverage.ts";
import { centsToString } from "../../model/money.ts";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import type { ReferenceData } from "../plan/reference-data.ts";

/** Totals of one territory of a plan state, potential as an exact decimal string. */
export interface TerritoryFigures {
  id: string;
  name: string;
  color: string;
  counties: number;
  accounts: number;
  potential: string;
}

/** Map colours and territory totals of one state of the plan. */
export interface PlanFigures {
  /** Unit id -> territory id. */
  assignments: Map<string, string>;
  /** Territory id -> colour. */
  colors: Map<string, string>;
  /** Territories (not regions), by name. */
  territories: TerritoryFigures[];
  unassigned: Omit<TerritoryFigures, "id" | "name" | "color">;
  currency: string;
}

/**
 * Reads a state of the plan into the map colours and per-territory totals,
 * computed with the page's loaded accounts. `doc` must be a detached copy,
 * because the PlanDoc built on it may remove duplicate assignment entries.
 */
export function readPlanFigures(
  doc: Y.Doc,
  reference: ReferenceData,
): PlanFigures {
  const plan = new PlanDoc(doc);
  const territories = plan
    .readTerritories()
    .filter((territory) => territory.kind === "territory");
  const assignments = plan.readAssignments();
  const coverage = computeCoverage(
    reference.coverageIndex,
    territories.map((territory) => territory.id),
    assignments,
  );
  const byId = new Map(coverage.territories.map((t) => [t.territoryId, t]));

  return {
    assignments,
    colors: new Map(plan.readTerritories().map((t) => [t.id, t.color])),
    territories: territories.map((territory) => {
      const totals = byId.get(territory.id);
      return {
        id: territory.id,
        name: territory.name,
        color: territory.color,
        counties: totals?.units ?? 0,
        accounts: totals?.accounts ?? 0,
        potential: totals?.potential ?? "0.00",
      };
    }),
    unassigned: {
      counties: coverage.unassigned.units,
      accounts: coverage.unassigned.accounts,
      potential: centsToString(coverage.unassigned.potentialCents),
    },
    currency: plan.readMeta().currency,
  };
}

/** Returns county id -> the colour of its territory, for the map. */
export function countyFills(figures: PlanFigures): Map<string, string> {
  const fills = new Map<string, string>();
  for (const [unitId, territoryId] of figures.assignments) {
    const color = figures.colors.get(territoryId);
    if (color) fills.set(unitId, color);
  }
  return fills;
}
