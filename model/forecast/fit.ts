import {
  deseasonalize,
  reseasonalize,
  seasonalIndices,
  type Seasonality,
} from "./decompose.ts";
import { ForecastError } from "./errors.ts";
import { fitLinearTrend, trendAt, type LinearTrend } from "./trend.ts";

/** Share of future months the band is meant to contain. */
export type BandCoverage = 0.8 | 0.9 | 0.95;

/**
 * Two-sided Student's t quantiles for 1 to 30 degrees of freedom, from the
 * standard t table to 3 decimals. Beyond 30 the band uses the value for 30,
 * which is at most 4.2 % wider than the exact quantile (at 95 %).
 */
const T_QUANTILES: Record<BandCoverage, number[]> = {
  0.8: [
    3.078, 1.886, 1.638, 1.533, 1.476, 1.44, 1.415, 1.397, 1.383, 1.372, 1.363,
    1.356, 1.35, 1.345, 1.341, 1.337, 1.333, 1.33, 1.328, 1.325, 1.323, 1.321,
    1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.31,
  ],
  0.9: [
    6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812, 1.796,
    1.782, 1.771, 1.761, 1.753, 1.746, 1.74, 1.734, 1.729, 1.725, 1.721, 1.717,
    1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697,
  ],
  0.95: [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08,
    2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
  ],
};

/** Months per seasonal cycle that divide a year evenly. */
const SEASON_LENGTHS = [1, 2, 3, 4, 6, 12];

/** A linear trend with seasonal indices, fitted to consecutive months. */
export interface FittedModel {
  season: number;
  seasonality: Seasonality;
  /** Trend of the deseasonalized bookings, in cents. t = 0 is the first fitted month. */
  trend: LinearTrend;
  /** Seasonal index of each cycle position. Position 0 is the first fitted month. */
  indices: number[];
  /** Months fitted. */
  n: number;
  /** Residual degrees of freedom: n - 2 trend parameters - (season - 1) indices. */
  degreesOfFreedom: number;
  /** Standard deviation of the deseasonalized residuals, in cents. */
  residualStandardError: number;
}

/** Minimum months of history that a model with this season length can be fitted to. */
export function minimumMonths(season: number): number {
  return season === 1 ? 3 : 2 * season;
}

/** Checks the season length, so the fit can rely on it. */
export function checkSeasonLength(season: number): void {
  if (!SEASON_LENGTHS.includes(season)) {
    throw new ForecastError(
      "seasonLength",
      `Season length ${season} is not supported. Use one of ${SEASON_LENGTHS.join(", ")} months, or 1 for no seasonality.`,
    );
  }
}

/**
 * Fits the model by classical decomposition: seasonal indices from the
 * centered moving average, then a least-squares line through the
 * deseasonalized bookings. Computes in floating point on cents.
 */
export function fitModel(
  cents: readonly number[],
  season: number,
  seasonality: Seasonality,
): FittedModel {
  checkSeasonLength(season);
  const needed = minimumMonths(season);
  if (cents.length < needed) {
    throw new ForecastError(
      "bookings",
      `The history has ${cents.length} months, but a season of ${season} months needs at least ${needed} months to fit (${needed - cents.length} more). Give a longer history or a shorter season length.`,
    );
  }

  const indices = seasonalIndices(cents, season, seasonality);
  const adjusted = deseasonalize(cents, indices, seasonality);
  const trend = fitLinearTrend(adjusted);

  const n = cents.length;
  const degreesOfFreedom = n - 2 - (season - 1);
  let squares = 0;
  adjusted.forEach((value, t) => {
    squares += (value - trendAt(trend, t)) ** 2;
  });
  const residualStandardError = Math.sqrt(squares / degreesOfFreedom);

  return {
    season,
    seasonality,
    trend,
    indices,
    n,
    degreesOfFreedom,
    residualStandardError,
  };
}

/** Point forecast and band of month t, in floating-point cents. */
export interface ModelPoint {
  value: number;
  low: number;
  high: number;
}

/**
 * Forecasts month t (counted from the first fitted month). The band is the
 * least-squares prediction interval of the deseasonalized trend,
 * trend(t) +- q * s * sqrt(1 + 1/n + (t - mean t)^2 / Sxx) with q the t
 * quantile, and the seasonal index applied to its ends.
 * NOTE: the band leaves out the error of the seasonal indices, so with a
 * seasonal model it is narrower than its stated coverage.
 */
export function predictAt(
  model: FittedModel,
  t: number,
  coverage: BandCoverage,
): ModelPoint {
  const { trend, n, residualStandardError } = model;
  const level = trendAt(trend, t);
  const spread =
    tQuantile(coverage, model.degreesOfFreedom) *
    residualStandardError *
    Math.sqrt(1 + 1 / n + (t - trend.meanT) ** 2 / trend.sumSquaresT);

  const apply = (value: number) =>
    reseasonalize(value, t, model.indices, model.seasonality);
  const ends = [apply(level - spread), apply(level + spread)];
  return {
    value: apply(level),
    low: Math.min(...ends),
    high: Math.max(...ends),
  };
}

/**
 * Returns the two-sided Student's t quantile of a band coverage for the
 * residual degrees of freedom. Raises on a coverage without a table.
 */
export function tQuantile(
  coverage: BandCoverage,
  degreesOfFreedom: number,
): number {
  const table = T_QUANTILES[coverage];
  if (table === undefined) {
    throw new ForecastError(
      "coverage",
      `Band coverage ${String(coverage)} is not supported. Use 0.8, 0.9 or 0.95.`,
    );
  }
  const row = Math.min(Math.max(degreesOfFreedom, 1), table.length);
  return table[row - 1];
}
