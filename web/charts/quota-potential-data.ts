import { readAmount, type ChartAmount } from "./chart-money.ts";

/** One territory as the quota chart receives it, with money as decimal strings. */
export interface QuotaPotentialRow {
  id: string;
  name: string;
  quota: string;
  potential: string;
  ownerName?: string;
}

/** A territory with its amounts parsed to exact cents. */
export interface ParsedRow {
  id: string;
  name: string;
  ownerName: string | null;
  quota: ChartAmount;
  potential: ChartAmount;
}

/** Parses a territory's amounts, raising MoneyFormatError that names it. */
export function parseRow(row: QuotaPotentialRow): ParsedRow {
  return {
    id: row.id,
    name: row.name,
    ownerName: row.ownerName ?? null,
    quota: readAmount(row.quota, `quota of territory "${row.name}"`),
    potential: readAmount(
      row.potential,
      `potential of territory "${row.name}"`,
    ),
  };
}

/** Sorts by potential, then quota, largest first, then by name and id. */
export function sortRows(rows: ParsedRow[]): ParsedRow[] {
  return rows.sort(
    (a, b) =>
      b.potential.cents - a.potential.cents ||
      b.quota.cents - a.quota.cents ||
      a.name.localeCompare(b.name) ||
      compareIds(a.id, b.id),
  );
}

function compareIds(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
