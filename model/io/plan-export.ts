import type { Topology } from "topojson-specification";
import { computeCoverage, withDeviation } from "../coverage.ts";
import type { MetricIndex } from "../metrics.ts";
import { formatAssignmentCsv } from "../optimize/assignment-csv.ts";
import {
  applyOverrides,
  effectiveOverrides,
  type Override,
  type OverrideAccount,
} from "../overrides.ts";
import {
  accountsCsv,
  type CsvAccount,
  type UnitTerritory,
} from "./accounts-csv.ts";
import { territoriesGeoJson } from "./territory-geojson.ts";
import { uniqueTerritoryNames, type FileTerritory } from "./territory-names.ts";

// The plan exports that the command line and the app both write, from plain
// plan data, so that both produce the same bytes for the same plan.

/** A plan's named-account overrides and the date whose overrides in effect the export applies. */
export interface ExportPins {
  overrides: readonly Override[];
  /** `YYYY-MM-DD`, as the Accounts tab's "as of" date. */
  asOf: string;
}

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
 * Formats accounts as CSV with the territory of each account and that
 * territory's owner. An account pinned by an override in effect on
 * `pins.asOf` gets the override's territory, as the app's figures count it.
 * Any other account gets the territory of its unit. An override into a
 * territory that no longer exists, or into a region, is left out, as the
 * figures leave it out. `ownerNames` maps person ids to display names. An
 * owner missing from it, such as a person removed from the plan, is
 * written as the person id.
 */
export function exportAccountsCsv(
  territories: readonly FileTerritory[],
  assignments: ReadonlyMap<string, string>,
  accounts: readonly CsvAccount[],
  ownerNames: ReadonlyMap<string, string>,
  pins: ExportPins,
): string {
  const names = uniqueTerritoryNames(territories);
  const byId = new Map(territories.map((t) => [t.id, t]));
  const entryOf = (territoryId: string): UnitTerritory | undefined => {
    const territory = byId.get(territoryId);
    if (territory === undefined) return undefined;
    const ownerId = territory.ownerId;
    return {
      territory: names.get(territoryId) ?? territory.name,
      owner: ownerId === null ? "" : (ownerNames.get(ownerId) ?? ownerId),
    };
  };

  const territoryByUnit = new Map<string, UnitTerritory>();
  for (const [unitId, territoryId] of assignments) {
    const entry = entryOf(territoryId);
    if (entry !== undefined) territoryByUnit.set(unitId, entry);
  }
  const territoryByAccount = new Map<string, UnitTerritory>();
  for (const override of effectiveOverrides(pins.overrides, pins.asOf)) {
    const paintable = byId.get(override.territoryId)?.kind === "territory";
    const entry = paintable ? entryOf(override.territoryId) : undefined;
    if (entry !== undefined) territoryByAccount.set(override.accountId, entry);
  }
  return accountsCsv(accounts, territoryByUnit, territoryByAccount);
}

/**
 * Formats a plan's territories (not regions) as a GeoJSON FeatureCollection:
 * merged county outlines with coverage figures, one line of JSON and "\n".
 * Accounts pinned by overrides in effect on `pins.asOf` count in their
 * override territory instead of their county, as in the app's figures.
 */
export function exportTerritoriesGeoJson(
  topology: Topology,
  index: MetricIndex,
  accounts: readonly OverrideAccount[],
  territories: readonly FileTerritory[],
  assignments: ReadonlyMap<string, string>,
  pins: ExportPins,
): string {
  const paintable = territories.filter((t) => t.kind === "territory");
  const ids = paintable.map((t) => t.id);
  const pinned = applyOverrides(
    index,
    new Map(accounts.map((account) => [account.id, account])),
    effectiveOverrides(pins.overrides, pins.asOf),
    new Set(ids),
  );

  const sums = computeCoverage(pinned.index.coverage, ids, assignments);
  const totals = sums.territories.map((t) => {
    const base = pinned.base.get(t.territoryId);
    return {
      territoryId: t.territoryId,
      units: t.units,
      accounts: t.accounts + (base?.accounts ?? 0),
      population: t.population,
      potentialCents: t.potentialCents + (base?.potentialCents ?? 0),
    };
  });
  const coverage = withDeviation(totals, sums.unassigned);

  const collection = territoriesGeoJson(
    topology,
    paintable,
    assignments,
    coverage,
  );
  return `${JSON.stringify(collection)}\n`;
}
