import { centsToString, parseMoney, toCents } from "../../model/money.ts";
import { formatMoney } from "../format.ts";
import { formatCompactMoney } from "./compact-money.ts";

/** An exact amount in cents, with the number a chart draws it at. */
export interface ChartAmount {
  cents: number;
  /** Dollars as a floating-point number, for scales and positions only. */
  value: number;
}

/**
 * Parses a decimal amount for a chart. Raises MoneyFormatError naming
 * `what` (such as "capacity of Mar 2027") when the text is not a decimal.
 */
export function readAmount(text: string, what: string): ChartAmount {
  const cents = toCents(parseMoney(text, what));
  return { cents, value: cents / 100 };
}

/** Sums cents, raising when the sum leaves the safe-integer range. */
export function sumCents(values: readonly number[]): number {
  const total = values.reduce((sum, value) => sum + value, 0);
  if (!Number.isSafeInteger(total)) {
    throw new RangeError(
      `Chart total of ${total} cents is beyond the safe-integer range (about $90 trillion), so it cannot be summed exactly. Check the amounts passed to the chart.`,
    );
  }
  return total;
}

/** Formats cents in full, such as "$1,234,567.80", for tooltips and tables. */
export function exactMoney(cents: number, currency: string): string {
  return formatMoney(centsToString(cents), currency);
}

/** Formats cents compactly, such as "$1.23M", for labels and summaries. */
export function compactMoney(cents: number, currency: string): string {
  return formatCompactMoney(centsToString(cents), currency);
}
