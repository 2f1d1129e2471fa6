import { addMonths } from "../../../model/forecast/months.ts";

/** Bookings of `count` months from `start`, each month's cents from `centsAt(t)`. */
export function monthlyBookings(
  start: string,
  count: number,
  centsAt: (t: number) => number,
): Record<string, number> {
  const bookings: Record<string, number> = {};
  for (let t = 0; t < count; t++) bookings[addMonths(start, t)] = centsAt(t);
  return bookings;
}

/** 1,000.00 in February 2027, rising 100.00 a month. */
export function linearYear(): Record<string, number> {
  return monthlyBookings("2027-02", 12, (t) => 100_000 + 10_000 * t);
}
