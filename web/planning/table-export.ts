/**
 * Export of planning tables (capacity, quotas) as CSV or XLSX, from the
 * same table builders the command line uses (model/io/planning-tables.ts).
 */

import { formatTableCsv } from "../../model/io/planning-table-csv.ts";
import type { PlanningTable } from "../../model/io/planning-tables.ts";
import { downloadPlanningWorkbook } from "../export/download-workbook.ts";

/** Builds a file name without extension, such as "acme-quotas-fy2028". */
export function planningFileName(
  planName: string,
  kind: string,
  yearId: string,
): string {
  const slug = planName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug || "plan"}-${kind}-${yearId.toLowerCase()}`;
}

/** Starts a browser download of one table as CSV with the headers people read. */
export function downloadTableCsv(table: PlanningTable, fileName: string): void {
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

/** Starts a browser download of the tables as one XLSX workbook, a sheet each. */
export function downloadTablesXlsx(
  tables: readonly PlanningTable[],
  fileName: string,
): Promise<void> {
  return downloadPlanningWorkbook([...tables], fileName);
}
