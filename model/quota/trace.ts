import type { TraceInput } from "../trace.ts";

export type { TraceInput };

/** Provenance of a computed figure: its inputs and the formula, as plain data. */
export interface QuotaTrace {
  /** Name of the figure, such as `Quota of territory "West"`. */
  label: string;
  /** The rule applied, in words. */
  formula: string;
  inputs: TraceInput[];
  /** The figure written out, such as `Quota of territory "West" = 1,100,000.00 x 25% = 275,000.00`. */
  text: string;
}

/** Formats a decimal string with thousands separators for trace text. */
export function groupThousands(amount: string): string {
  const negative = amount.startsWith("-");
  const [whole, fraction] = (negative ? amount.slice(1) : amount).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = negative ? "-" : "";
  return fraction === undefined
    ? `${sign}${grouped}`
    : `${sign}${grouped}.${fraction}`;
}
