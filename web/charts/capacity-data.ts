import { readAmount, type ChartAmount } from "./chart-money.ts";

/** One fiscal month as the capacity chart receives it, with money as decimal strings. */
export interface CapacityMonth {
  label: string;
  capacity: string;
  target: string | null;
  /** Target minus capacity: positive is a shortfall, negative a surplus. */
  gap: string | null;
}

/** A month with its amounts parsed to exact cents. */
export interface ParsedMonth {
  label: string;
  capacity: ChartAmount;
  target: ChartAmount | null;
  gap: ChartAmount | null;
}

/** Parses a month's amounts, raising MoneyFormatError that names the month. */
export function parseMonth(month: CapacityMonth): ParsedMonth {
  const target =
    month.target === null
      ? null
      : readAmount(month.target, `target of ${month.label}`);
  const gap =
    month.gap === null || target === null
      ? null
      : readAmount(month.gap, `gap of ${month.label}`);
  return {
    label: month.label,
    capacity: readAmount(month.capacity, `capacity of ${month.label}`),
    target,
    gap,
  };
}
