import { compactMoney, exactMoney } from "./chart-money.ts";
import type { DataTable } from "./data-table.ts";
import { monthLabel } from "./forecast-text.ts";

/** Bookings of one month of the history, in integer cents. */
export interface ForecastChartHistory {
  month: string;
  cents: number;
}

/** A held-back month: what the model fitted without it forecast. */
export interface ForecastChartHeldBack {
  month: string;
  forecastCents: number;
}

/** A forecast month with its band ends, in integer cents. */
export interface ForecastChartMonth {
  month: string;
  cents: number;
  lowCents: number;
  highCents: number;
}

export interface ForecastChartData {
  history: readonly ForecastChartHistory[];
  heldBack: readonly ForecastChartHeldBack[];
  forecast: readonly ForecastChartMonth[];
  /** Band coverage in percent, such as 80. */
  coveragePercent: number;
}

/** Tabulates every month of the forecast chart with exact amounts. */
export function forecastTable(
  data: ForecastChartData,
  caption: string,
  currency = "USD",
): DataTable {
  const heldBack = new Map(
    data.heldBack.map((m) => [m.month, m.forecastCents]),
  );
  const booked = data.history.map((m) => {
    const forecast = heldBack.get(m.month);
    return [
      monthLabel(m.month),
      exactMoney(m.cents, currency),
      forecast === undefined
        ? "–"
        : `${exactMoney(forecast, currency)} (held back)`,
      "–",
    ];
  });
  const forecast = data.forecast.map((m) => [
    monthLabel(m.month),
    "–",
    exactMoney(m.cents, currency),
    `${exactMoney(m.lowCents, currency)} to ${exactMoney(m.highCents, currency)}`,
  ]);
  return {
    caption,
    columns: ["Month", "Booked", "Forecast", `${data.coveragePercent} % band`],
    rows: [...booked, ...forecast],
  };
}

/** Describes the chart in one sentence, for its accessible name. */
export function forecastSummary(
  data: ForecastChartData,
  title: string,
  currency: string,
): string {
  const first = data.history[0];
  const last = data.history.at(-1);
  const end = data.forecast.at(-1);
  if (first === undefined || last === undefined)
    return `${title}: no bookings.`;
  const booked = `booked ${monthLabel(first.month)} to ${monthLabel(last.month)}`;
  if (end === undefined) return `${title}: ${booked}.`;
  return `${title}: ${booked}, forecast to ${monthLabel(end.month)} at ${compactMoney(end.cents, currency)} a month in ${percentArticle(data.coveragePercent)} ${data.coveragePercent} % band of ${compactMoney(end.lowCents, currency)} to ${compactMoney(end.highCents, currency)}.`;
}

/**
 * Returns the English article before a whole percentage read aloud: "an"
 * before 8, 11, 18 and 80 to 89 ("an 80 % band"), "a" otherwise, for 0 to 100.
 */
export function percentArticle(percent: number): "a" | "an" {
  const vowelSound =
    percent === 8 ||
    percent === 11 ||
    percent === 18 ||
    (percent >= 80 && percent <= 89);
  return vowelSound ? "an" : "a";
}
