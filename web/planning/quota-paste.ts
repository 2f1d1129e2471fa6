import type { QuotaAdjustment } from "../../model/quota/types.ts";
import {
  parseAdjustmentText,
  parseAmountText,
  type ParsedCell,
} from "./quota-amount-text.ts";
import {
  isEditable,
  type EditableColumn,
  type QuotaColumn,
} from "./quota-columns.ts";
import type { GridPosition } from "./quota-keys.ts";
import type { QuotaRow } from "./quota-rows.ts";

/** A checked edit of one editable cell; a null value clears the cell. */
export type CellEdit =
  | { nodeId: string; column: "adjustment"; value: QuotaAdjustment | null }
  | { nodeId: string; column: "prior"; value: string | null };

/** The edits of a paste, or every reason it cannot be applied. */
export type PastePlan =
  { ok: true; edits: CellEdit[] } | { ok: false; errors: string[] };

/**
 * Splits text copied from a spreadsheet into rows of cells: rows end at a
 * newline (LF or CRLF) and cells at a tab. The newline that ends the last
 * row is not an empty row.
 * NOTE: quoted cells are not unquoted, so a cell that contains a newline
 * or a tab, which spreadsheets copy in double quotes, splits in two.
 */
export function parseClipboardTable(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => line.split("\t"));
}

/** Checks one typed value for an editable cell. */
export function parseCellEdit(
  row: QuotaRow,
  column: EditableColumn,
  text: string,
): { ok: true; edit: CellEdit } | { ok: false; reason: string } {
  if (column === "adjustment") {
    const parsed = parseAdjustmentText(text);
    if (!parsed.ok) return parsed;
    return { ok: true, edit: { nodeId: row.id, column, value: parsed.value } };
  }
  const parsed: ParsedCell<string> = parseAmountText(text);
  if (!parsed.ok) return parsed;
  return { ok: true, edit: { nodeId: row.id, column, value: parsed.value } };
}

/**
 * Plans a paste of `table` into the grid with its top left cell at `at`.
 * Every target cell must be editable and every value valid. Otherwise the
 * plan lists each bad cell, such as "row Pacific, Adjustment: '12,5x' is
 * not an amount", because a paste is applied whole or not at all.
 */
export function planPaste(
  table: readonly string[][],
  rows: readonly QuotaRow[],
  columns: readonly QuotaColumn[],
  at: GridPosition,
): PastePlan {
  const edits: CellEdit[] = [];
  const errors: string[] = [];
  const height = table.length;
  const width = Math.max(...table.map((cells) => cells.length));

  if (at.row + height > rows.length) {
    errors.push(
      `The pasted block has ${height} rows, but only ${rows.length - at.row} rows start at the selected cell. Select a higher cell.`,
    );
  }
  if (at.column + width > columns.length) {
    errors.push(
      `The pasted block has ${width} columns, but only ${columns.length - at.column} columns start at the selected cell. Select a cell further left.`,
    );
  }

  table.forEach((cells, rowOffset) => {
    const row = rows[at.row + rowOffset];
    if (row === undefined) return;
    cells.forEach((text, columnOffset) => {
      const column = columns[at.column + columnOffset];
      if (column === undefined) return;
      const where = `row ${row.name}, ${column.label}`;
      if (!isEditable(row, column.key)) {
        errors.push(`${where}: this cell is read-only`);
        return;
      }
      const parsed = parseCellEdit(row, column.key as EditableColumn, text);
      if (parsed.ok) edits.push(parsed.edit);
      else errors.push(`${where}: ${parsed.reason}`);
    });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, edits };
}
