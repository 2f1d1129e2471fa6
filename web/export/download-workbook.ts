import type { PlanningTable } from "../../model/io/planning-tables.ts";
import { writePlanningWorkbook, XLSX_MIME_TYPE } from "./planning-workbook.ts";

/**
 * Builds an XLSX workbook with one sheet per table and starts a browser
 * download of it as `fileName`, adding ".xlsx" when the name lacks it.
 * Raises PlanningWorkbookError for a table that cannot become a sheet.
 */
export async function downloadPlanningWorkbook(
  tables: readonly PlanningTable[],
  fileName: string,
): Promise<void> {
  const bytes = await writePlanningWorkbook(tables);
  // A copy into a fresh ArrayBuffer types as a BlobPart in every TS lib.
  const blob = new Blob([bytes.slice()], { type: XLSX_MIME_TYPE });
  const url = URL.createObjectURL(blob);

  const link = document.createElement("a");
  link.href = url;
  link.download = /\.xlsx$/i.test(fileName) ? fileName : `${fileName}.xlsx`;
  link.click();
  // The click starts the download at once, so the URL can be freed next.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
