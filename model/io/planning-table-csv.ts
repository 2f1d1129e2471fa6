import { csvCell } from "./csv-cell.ts";
import type { PlanningTable } from "./planning-tables.ts";

/** Column field written in the CSV header row: the key or the header for people. */
export type CsvHeader = "key" | "header";

/**
 * Formats a table as CSV: a header row of column keys (or of the headers
 * for people, with `header: "header"`), then one line per row. Fields are
 * quoted per RFC 4180, an empty cell is an empty field, and every line
 * ends with "\n", like the other CSV files Meridian writes.
 */
export function formatTableCsv(
  table: PlanningTable,
  header: CsvHeader = "key",
): string {
  const names = table.columns.map((column) => column[header]);
  const lines = [names.map(csvCell).join(",")];

  for (const row of table.rows) {
    const fields = table.columns.map((column) => row[column.key] ?? "");
    lines.push(fields.map(csvCell).join(","));
  }
  return lines.map((line) => `${line}\n`).join("");
}
