import {
  heldBackMonth,
  measureAccuracy,
  type ForecastAccuracy,
} from "../../model/forecast/accuracy.ts";
import { ForecastError } from "../../model/forecast/errors.ts";
import { monthLabel } from "../charts/forecast-text.ts";
import type { BandCoverage } from "../../model/forecast/fit.ts";
import {
  forecastBookings,
  type BookingsForecast,
} from "../../model/forecast/forecast.ts";
import {
  addMonths,
  monthIndex,
  toMonthSeries,
} from "../../model/forecast/months.ts";

/** Months held back to measure the error, as in `meridian forecast`. */
export const HOLDOUT = 3;
/** Months forecast after the history when the fiscal year ends sooner. */
export const MIN_HORIZON = 12;
/** Months a 12-month season needs: two full cycles plus the held-back months. */
const SEASONAL_MONTHS = 24 + HOLDOUT;

/** The model the forecast chose for the history's length. */
export type ForecastModelKind =
  "12-month multiplicative season" | "12-month additive season" | "trend only";

/** One month of the history in integer cents. */
export interface HistoryMonth {
  month: string;
  cents: number;
}

/** The forecast of one series, with the baseline's error on the same held-back months. */
export interface SeriesForecast {
  kind: "forecast";
  modelKind: ForecastModelKind;
  /** Every month from the first to the last booked, missing months as 0. */
  history: HistoryMonth[];
  forecast: BookingsForecast;
  /** Error of the naive baseline on the held-back months. */
  naive: ForecastAccuracy;
  /** Description of the naive baseline's forecast rule, for labels. */
  naiveRule: string;
}

/** Why a series has no forecast: no bookings, or a history the model rejects. */
export interface SeriesWithoutForecast {
  kind: "empty" | "failed";
  message: string;
}

export type SeriesForecastResult = SeriesForecast | SeriesWithoutForecast;

/**
 * Forecasts one series' monthly bookings far enough to reach the end of
 * the fiscal year that starts `fiscalYearStart` ("YYYY-MM"), and at least
 * MIN_HORIZON months. A history of 27 months or more gets a 12-month
 * multiplicative season (additive when a moving average is not above
 * zero), a shorter one the trend-only model. Returns the model's error as
 * a message instead of raising.
 */
export function forecastSeries(
  bookings: Readonly<Record<string, number>>,
  coverage: BandCoverage,
  fiscalYearStart: string | null,
): SeriesForecastResult {
  const months = Object.keys(bookings).sort();
  if (months.length === 0) {
    return {
      kind: "empty",
      message:
        "No bookings yet. Import closed deals in the Statements view to forecast this territory.",
    };
  }
  // Series come filled with zero months, so a history of zeros is one
  // without deals up to the chosen month, and a forecast of it says nothing.
  if (months.every((month) => bookings[month] === 0)) {
    return {
      kind: "empty",
      message: `No bookings up to ${monthLabel(months[months.length - 1])}. Choose a later month under "Bookings up to", or import closed deals in the Statements view.`,
    };
  }
  try {
    const series = toMonthSeries(bookings);
    const history = series.cents.map((cents, k) => ({
      month: addMonths(series.start, k),
      cents,
    }));
    const lastMonth = history[history.length - 1].month;
    const horizon = horizonFor(lastMonth, fiscalYearStart);
    const { forecast, modelKind } = fitBest(
      bookings,
      horizon,
      coverage,
      history.length,
    );
    const naive = naiveAccuracy(history, modelKind !== "trend only");
    return { kind: "forecast", modelKind, history, forecast, ...naive };
  } catch (error) {
    if (error instanceof ForecastError) {
      return { kind: "failed", message: error.message };
    }
    throw error;
  }
}

/** Months from the last booked month to the fiscal year's end, at least MIN_HORIZON. */
export function horizonFor(
  lastMonth: string,
  fiscalYearStart: string | null,
): number {
  if (fiscalYearStart === null) return MIN_HORIZON;
  const yearEnd = monthIndex(fiscalYearStart) + 11;
  return Math.max(MIN_HORIZON, yearEnd - monthIndex(lastMonth));
}

function fitBest(
  bookings: Readonly<Record<string, number>>,
  horizon: number,
  coverage: BandCoverage,
  months: number,
): { forecast: BookingsForecast; modelKind: ForecastModelKind } {
  const options = { horizon, coverage, holdout: HOLDOUT };
  if (months < SEASONAL_MONTHS) {
    const forecast = forecastBookings(bookings, {
      ...options,
      seasonLength: 1,
    });
    return { forecast, modelKind: "trend only" };
  }
  try {
    const forecast = forecastBookings(bookings, {
      ...options,
      seasonLength: 12,
      seasonality: "multiplicative",
    });
    return { forecast, modelKind: "12-month multiplicative season" };
  } catch (error) {
    // Multiplicative indices divide by the moving average, so a history
    // with a zero or negative stretch needs additive indices.
    if (!(error instanceof ForecastError)) throw error;
    const forecast = forecastBookings(bookings, {
      ...options,
      seasonLength: 12,
      seasonality: "additive",
    });
    return { forecast, modelKind: "12-month additive season" };
  }
}

/**
 * Measures the naive baseline on the last HOLDOUT months: the same month
 * a year earlier for a seasonal model (the seasonal naive forecast), else
 * the mean of the months before the held-back ones, rounded to the cent.
 */
export function naiveAccuracy(
  history: readonly HistoryMonth[],
  seasonal: boolean,
): { naive: ForecastAccuracy; naiveRule: string } {
  const fitted = history.length - HOLDOUT;
  const earlier = history.slice(0, fitted);
  const mean = Math.round(
    earlier.reduce((sum, m) => sum + m.cents, 0) / earlier.length,
  );
  const months = history
    .slice(fitted)
    .map((m, h) =>
      heldBackMonth(
        m.month,
        m.cents,
        seasonal ? history[fitted + h - 12].cents : mean,
      ),
    );
  const naive = measureAccuracy(months, fitted);
  const naiveRule = seasonal
    ? "the same month a year earlier"
    : `the mean of the ${fitted} earlier months`;
  naive.trace = {
    ...naive.trace,
    figure: "Naive baseline error on held-back months",
    formula: `forecast each held-back month as ${naiveRule}, compare with actual bookings`,
  };
  return { naive, naiveRule };
}
