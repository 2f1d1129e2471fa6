import { csvCell } from "../../model/io/csv-cell.ts";
import type { FieldValue } from "./object-fields.ts";
import type { HistoryEntry } from "./attribution.ts";

/** Columns of the audit CSV, in order. */
export const AUDIT_COLUMNS = ["user", "time", "object", "from", "to"] as const;

/**
 * Writes history entries as RFC 4180 CSV: a header row, CRLF line ends,
 * and fields quoted when they contain a comma, a double quote, CR or LF.
 * A value that a spreadsheet would run as a formula, such as a territory
 * named "=HYPERLINK(...)", starts with an apostrophe (see csvCell).
 * `user` is the credited person's display name (their id when they have
 * none), `unattributed (sent by <name>)`, or `server` for an update the
 * server stored itself.
 */
export function auditCsv(entries: readonly HistoryEntry[]): string {
  const rows = [AUDIT_COLUMNS.join(",")];
  for (const entry of entries) {
    const fields = [
      auditUser(entry),
      entry.time,
      entry.object,
      csvValue(entry.from),
      csvValue(entry.to),
    ];
    rows.push(fields.map(csvCell).join(","));
  }
  return rows.join("\r\n") + "\r\n";
}

function auditUser(entry: HistoryEntry): string {
  if (entry.personId !== null) return entry.personName ?? entry.personId;
  if (entry.sentBy === null) return "server";
  return `unattributed (sent by ${entry.sentByName ?? entry.sentBy})`;
}

function csvValue(value: FieldValue): string {
  if (value === null) return "";
  return String(value);
}
