import { ForecastError } from "./errors.ts";

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Converts a "YYYY-MM" month to a count of months since year 0. */
export function monthIndex(month: string): number {
  const match = MONTH_PATTERN.exec(month);
  if (match === null) {
    throw new ForecastError(
      "month",
      `Invalid month ${JSON.stringify(month)}. Write months as "YYYY-MM", such as "2027-02".`,
    );
  }
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

/** Converts a count of months since year 0 back to "YYYY-MM". */
export function monthKey(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/** Returns the month `count` months after `month`. */
export function addMonths(month: string, count: number): string {
  return monthKey(monthIndex(month) + count);
}

/** Bookings of consecutive months, in integer cents, oldest first. */
export interface MonthSeries {
  /** First month, "YYYY-MM". */
  start: string;
  cents: number[];
}

/**
 * Orders a month -> cents record into consecutive months from the first
 * to the last. A month missing in between counts as zero bookings, because
 * a month without closed deals books nothing.
 */
export function toMonthSeries(
  bookings: Readonly<Record<string, number>>,
): MonthSeries {
  const entries = Object.entries(bookings).map(([month, cents]) => {
    if (!Number.isSafeInteger(cents)) {
      throw new ForecastError(
        "bookings",
        `Bookings of ${month} must be whole cents, got ${cents}. Round the amount to the cent first.`,
      );
    }
    return { index: monthIndex(month), cents };
  });
  if (entries.length === 0) {
    throw new ForecastError(
      "bookings",
      "The bookings history is empty. Give at least one month of bookings.",
    );
  }

  entries.sort((a, b) => a.index - b.index);
  const first = entries[0].index;
  const length = entries[entries.length - 1].index - first + 1;
  const cents = new Array<number>(length).fill(0);
  for (const entry of entries) cents[entry.index - first] = entry.cents;
  return { start: monthKey(first), cents };
}
