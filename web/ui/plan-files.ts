import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import {
  exportAccountsCsv,
  exportAssignmentsCsv,
  exportTerritoriesGeoJson,
} from "../../model/io/plan-export.ts";
import type { ReferenceData } from "../plan/reference-data.ts";

/** A file the Data tab offers for download. */
export interface PlanFile {
  name: string;
  type: string;
  text: string;
}

export type PlanFileKind = "assignments" | "accounts" | "geojson";

/**
 * Builds an export file of the plan with the same model code as
 * `meridian export`, so both write the same bytes for the same plan,
 * datasets and `asOf`. `ownerNames` maps person ids to names for the
 * accounts file. The accounts and GeoJSON files apply the overrides in
 * effect on `asOf` (`YYYY-MM-DD`), as `--as-of` does.
 */
export function buildPlanFile(
  kind: PlanFileKind,
  planDoc: PlanDoc,
  reference: ReferenceData,
  ownerNames: ReadonlyMap<string, string>,
  asOf: string,
): PlanFile {
  const territories = planDoc.readTerritories();
  const assignments = planDoc.readAssignments();
  const pins = { overrides: planDoc.readOverrides(), asOf };
  const base = fileBaseName(planDoc.readMeta().name, planDoc.readMeta().planId);
  if (kind === "assignments") {
    return {
      name: `${base}-assignments.csv`,
      type: "text/csv;charset=utf-8",
      text: exportAssignmentsCsv(territories, assignments),
    };
  }
  if (kind === "accounts") {
    return {
      name: `${base}-accounts.csv`,
      type: "text/csv;charset=utf-8",
      text: exportAccountsCsv(
        territories,
        assignments,
        reference.accounts,
        ownerNames,
        pins,
      ),
    };
  }
  return {
    name: `${base}-territories.geojson`,
    type: "application/geo+json",
    text: exportTerritoriesGeoJson(
      reference.topology,
      reference.metricIndex,
      reference.accounts,
      territories,
      assignments,
      pins,
    ),
  };
}

/** Turns a plan name into a file name part: lowercase letters, digits and dashes. */
export function fileBaseName(planName: string, planId: string): string {
  const slug = planName
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || planId;
}

/** Starts a browser download of a file. */
export function downloadFile(file: PlanFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.name;
  link.click();
  // The click starts the download at once; the URL is freed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
