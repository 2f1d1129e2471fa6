import {
  forecastAttainment,
  type AttainmentForecast,
} from "../../model/forecast/attainment.ts";
import { ForecastError } from "../../model/forecast/errors.ts";
import { monthIndex } from "../../model/forecast/months.ts";
import type { FiscalYear } from "../../model/plan/periods.ts";
import { makeTrace, type Trace } from "../../model/trace.ts";
import type { SeriesForecastResult } from "./forecast-run.ts";
import type { PayScope } from "./pay-insights.ts";

/** The plan's fiscal year as the forecast needs it. */
export interface ForecastYear {
  /** Such as "FY2028". */
  id: string;
  /** First month, "YYYY-MM". */
  start: string;
}

/** A projected attainment, or why the series has none. */
export type AttainmentResult =
  | {
      kind: "projected";
      value: AttainmentForecast;
      /** Months of the fiscal year in the history, 0 to 12; at 12 nothing is forecast. */
      bookedMonths: number;
    }
  | { kind: "missing"; message: string }
  /** Not shown to this person, because their bookings are a share of the territory's. */
  | { kind: "withheld"; message: string };

/** Why a person who sees part of the bookings sees no attainment. */
export const ATTAINMENT_WITHHELD =
  'Attainment is shown only to people who see every booking of a territory (pay scope "all"), such as incentives administrators. Your bookings are your share of the territory, so measuring them against its full quota would understate it.';

/**
 * Returns whether bookings of this pay scope are a territory's whole
 * bookings, which attainment against the territory quota needs. A reply
 * without a scope counts as partial.
 */
export function showsAttainment(scope: PayScope | undefined): boolean {
  return scope === "all";
}

/** Returns the first month of the plan's fiscal year, or null before the plan sets one. */
export function forecastYearOf(year: FiscalYear | null): ForecastYear | null {
  const first = year?.months[0];
  if (year == null || first === undefined) return null;
  const month = String(first.calendarMonth).padStart(2, "0");
  return { id: year.id, start: `${first.calendarYear}-${month}` };
}

/**
 * Projects the fiscal year's attainment of one series against its quota.
 * `bookings` must be the record the forecast was fitted to. Returns what
 * is missing as a message instead of raising a ForecastError.
 */
export function projectAttainment(
  bookings: Readonly<Record<string, number>>,
  result: SeriesForecastResult,
  year: ForecastYear | null,
  quota: string | null,
): AttainmentResult {
  if (result.kind !== "forecast") {
    return { kind: "missing", message: result.message };
  }
  if (year === null) {
    return {
      kind: "missing",
      message: "The plan has no fiscal year yet. Set it in the Targets view.",
    };
  }
  if (quota === null) {
    return {
      kind: "missing",
      message: `No ${year.id} quota for this territory. Set the quotas in the Quotas view.`,
    };
  }
  try {
    const value = forecastAttainment(
      bookings,
      result.forecast,
      year.start,
      quota,
    );
    const booked =
      monthIndex(result.forecast.lastMonth) - monthIndex(year.start) + 1;
    return {
      kind: "projected",
      value,
      bookedMonths: Math.min(12, Math.max(0, booked)),
    };
  } catch (error) {
    if (error instanceof ForecastError) {
      return { kind: "missing", message: error.message };
    }
    throw error;
  }
}

/**
 * Gathers every trace behind one series' figures under one root: the
 * model's trend, seasonal indices and band, its held-back error, the
 * naive baseline's error and the attainment.
 */
export function forecastTrace(
  name: string,
  result: SeriesForecastResult,
  attainment: AttainmentResult,
): Trace | null {
  if (result.kind !== "forecast") return null;
  const { forecast } = result;
  const parts = [...forecast.traces, result.naive.trace];
  if (attainment.kind === "projected") parts.push(attainment.value.trace);
  const next = forecast.months[0];
  return makeTrace(
    `Bookings forecast of ${name}`,
    next.amount,
    `${result.modelKind} fitted by classical decomposition; the value is the forecast of ${next.month}`,
    {
      history: `${forecast.firstMonth} to ${forecast.lastMonth}`,
      "months forecast": String(forecast.months.length),
      "band coverage": `${Math.round(forecast.coverage * 100)} %`,
      "naive baseline": result.naiveRule,
    },
    parts,
  );
}
