import { centsToString } from "../money.ts";
import { makeTrace, type Trace } from "../trace.ts";
import {
  heldBackMonth,
  measureAccuracy,
  type ForecastAccuracy,
} from "./accuracy.ts";
import type { Seasonality } from "./decompose.ts";
import { ForecastError } from "./errors.ts";
import {
  checkSeasonLength,
  fitModel,
  minimumMonths,
  predictAt,
  type BandCoverage,
  type FittedModel,
  tQuantile,
} from "./fit.ts";
import { addMonths, monthIndex, toMonthSeries } from "./months.ts";

const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

export interface ForecastOptions {
  /** Months to forecast after the last month of history. */
  horizon: number;
  /** Months per seasonal cycle: 12 (default), 6, 4, 3, 2, or 1 for none. */
  seasonLength?: number;
  /** Default "multiplicative". */
  seasonality?: Seasonality;
  /** Share of future months the band should contain. Default 0.8. */
  coverage?: BandCoverage;
  /** Last months held back to measure the error. Default 3; 0 skips it. */
  holdout?: number;
}

/** Forecast bookings of one month, decimal strings to the cent. */
export interface ForecastMonth {
  month: string;
  cents: number;
  amount: string;
  lowCents: number;
  low: string;
  highCents: number;
  high: string;
}

export interface BookingsForecast {
  /** First and last month of the history, "YYYY-MM". */
  firstMonth: string;
  lastMonth: string;
  coverage: BandCoverage;
  /** Model fitted to the whole history. */
  model: FittedModel;
  months: ForecastMonth[];
  /** Error of the same model fitted without the held-back months. Null when holdout is 0. */
  accuracy: ForecastAccuracy | null;
  /** Trend slope and intercept, seasonal indices and standard error, then the error. */
  traces: Trace[];
}

/**
 * Forecasts monthly bookings with a linear trend and seasonal indices
 * fitted by classical decomposition, with a prediction band, and measures
 * the error of the same model on the last `holdout` months.
 * `bookings` maps "YYYY-MM" to integer cents. Point forecasts and band
 * ends are rounded to whole cents by Math.round (halves up).
 */
export function forecastBookings(
  bookings: Readonly<Record<string, number>>,
  options: ForecastOptions,
): BookingsForecast {
  const season = options.seasonLength ?? 12;
  const seasonality = options.seasonality ?? "multiplicative";
  const coverage = options.coverage ?? 0.8;
  const holdout = options.holdout ?? 3;
  checkCount("horizon", options.horizon, 1);
  checkCount("holdout", holdout, 0);
  checkSeasonLength(season);
  // Raises on an unsupported coverage before any fitting.
  tQuantile(coverage, 1);

  const series = toMonthSeries(bookings);
  const n = series.cents.length;
  const needed = minimumMonths(season) + holdout;
  if (n < needed) {
    throw new ForecastError(
      "bookings",
      `The history has ${n} months from ${series.start}, but a season of ${season} months with ${holdout} held back needs at least ${needed} months (${needed - n} more). Give a longer history, a shorter season length or fewer held-back months.`,
    );
  }

  const model = fitModel(series.cents, season, seasonality);
  const months = Array.from({ length: options.horizon }, (_, h) =>
    forecastMonth(model, n + h, addMonths(series.start, n + h), coverage),
  );
  const accuracy =
    holdout === 0 ? null : heldBackAccuracy(series, options, holdout);

  const traces = modelTraces(model, series.start, coverage);
  if (accuracy !== null) traces.push(accuracy.trace);
  return {
    firstMonth: series.start,
    lastMonth: addMonths(series.start, n - 1),
    coverage,
    model,
    months,
    accuracy,
    traces,
  };
}

function checkCount(field: string, value: number, least: number): void {
  if (!Number.isInteger(value) || value < least) {
    throw new ForecastError(
      field,
      `${field} must be a whole number of months of at least ${least}, got ${value}.`,
    );
  }
}

function forecastMonth(
  model: FittedModel,
  t: number,
  month: string,
  coverage: BandCoverage,
): ForecastMonth {
  const point = predictAt(model, t, coverage);
  const cents = Math.round(point.value);
  const lowCents = Math.round(point.low);
  const highCents = Math.round(point.high);
  return {
    month,
    cents,
    amount: centsToString(cents),
    lowCents,
    low: centsToString(lowCents),
    highCents,
    high: centsToString(highCents),
  };
}

/** Fits the model to all but the last `holdout` months and compares its forecast with them. */
function heldBackAccuracy(
  series: { start: string; cents: number[] },
  options: ForecastOptions,
  holdout: number,
): ForecastAccuracy {
  const fitted = series.cents.length - holdout;
  const model = fitModel(
    series.cents.slice(0, fitted),
    options.seasonLength ?? 12,
    options.seasonality ?? "multiplicative",
  );
  const months = series.cents.slice(fitted).map((actual, h) => {
    const forecast = Math.round(
      predictAt(model, fitted + h, options.coverage ?? 0.8).value,
    );
    return heldBackMonth(addMonths(series.start, fitted + h), actual, forecast);
  });
  return measureAccuracy(months, fitted);
}

function modelTraces(
  model: FittedModel,
  start: string,
  coverage: BandCoverage,
): Trace[] {
  const { trend } = model;
  const slope = centsToString(Math.round(trend.slope));
  const intercept = centsToString(Math.round(trend.intercept));
  const trendTrace = makeTrace(
    "Trend of deseasonalized bookings",
    `${intercept} + ${slope} x t`,
    "least-squares line through deseasonalized monthly bookings",
    {
      "intercept (t = 0)": intercept,
      "slope per month": slope,
      "month at t = 0": start,
      "months fitted": String(model.n),
    },
  );

  const indexInputs: Record<string, string> = {};
  model.indices.forEach((index, position) => {
    const text =
      model.seasonality === "multiplicative"
        ? index.toFixed(4)
        : centsToString(Math.round(index));
    indexInputs[positionLabel(start, position, model.season)] = text;
  });
  const seasonTrace = makeTrace(
    "Seasonal indices",
    `${model.season}-month cycle, ${model.seasonality}`,
    model.seasonality === "multiplicative"
      ? "mean ratio of bookings to their centered moving average, scaled to average 1"
      : "mean difference of bookings from their centered moving average, shifted to sum 0",
    indexInputs,
  );

  const error = centsToString(Math.round(model.residualStandardError));
  const bandTrace = makeTrace(
    "Prediction band",
    `${Math.round(coverage * 100)} % of months, if residuals are independent and normal`,
    "trend(t) +- q x s x sqrt(1 + 1/n + (t - mean t)^2 / Sxx), then the seasonal index",
    {
      "residual standard error s": error,
      "degrees of freedom": String(model.degreesOfFreedom),
      "t quantile q": tQuantile(coverage, model.degreesOfFreedom).toFixed(3),
    },
  );
  return [trendTrace, seasonTrace, bandTrace];
}

/** Names the calendar months at one cycle position, such as "Feb, May, Aug, Nov". */
function positionLabel(
  start: string,
  position: number,
  season: number,
): string {
  if (season === 1) return "every month";
  const first = monthIndex(start) + position;
  const names: string[] = [];
  for (let k = 0; k < 12; k += season)
    names.push(MONTH_NAMES[(first + k) % 12]);
  return names.join(", ");
}
