import type { QuotaColumnKey } from "./quota-columns.ts";

/** The selected cell of the quota grid, by node id and column. */
export interface ActiveCell {
  rowId: string;
  key: QuotaColumnKey;
}

/** Id of a quota grid cell in presence, such as "quota:demo-pacific:annual". */
export function presenceCellId(rowId: string, key: QuotaColumnKey): string {
  return `quota:${rowId}:${key}`;
}
