import type { Topology } from "topojson-specification";
import { computeCoverage, type CoverageIndex } from "../coverage.ts";
import { formatAssignmentCsv } from "../optimize/assignment-csv.ts";
import {
  accountsCsv,
  type CsvAccount,
  type UnitTerritory,
} from "./accounts-csv.ts";
import { territoriesGeoJson } from "./territory-geojson.ts";
import { uniqueTerritoryNames, type FileTerritory } from "./territory-names.ts";

// The plan exports that the command line and the app both write, from plain
// plan data, so that both produce the same bytes for the same plan.

/**
 * Formats a plan's assignments as `unit_id,territory` rows sorted by unit
 * id, named as in {@link uniqueTerritoryNames}. A unit assigned to a
 * territory that was deleted on another replica counts as unassigned, as on
 * the map and in the territory list, so it has no row.
 */
export function exportAssignmentsCsv(
  territories: readonly FileTerritory[],
  assignments: ReadonlyMap<string, string>,
): string {
  const names = uniqueTerritoryNames(territories);
  const rows = new Map<string, string>();
  for (const [unitId, territoryId] of assignments) {
    const name = names.get(territoryId);
    if (name !== undefined) rows.set(unitId, name);
  }
  return formatAssignmentCsv(rows);
}

/**
 * Formats accounts as CSV with the territory of each account's unit and that
 * territory's owner. `ownerNames` maps person ids to display names. An owner
 * missing from it, such as a person removed from the plan, is written as the
 * person id.
 */
export function exportAccountsCsv(
  territories: readonly FileTerritory[],
  assignments: ReadonlyMap<string, string>,
  accounts: readonly CsvAccount[],
  ownerNames: ReadonlyMap<string, string>,
): string {
  const names = uniqueTerritoryNames(territories);
  const byId = new Map(territories.map((t) => [t.id, t]));
  const territoryByUnit = new Map<string, UnitTerritory>();
  for (const [unitId, territoryId] of assignments) {
    const territory = byId.get(territoryId);
    if (territory === undefined) continue;
    const ownerId = territory.ownerId;
    territoryByUnit.set(unitId, {
      territory: names.get(territoryId) ?? territory.name,
      owner: ownerId === null ? "" : (ownerNames.get(ownerId) ?? ownerId),
    });
  }
  return accountsCsv(accounts, territoryByUnit);
}

/**
 * Formats a plan's territories (not regions) as a GeoJSON FeatureCollection:
 * merged county outlines with coverage figures, one line of JSON and "\n".
 */
export function exportTerritoriesGeoJson(
  topology: Topology,
  index: CoverageIndex,
  territories: readonly FileTerritory[],
  assignments: ReadonlyMap<string, string>,
): string {
  const paintable = territories.filter((t) => t.kind === "territory");
  const coverage = computeCoverage(
    index,
    paintable.map((t) => t.id),
    assignments,
  );
  const collection = territoriesGeoJson(
    topology,
    paintable,
    assignments,
    coverage,
  );
  return `${JSON.stringify(collection)}\n`;
}
