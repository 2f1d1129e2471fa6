import fs from "node:fs";
import { CliError } from "../errors.ts";
import type { PlanningTable } from "../../model/io/planning-tables.ts";
import {
  PlanningWorkbookError,
  writePlanningWorkbook,
} from "../../web/export/planning-workbook.ts";

/** Writes tables as an XLSX workbook to `file`, one sheet per table, for --format xlsx. */
export async function writeWorkbookFile(
  file: string,
  tables: readonly PlanningTable[],
): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await writePlanningWorkbook(tables);
  } catch (error) {
    if (error instanceof PlanningWorkbookError) {
      throw new CliError(error.message);
    }
    throw error;
  }
  try {
    fs.writeFileSync(file, bytes);
  } catch (error) {
    throw new CliError(
      `Cannot write ${file}: ${(error as Error).message}. Give --out a file path in a writable folder.`,
    );
  }
}
