import { monthLabel } from "../charts/forecast-text.ts";
import {
  ATTAINMENT_WITHHELD,
  projectAttainment,
  showsAttainment,
  type AttainmentResult,
  type ForecastYear,
} from "./forecast-attainment.ts";
import type { SeriesForecastResult } from "./forecast-run.ts";
import type { ForecastSeries } from "./forecast-series.ts";
import type { PayScope } from "./pay-insights.ts";

/** One row of the table of every territory's forecast, as display text. */
export interface ForecastTableRow {
  id: string;
  name: string;
  /** Such as "104.3 %", or "–" without a projection. */
  attainment: string;
  /** Such as "96.1 % to 112.7 %", "booked" when no month is forecast, or "–". */
  band: string;
  /** sMAPE of the held-back months, such as "12.34 %", or "–". */
  smape: string;
  /** Reason a figure is missing, or null when every figure is shown. */
  note: string | null;
}

/** A series with its forecast and attainment, as the panel derives them. */
export interface ForecastEntry {
  id: string;
  name: string;
  result: SeriesForecastResult;
  attainment: AttainmentResult;
}

const NONE = "–";

/** A series with its forecast and the bookings the forecast was fitted to. */
export interface SeriesRun {
  series: ForecastSeries;
  bookings: Readonly<Record<string, number>>;
  result: SeriesForecastResult;
}

/**
 * Pairs each forecast with its attainment against the series' quota, or
 * with ATTAINMENT_WITHHELD when the pay scope covers part of the bookings.
 */
export function forecastEntries(
  runs: readonly SeriesRun[],
  year: ForecastYear | null,
  quotas: ReadonlyMap<string, string | null>,
  scope: PayScope | undefined,
): ForecastEntry[] {
  const shown = showsAttainment(scope);
  return runs.map((run) => ({
    id: run.series.id,
    name: run.series.name,
    result: run.result,
    attainment: shown
      ? projectAttainment(
          run.bookings,
          run.result,
          year,
          quotas.get(run.series.id) ?? null,
        )
      : { kind: "withheld", message: ATTAINMENT_WITHHELD },
  }));
}

/** Formats a decimal percent string, such as "104.3" as "104.3 %". */
export function percentText(value: string | null): string {
  return value === null ? NONE : `${value} %`;
}

/** Returns the table rows in the entries' order. */
export function forecastTableRows(
  entries: readonly ForecastEntry[],
): ForecastTableRow[] {
  return entries.map((entry) => {
    const { result, attainment } = entry;
    const accuracy =
      result.kind === "forecast" ? result.forecast.accuracy : null;
    const projected = attainment.kind === "projected" ? attainment.value : null;
    return {
      id: entry.id,
      name: entry.name,
      attainment: projected ? percentText(projected.attainmentPercent) : NONE,
      band: bandText(attainment),
      smape: percentText(accuracy?.smape ?? null),
      note: noteOf(entry),
    };
  });
}

function noteOf({ result, attainment }: ForecastEntry): string | null {
  if (attainment.kind === "missing") return attainment.message;
  if (result.kind !== "forecast") return result.message;
  return null;
}

/** Formats a count of forecast months, such as "1 month forecast". */
export function monthsForecastText(count: number): string {
  return `${count} ${count === 1 ? "month" : "months"} forecast`;
}

/**
 * Formats a MAPE in percent. MAPE divides by each month's actual
 * bookings, so it is not defined when every held-back month booked zero.
 */
export function mapeText(mape: string | null): string {
  return mape === null ? "not defined" : `${mape} %`;
}

/**
 * Explains which held-back months MAPE leaves out because they booked
 * zero, or returns null when it covers every held-back month.
 */
export function mapeNote(
  months: readonly { month: string; actualCents: number }[],
): string | null {
  const zero = months
    .filter((m) => m.actualCents === 0)
    .map((m) => monthLabel(m.month));
  if (zero.length === 0) return null;
  if (zero.length === months.length) {
    return "MAPE is not defined because every held-back month booked zero, and a percentage of zero bookings has no value. Compare MAE and sMAPE instead.";
  }
  return `MAPE leaves out ${zero.join(", ")}, which booked zero, so it covers ${months.length - zero.length} of the ${months.length} held-back months. Compare MAE and sMAPE too.`;
}

/** Formats the attainment's low and high, or "booked" when the whole year is booked. */
export function bandText(attainment: AttainmentResult): string {
  if (attainment.kind !== "projected") return NONE;
  if (attainment.bookedMonths === 12) return "booked";
  const { attainmentLowPercent, attainmentHighPercent } = attainment.value;
  return `${percentText(attainmentLowPercent)} to ${percentText(attainmentHighPercent)}`;
}
