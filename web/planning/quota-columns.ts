import Decimal from "decimal.js";
import { centsToString } from "../../model/money.ts";
import type { QuotaTrace } from "../../model/quota/trace.ts";
import { formatMoney } from "../format.ts";
import type { QuotaRow } from "./quota-rows.ts";

/** Columns of the quota grid; "m1" to "m12" are the fiscal months. */
export type QuotaColumnKey =
  | "name"
  | "owner"
  | "potential"
  | "prior"
  | "adjustment"
  | "annual"
  | "source"
  | `m${number}`;

/** The two columns a person can type into. */
export type EditableColumn = "prior" | "adjustment";

export interface QuotaColumn {
  key: QuotaColumnKey;
  label: string;
  /** Right-aligned with tabular figures. */
  numeric: boolean;
}

/** Text of a cell as displayed and as copied. */
export interface CellContent {
  /** Text in the grid, such as "$1,234,568". */
  text: string;
  /** Exact value for the tooltip and for copying, such as "1234567.89". */
  exact: string;
}

/** Lists the grid's columns, with the twelve months named by `monthLabels`. */
export function quotaColumns(monthLabels: readonly string[]): QuotaColumn[] {
  return [
    { key: "name", label: "Name", numeric: false },
    { key: "owner", label: "Owner", numeric: false },
    { key: "potential", label: "Potential", numeric: true },
    { key: "prior", label: "Prior-year bookings", numeric: true },
    { key: "adjustment", label: "Adjustment", numeric: true },
    { key: "annual", label: "Annual quota", numeric: true },
    { key: "source", label: "Source", numeric: false },
    ...monthLabels.map((label, index) => ({
      key: `m${index + 1}` as const,
      label,
      numeric: true,
    })),
  ];
}

/**
 * True when a person who can edit may type into this cell: prior-year
 * bookings of territories and reps, and the adjustment of every node but
 * the company.
 */
export function isEditable(row: QuotaRow, key: QuotaColumnKey): boolean {
  if (key === "prior") return row.level === "territory" || row.level === "rep";
  if (key === "adjustment") return row.level !== "company";
  return false;
}

/** Id of the planning input behind an editable cell, as the cell history names it. */
export function inputCellId(row: QuotaRow, key: EditableColumn): string {
  return key === "adjustment" ? `adj:${row.id}` : `prior:${row.id}`;
}

/** Fiscal month number (1-12) of a month column, or null for other columns. */
export function monthOf(key: QuotaColumnKey): number | null {
  return key.startsWith("m") ? Number(key.slice(1)) : null;
}

/** Returns the trace of an annual or monthly quota cell, or null for other cells. */
export function cellTrace(
  row: QuotaRow,
  key: QuotaColumnKey,
): QuotaTrace | null {
  if (key === "annual") return row.quota.trace;
  const month = monthOf(key);
  if (month === null) return null;
  return row.quota.months.find((m) => m.month === month)?.trace ?? null;
}

/** Text of one cell; money shows in whole units of `currency`, the exact amount goes to `exact`. */
export function cellContent(
  row: QuotaRow,
  key: QuotaColumnKey,
  currency: string,
): CellContent {
  switch (key) {
    case "name":
      return plain(row.name);
    case "owner":
      return plain(row.owner ?? "");
    case "potential":
      return row.potentialCents === null
        ? plain("")
        : money(centsToString(row.potentialCents), currency);
    case "prior":
      return money(row.priorBookings ?? row.priorBookingsRollup, currency);
    case "adjustment":
      return adjustmentContent(row.adjustment, currency);
    case "annual":
      return money(row.quota.annual, currency);
    case "source":
      return plain(sourceText(row));
  }
  const month = row.quota.months.find((m) => m.month === monthOf(key));
  return money(month?.amount ?? null, currency);
}

/** "cascade" for a share of the parent's pool, "adjusted" for a manual adjustment. */
export function sourceText(row: QuotaRow): string {
  const source = row.quota.source;
  if (source === "company") return "company";
  return source === "cascade" ? "cascade" : "adjusted";
}

/** Rounds an exact amount to whole units, half up, and formats it: "$1,234,568". */
export function wholeMoney(amount: string, currency: string): string {
  const whole = new Decimal(amount).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return formatMoney(whole.toFixed(0), currency);
}

function adjustmentContent(text: string, currency: string): CellContent {
  if (text === "") return plain("");
  const sign = text.startsWith("+") || text.startsWith("-") ? text[0] : "";
  const amount = sign === "" ? text : text.slice(1);
  const formatted = `${sign === "-" ? "−" : sign}${wholeMoney(amount, currency)}`;
  return { text: formatted, exact: text };
}

function money(amount: string | null, currency: string): CellContent {
  if (amount === null) return plain("");
  return { text: wholeMoney(amount, currency), exact: amount };
}

function plain(text: string): CellContent {
  return { text, exact: text };
}

/** Text an editor of the cell starts with: the value as entered, never a roll-up. */
export function editText(row: QuotaRow, key: EditableColumn): string {
  return key === "adjustment" ? row.adjustment : (row.priorBookings ?? "");
}
