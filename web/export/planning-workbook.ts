import type { Workbook, Worksheet } from "exceljs";
import type {
  PlanningTable,
  TableColumn,
  TableRow,
} from "../../model/io/planning-tables.ts";

export const XLSX_MIME_TYPE =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Money cells show two decimals with thousands separators, such as 1,234.50. */
const MONEY_FORMAT = "#,##0.00";

/** Excel's limit on the length of a sheet name. */
const MAX_SHEET_NAME = 31;
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** Error for a table that cannot become a sheet, because of an invalid sheet name or a non-decimal value. */
export class PlanningWorkbookError extends Error {
  override name = "PlanningWorkbookError";
}

/**
 * Writes tables as an XLSX workbook, one sheet per table in order, named
 * after the table. The header row is bold, frozen and has a filter. Money
 * and number cells are numbers, and text cells are strings, so a value
 * such as "=1+1" stays text. Loads exceljs on first use, so a web bundle
 * keeps it in a chunk of its own. Runs in the browser and in Node.
 */
export async function writePlanningWorkbook(
  tables: readonly PlanningTable[],
): Promise<Uint8Array> {
  checkTables(tables);
  const excel = await loadExcelJs();
  const workbook: Workbook = new excel.Workbook();
  workbook.creator = "Meridian";

  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    writeSheet(sheet, table);
  }

  const buffer = await workbook.xlsx.writeBuffer();
  return toBytes(buffer);
}

// exceljs is CommonJS, and Node's ESM loader puts its exports on `default`
// only, so the named exports of its types are not there at run time.
async function loadExcelJs(): Promise<typeof import("exceljs")> {
  try {
    const module = await import("exceljs");
    return module.default;
  } catch (error) {
    // NOTE: the service worker caches this chunk only once an export has
    // loaded it, so a first export while offline ends here.
    throw new PlanningWorkbookError(
      `Loading the XLSX writer (exceljs) failed: ${(error as Error).message}. Check the connection to the server and export again.`,
      { cause: error },
    );
  }
}

function writeSheet(sheet: Worksheet, table: PlanningTable): void {
  const formats = table.columns.map((column) =>
    numberFormat(column, table.rows),
  );
  sheet.columns = table.columns.map((column, index) => ({
    header: column.header,
    key: column.key,
    width: columnWidth(column, table.rows, formats[index]),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1, column: table.columns.length },
  };

  for (const row of table.rows) {
    const values = table.columns.map((column) => cellValue(column, row));
    const written = sheet.addRow(values);
    table.columns.forEach((column, index) => {
      const format = formats[index];
      if (format !== null) written.getCell(index + 1).numFmt = format;
    });
  }
}

/**
 * Converts one value for its cell. exceljs numbers are floats, so a
 * cent-exact money string becomes the nearest double. Excel shows that
 * double exactly at 2 decimals while the amount has at most 15 significant
 * digits, the precision Excel displays.
 */
function cellValue(column: TableColumn, row: TableRow): string | number | null {
  const value = row[column.key] ?? null;
  if (value === null || column.kind === "text") return value;
  // NOTE: amounts of 10^13 or more have over 15 significant digits, so
  // Excel shows their cents rounded.
  return Number(value);
}

/** Returns the number format of a column, or null for text. */
function numberFormat(
  column: TableColumn,
  rows: readonly TableRow[],
): string | null {
  if (column.kind === "text") return null;
  if (column.kind === "money") return MONEY_FORMAT;

  // Numbers keep as many decimals as their longest value, so a headcount
  // of "0.9901" is not shown as 0.99.
  let decimals = 0;
  for (const row of rows) {
    const fraction = (row[column.key] ?? "").split(".")[1] ?? "";
    decimals = Math.max(decimals, fraction.length);
  }
  return decimals === 0 ? "0" : `0.${"0".repeat(decimals)}`;
}

/** Sizes a column to its longest header or shown value, in characters. */
function columnWidth(
  column: TableColumn,
  rows: readonly TableRow[],
  format: string | null,
): number {
  let longest = column.header.length;
  for (const row of rows) {
    const value = row[column.key] ?? "";
    const width = format === MONEY_FORMAT ? groupedLength(value) : value.length;
    longest = Math.max(longest, width);
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
}

/** Length of a decimal string once thousands separators are added. */
function groupedLength(value: string): number {
  const digits = value.replace(/^-/, "").split(".")[0].length;
  return value.length + Math.floor(Math.max(0, digits - 1) / 3);
}

function checkTables(tables: readonly PlanningTable[]): void {
  if (tables.length === 0) {
    throw new PlanningWorkbookError(
      "No tables to write: a workbook needs at least one sheet. Pass one or more tables.",
    );
  }
  const seen = new Set<string>();
  for (const table of tables) {
    checkSheetName(table.name);
    const folded = table.name.toLowerCase();
    if (seen.has(folded)) {
      throw new PlanningWorkbookError(
        `Two tables are named "${table.name}", but sheet names must differ (ignoring case). Rename one of them.`,
      );
    }
    seen.add(folded);
    checkColumns(table);
    checkNumbers(table);
  }
}

/** Applies Excel's rules for sheet names, which exceljs would enforce by throwing or truncating. */
function checkSheetName(name: string): void {
  let problem: string | null = null;
  if (name.trim() === "") problem = "is blank";
  else if (name.length > MAX_SHEET_NAME) {
    problem = `is ${name.length} characters long, over Excel's limit of ${MAX_SHEET_NAME}`;
  } else if (/[*?:/\\[\]]/.test(name)) {
    problem = "contains one of * ? : / \\ [ ]";
  } else if (name.startsWith("'") || name.endsWith("'")) {
    problem = "starts or ends with an apostrophe";
  } else if (name.toLowerCase() === "history") {
    problem = "is reserved by Excel";
  }
  if (problem !== null) {
    throw new PlanningWorkbookError(
      `Invalid sheet name "${name}": it ${problem}. Rename the table.`,
    );
  }
}

function checkColumns(table: PlanningTable): void {
  if (table.columns.length === 0) {
    throw new PlanningWorkbookError(
      `Table "${table.name}" has no columns. Give it at least one column.`,
    );
  }
  const keys = new Set<string>();
  for (const column of table.columns) {
    if (keys.has(column.key)) {
      throw new PlanningWorkbookError(
        `Table "${table.name}" has two columns with the key "${column.key}". Give each column its own key.`,
      );
    }
    keys.add(column.key);
  }
}

function checkNumbers(table: PlanningTable): void {
  for (const column of table.columns) {
    if (column.kind === "text") continue;
    table.rows.forEach((row, index) => {
      const value = row[column.key] ?? null;
      if (value === null || DECIMAL_PATTERN.test(value)) return;
      throw new PlanningWorkbookError(
        `Invalid ${column.kind} value ${JSON.stringify(value)} in table "${table.name}", column "${column.key}", row ${index + 1}. Give a decimal string such as "1250.50".`,
      );
    });
  }
}

/** Views exceljs's buffer (a Node Buffer, or an ArrayBuffer) as plain bytes without copying. */
function toBytes(buffer: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (ArrayBuffer.isView(buffer)) {
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  return new Uint8Array(buffer);
}
