import { exactMoney, readAmount } from "./chart-money.ts";
import type { CapacityMonth } from "./capacity-layout.ts";
import {
  displayName,
  formatPercent,
  validatePercent,
  type OverAssignmentLevel,
} from "./over-assignment-layout.ts";
import type { QuotaPotentialRow } from "./quota-potential-layout.ts";

/** The data behind a chart as a table, for screen readers. */
export interface DataTable {
  caption: string;
  columns: string[];
  /** Rows of display text, one cell per column. The first cell names the row. */
  rows: string[][];
}

/** Tabulates the capacity chart's months with exact amounts. */
export function capacityTable(
  months: readonly CapacityMonth[],
  caption: string,
  currency = "USD",
): DataTable {
  return {
    caption,
    columns: ["Month", "Capacity", "Target", "Gap (target minus capacity)"],
    rows: months.map((month) => [
      month.label,
      money(month.capacity, `capacity of ${month.label}`, currency),
      month.target === null
        ? "No target"
        : money(month.target, `target of ${month.label}`, currency),
      month.gap === null
        ? "–"
        : money(month.gap, `gap of ${month.label}`, currency),
    ]),
  };
}

/** Tabulates every territory of the quota chart, hidden rows included. */
export function quotaPotentialTable(
  rows: readonly QuotaPotentialRow[],
  caption: string,
  currency = "USD",
): DataTable {
  return {
    caption,
    columns: ["Territory", "Owner", "Quota", "Potential"],
    rows: rows.map((row) => [
      row.name,
      row.ownerName ?? "–",
      money(row.quota, `quota of territory "${row.name}"`, currency),
      money(row.potential, `potential of territory "${row.name}"`, currency),
    ]),
  };
}

/** Tabulates the over-assignment chart's levels. */
export function overAssignmentTable(
  levels: readonly OverAssignmentLevel[],
  caption: string,
  currency = "USD",
): DataTable {
  return {
    caption,
    columns: [
      "Level",
      "Total of the level above",
      "Total of this level",
      "Over-assignment",
    ],
    rows: levels.map((level) => {
      validatePercent(level);
      return [
        displayName(level.level),
        money(level.parentTotal, `parent total of ${level.level}`, currency),
        money(level.childrenTotal, `total of ${level.level}`, currency),
        formatPercent(level.percent),
      ];
    }),
  };
}

function money(text: string, what: string, currency: string): string {
  return exactMoney(readAmount(text, what).cents, currency);
}
