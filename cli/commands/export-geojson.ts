import fs from "node:fs";
import path from "node:path";
import type { Topology } from "topojson-specification";
import { computeCoverage, CoverageIndex } from "../../model/coverage.ts";
import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import { territoriesGeoJson } from "../../model/io/territory-geojson.ts";
import { parseMoney, toCents } from "../../model/money.ts";
import { CliError } from "../errors.ts";

/** Writes a plan's territories as GeoJSON: merged county outlines with coverage figures. */
export function exportGeoJson(plan: PlanDoc, publicDataDir: string): string {
  const read = (file: string) => {
    const full = path.join(path.resolve(publicDataDir), file);
    try {
      return JSON.parse(fs.readFileSync(full, "utf8"));
    } catch (error) {
      throw new CliError(
        `Cannot read ${full}: ${(error as Error).message}. Check --public-data-dir, or rebuild the data with "npm run data".`,
      );
    }
  };
  const topology: Topology = read("counties.topo.json");
  const units: { id: string; population: number }[] = read("units.json").units;
  const accounts: { unitId: string; potential: string }[] =
    read("accounts.json").accounts;

  const index = new CoverageIndex(
    units,
    accounts.map((a) => ({
      unitId: a.unitId,
      potentialCents: toCents(parseMoney(a.potential, "potential")),
    })),
  );
  const territories = plan
    .readTerritories()
    .filter((t) => t.kind === "territory");
  const assignments = plan.readAssignments();
  const coverage = computeCoverage(
    index,
    territories.map((t) => t.id),
    assignments,
  );
  return `${JSON.stringify(territoriesGeoJson(topology, territories, assignments, coverage))}\n`;
}
