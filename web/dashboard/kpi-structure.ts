import type { Territory } from "../../model/doc/schema.ts";
import type { PlannedRep } from "../../model/planning/inputs.ts";
import type { PlanStructure } from "./kpi-drill.ts";

/**
 * Builds the levels a drill-down walks from the plan's territory list and
 * reps. A territory's region is its parent when that parent is a region,
 * as in the KPI input, so both place a territory alike.
 */
export function planStructure(
  units: readonly Territory[],
  reps: readonly PlannedRep[],
): PlanStructure {
  const regions = units
    .filter((u) => u.kind === "region")
    .map((u) => ({ id: u.id, name: u.name }));
  const regionIds = new Set(regions.map((r) => r.id));
  const territories = units
    .filter((u) => u.kind === "territory")
    .map((u) => ({
      id: u.id,
      name: u.name,
      regionId:
        u.parentId !== null && regionIds.has(u.parentId) ? u.parentId : null,
    }));
  return {
    regions,
    territories,
    reps: reps.map((r) => ({
      id: r.id,
      name: r.name,
      territoryId: r.territoryId,
    })),
  };
}

/** Names each county as the account lists show it, such as "Travis, TX". */
export function countyNames(
  units: readonly { id: string; name: string; state: string }[],
): Map<string, string> {
  return new Map(units.map((u) => [u.id, `${u.name}, ${u.state}`]));
}
