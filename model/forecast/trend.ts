/** Least-squares line through (t, values[t]) for t = 0, 1, ... */
export interface LinearTrend {
  /** Value at t = 0, in cents. */
  intercept: number;
  /** Change per month, in cents. */
  slope: number;
  /** Mean of t over the fitted months. */
  meanT: number;
  /** Sum of squared deviations of t from its mean. */
  sumSquaresT: number;
}

/** Fits a line to the values by ordinary least squares. Needs 2 or more values. */
export function fitLinearTrend(values: readonly number[]): LinearTrend {
  const n = values.length;
  const meanT = (n - 1) / 2;
  const meanY = values.reduce((sum, y) => sum + y, 0) / n;

  let sumSquaresT = 0;
  let sumProducts = 0;
  values.forEach((y, t) => {
    sumSquaresT += (t - meanT) ** 2;
    sumProducts += (t - meanT) * (y - meanY);
  });

  const slope = sumProducts / sumSquaresT;
  return { intercept: meanY - slope * meanT, slope, meanT, sumSquaresT };
}

/** Value of the trend line at month t. */
export function trendAt(trend: LinearTrend, t: number): number {
  return trend.intercept + trend.slope * t;
}
