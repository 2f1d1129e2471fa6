/**
 * Export of the monthly capacity table as CSV or XLSX, from the same table
 * builder the command line uses (model/io/planning-tables.ts).
 */

import type { CapacityResult } from "../../model/capacity/capacity.ts";
import { formatTableCsv } from "../../model/io/planning-table-csv.ts";
import {
  capacityTable,
  type PlanningTable,
  type RoleLabel,
} from "../../model/io/planning-tables.ts";
import { downloadPlanningWorkbook } from "../export/download-workbook.ts";

/** File name of an export without extension, such as "acme-capacity-fy2027". */
export function capacityFileName(planName: string, yearId: string): string {
  const slug = planName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug || "plan"}-capacity-${yearId.toLowerCase()}`;
}

/** Builds the capacity table with role names in its headers. */
export function capacityExportTable(
  result: CapacityResult,
  roles: readonly RoleLabel[],
): PlanningTable {
  return capacityTable(result, roles);
}

/** Starts a browser download of the table as CSV with the headers people read. */
export function downloadCapacityCsv(
  table: PlanningTable,
  fileName: string,
): void {
  const text = formatTableCsv(table, "header");
  const blob = new Blob([text], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `${fileName}.csv`;
  link.click();
  // The click starts the download at once; the URL is freed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Starts a browser download of the table as an XLSX workbook. */
export function downloadCapacityXlsx(
  table: PlanningTable,
  fileName: string,
): Promise<void> {
  return downloadPlanningWorkbook([table], fileName);
}
