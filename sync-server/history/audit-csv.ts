import type { FieldValue } from "./object-fields.ts";
import type { HistoryEntry } from "./attribution.ts";

/** Columns of the audit CSV, in order. */
export const AUDIT_COLUMNS = ["user", "time", "object", "from", "to"] as const;

/**
 * Writes history entries as RFC 4180 CSV: a header row, CRLF line ends,
 * and fields quoted when they contain a comma, a double quote, CR or LF.
 * `user` is the credited person's display name (their id when they have
 * none), `unattributed (sent by <name>)`, or `server` for an update the
 * server stored itself.
 * NOTE: values are written as stored, so a value starting with "=", "+",
 * "-" or "@" may run as a formula when a spreadsheet opens the file.
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
    rows.push(fields.map(quoteField).join(","));
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

/** Quotes a field as RFC 4180 requires, doubling its double quotes. */
export function quoteField(field: string): string {
  if (!/[",\r\n]/.test(field)) return field;
  return `"${field.replaceAll('"', '""')}"`;
}
