import type { Topology } from "topojson-specification";
import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import { exportTerritoriesGeoJson } from "../../model/io/plan-export.ts";
import {
  readCoverageData,
  readPublicJson,
  type DatasetAccount,
} from "./public-data.ts";

/** Writes a plan's territories as GeoJSON: merged county outlines with coverage figures of `accounts`. */
export function exportGeoJson(
  plan: PlanDoc,
  publicDataDir: string,
  accounts: readonly DatasetAccount[],
): string {
  const topology = readPublicJson(
    publicDataDir,
    "counties.topo.json",
  ) as Topology;
  const { index } = readCoverageData(publicDataDir, accounts);
  return exportTerritoriesGeoJson(
    topology,
    index,
    plan.readTerritories(),
    plan.readAssignments(),
  );
}
