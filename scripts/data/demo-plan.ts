import { DIVISIONS, stateByFips, type DivisionKey } from "./states.ts";
import type { Unit } from "./units.ts";

/**
 * The demo plan: one territory per US Census division, each unit assigned
 * by its state. Puerto Rico and the island areas belong to no division and
 * stay unassigned.
 */

export interface DemoTerritory {
  key: DivisionKey;
  name: string;
  color: string;
}

export interface DemoPlan {
  name: string;
  territories: DemoTerritory[];
  /** Territory key by unit id, in unit id order. */
  assignments: Map<string, DivisionKey>;
}

export const DEMO_PLAN_NAME = "Demo: US Census divisions";

/**
 * Paul Tol's "muted" qualitative scheme: nine colours that stay distinct
 * for people with the common forms of colour blindness.
 */
const DIVISION_COLORS: Readonly<Record<DivisionKey, string>> = {
  "new-england": "#332288",
  "middle-atlantic": "#CC6677",
  "east-north-central": "#DDCC77",
  "west-north-central": "#117733",
  "south-atlantic": "#88CCEE",
  "east-south-central": "#882255",
  "west-south-central": "#44AA99",
  mountain: "#AA4499",
  pacific: "#999933",
};

/** Builds the demo plan over units sorted by id. */
export function buildDemoPlan(units: readonly Unit[]): DemoPlan {
  const territories = DIVISIONS.map(({ key, name }) => ({
    key,
    name,
    color: DIVISION_COLORS[key],
  }));

  const assignments = new Map<string, DivisionKey>();
  for (const unit of units) {
    const division = stateByFips(unit.stateFips).division;
    if (division) assignments.set(unit.id, division);
  }

  return { name: DEMO_PLAN_NAME, territories, assignments };
}
