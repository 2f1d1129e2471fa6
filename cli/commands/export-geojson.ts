import type { Topology } from "topojson-specification";
import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import { exportTerritoriesGeoJson } from "../../model/io/plan-export.ts";
import {
  readCoverageData,
  readPublicJson,
  type DatasetAccount,
} from "./public-data.ts";

/**
 * Writes a plan's territories as GeoJSON: merged county outlines with
 * coverage figures of `accounts`, with the accounts that overrides in
 * effect on `asOf` pin counted in their override territory.
 */
export function exportGeoJson(
  plan: PlanDoc,
  publicDataDir: string,
  accounts: readonly DatasetAccount[],
  asOf: string,
): string {
  const topology = readPublicJson(
    publicDataDir,
    "counties.topo.json",
  ) as Topology;
  const { metricIndex } = readCoverageData(publicDataDir, accounts);
  return exportTerritoriesGeoJson(
    topology,
    metricIndex,
    accounts,
    plan.readTerritories(),
    plan.readAssignments(),
    { overrides: plan.readOverrides(), asOf },
  );
}
