import type { AttainmentResult } from "./forecast-attainment.ts";
import type { SeriesForecastResult } from "./forecast-run.ts";

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
      note: attainment.kind === "missing" ? attainment.message : null,
    };
  });
}

/** Formats the attainment's low and high, or "booked" when the whole year is booked. */
export function bandText(attainment: AttainmentResult): string {
  if (attainment.kind !== "projected") return NONE;
  if (attainment.bookedMonths === 12) return "booked";
  const { attainmentLowPercent, attainmentHighPercent } = attainment.value;
  return `${percentText(attainmentLowPercent)} to ${percentText(attainmentHighPercent)}`;
}
