import { ForecastError } from "./errors.ts";

/** Seasonal model: multiplicative indices scale the trend, additive ones add to it. */
export type Seasonality = "additive" | "multiplicative";

/**
 * Centered moving average of order `season` (a 2 x season average when
 * `season` is even), so each value averages one whole cycle. The first and
 * last floor(season / 2) months have no average and are null.
 */
export function centeredMovingAverage(
  values: readonly number[],
  season: number,
): (number | null)[] {
  const half = Math.floor(season / 2);
  const even = season % 2 === 0;

  return values.map((_, t) => {
    if (t < half || t + half >= values.length) return null;
    let sum = 0;
    for (let k = -half; k <= half; k++) {
      const edge = even && (k === -half || k === half);
      sum += edge ? values[t + k] / 2 : values[t + k];
    }
    return sum / season;
  });
}

/**
 * Estimates one seasonal index for each position of the cycle by classical
 * decomposition:
 * 1. The centered moving average estimates the trend-cycle.
 * 2. Each month's ratio to it (multiplicative) or difference from it
 *    (additive) is averaged over the months at the same position.
 * 3. The indices are normalized to average 1 (multiplicative) or 0
 *    (additive), so the seasonal pattern moves no bookings across a cycle.
 * Position 0 is the series' first month. A season of 1 returns the neutral
 * index.
 */
export function seasonalIndices(
  values: readonly number[],
  season: number,
  seasonality: Seasonality,
): number[] {
  const neutral = seasonality === "multiplicative" ? 1 : 0;
  if (season === 1) return [neutral];

  const average = centeredMovingAverage(values, season);
  const sums = new Array<number>(season).fill(0);
  const counts = new Array<number>(season).fill(0);
  average.forEach((level, t) => {
    if (level === null) return;
    if (seasonality === "multiplicative" && level <= 0) {
      throw new ForecastError(
        "seasonality",
        `The moving average of bookings around month ${t + 1} is ${(level / 100).toFixed(2)}, so ratios to it are undefined. Use additive seasonality for series with months at or below zero.`,
      );
    }
    const effect =
      seasonality === "multiplicative" ? values[t] / level : values[t] - level;
    sums[t % season] += effect;
    counts[t % season] += 1;
  });

  const raw = sums.map((sum, position) => sum / counts[position]);
  const mean = raw.reduce((sum, x) => sum + x, 0) / season;
  return raw.map((x) =>
    seasonality === "multiplicative" ? x / mean : x - mean,
  );
}

/** Removes the seasonal index of each month from the bookings. */
export function deseasonalize(
  values: readonly number[],
  indices: readonly number[],
  seasonality: Seasonality,
): number[] {
  return values.map((value, t) => {
    const index = indices[t % indices.length];
    return seasonality === "multiplicative" ? value / index : value - index;
  });
}

/** Applies the seasonal index of month `t` to a deseasonalized value. */
export function reseasonalize(
  value: number,
  t: number,
  indices: readonly number[],
  seasonality: Seasonality,
): number {
  const index = indices[t % indices.length];
  return seasonality === "multiplicative" ? value * index : value + index;
}
