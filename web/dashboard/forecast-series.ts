import { monthIndex, monthKey } from "../../model/forecast/months.ts";
import { parseMoney, toCents, centsToString } from "../../model/money.ts";
import type { NodeQuota } from "../../model/quota/types.ts";
import type { TerritoryBookings } from "./bookings-api.ts";

/** Id of the series that sums every territory. */
export const ALL_TERRITORIES = "all-territories";

/** Monthly bookings of one territory, or of all territories summed. */
export interface ForecastSeries {
  id: string;
  name: string;
  /** Month "YYYY-MM" -> booked integer cents. */
  bookings: Record<string, number>;
}

/**
 * Lists each territory's bookings after the sum of every territory. A
 * month without deals booked nothing, so each series with bookings gets a
 * zero for every month it lacks in one shared range. The range starts at
 * the fiscal year's first month ("YYYY-MM", null before the plan sets
 * one) or the earliest month booked in any territory, whichever is
 * earlier, and ends at the latest month booked in any territory. A
 * territory with no bookings at all stays empty.
 */
export function buildForecastSeries(
  territories: readonly TerritoryBookings[],
  fiscalYearStart: string | null = null,
): ForecastSeries[] {
  const booked = territories.flatMap((t) =>
    Object.keys(t.bookings).map(monthIndex),
  );
  const range =
    booked.length === 0
      ? null
      : {
          first: Math.min(
            ...booked,
            ...(fiscalYearStart === null ? [] : [monthIndex(fiscalYearStart)]),
          ),
          last: Math.max(...booked),
        };
  const rows = territories.map((t) => ({
    id: t.territoryId,
    name: t.name,
    bookings: range === null ? t.bookings : fillMonths(t.bookings, range),
  }));
  const total: ForecastSeries = {
    id: ALL_TERRITORIES,
    name: "All territories",
    bookings: sumBookings(rows.map((row) => row.bookings)),
  };
  return [total, ...rows];
}

/** Lists every month from `first` to `last` (month indices, spanning every booked month), a missing one as zero. */
function fillMonths(
  bookings: Readonly<Record<string, number>>,
  range: { first: number; last: number },
): Record<string, number> {
  if (Object.keys(bookings).length === 0) return { ...bookings };
  const filled: Record<string, number> = {};
  for (let index = range.first; index <= range.last; index++) {
    const month = monthKey(index);
    filled[month] = bookings[month] ?? 0;
  }
  return filled;
}

/**
 * Maps each series id to its annual quota from the quota cascade (a
 * territory node's id is the territory id), or null without one. The sum's
 * quota is the sum of every territory quota in the cascade, so a territory
 * without bookings still counts against it.
 */
export function seriesQuotas(
  quotas: readonly NodeQuota[],
): Map<string, string | null> {
  const territoryQuotas = quotas.filter((q) => q.level === "territory");
  const result = new Map<string, string | null>(
    territoryQuotas.map((q) => [q.nodeId, q.annual]),
  );
  result.set(ALL_TERRITORIES, sumQuotas(territoryQuotas.map((q) => q.annual)));
  return result;
}

/** Adds bookings month by month, raising when a sum leaves the safe-integer range. */
export function sumBookings(
  records: readonly Readonly<Record<string, number>>[],
): Record<string, number> {
  const total: Record<string, number> = {};
  for (const record of records) {
    for (const [month, cents] of Object.entries(record)) {
      const sum = (total[month] ?? 0) + cents;
      if (!Number.isSafeInteger(sum)) {
        throw new RangeError(
          `Bookings of ${month} summed over territories reach ${sum} cents, beyond the safe-integer range. Check the bookings the server returned.`,
        );
      }
      total[month] = sum;
    }
  }
  return total;
}

function sumQuotas(amounts: readonly string[]): string | null {
  if (amounts.length === 0) return null;
  const cents = amounts.reduce(
    (sum, amount) => sum + toCents(parseMoney(amount, "territory quota")),
    0,
  );
  return centsToString(cents);
}

/** Keeps the months up to and including `lastMonth` ("YYYY-MM"). */
export function bookingsUpTo(
  bookings: Readonly<Record<string, number>>,
  lastMonth: string,
): Record<string, number> {
  const last = monthIndex(lastMonth);
  const earlier: Record<string, number> = {};
  for (const [month, cents] of Object.entries(bookings)) {
    if (monthIndex(month) <= last) earlier[month] = cents;
  }
  return earlier;
}

/**
 * Lists every month from the first to the last month booked in any
 * series, oldest first; empty when nothing is booked.
 */
export function historyMonths(series: readonly ForecastSeries[]): string[] {
  const indices = series.flatMap((s) =>
    Object.keys(s.bookings).map(monthIndex),
  );
  if (indices.length === 0) return [];
  const first = Math.min(...indices);
  const last = Math.max(...indices);
  return Array.from({ length: last - first + 1 }, (_, k) =>
    monthKey(first + k),
  );
}
