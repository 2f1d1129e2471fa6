import fs from "node:fs";
import ExcelJS from "exceljs";

/** Reads XLSX bytes, or the XLSX file at a path, back into an exceljs workbook. */
export async function readWorkbook(
  source: Uint8Array | string,
): Promise<ExcelJS.Workbook> {
  const bytes = typeof source === "string" ? fs.readFileSync(source) : source;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Returns the values of one row, from column 1, with empty cells as null. */
export function rowValues(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  const values: unknown[] = [];
  for (let column = 1; column <= sheet.columnCount; column++) {
    values.push(sheet.getRow(row).getCell(column).value);
  }
  return values;
}
