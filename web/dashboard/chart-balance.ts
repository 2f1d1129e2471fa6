import {
  Balance,
  metricValue,
  type MetricName,
  type MetricTotals,
} from "../../model/metrics.ts";

/** A territory with its totals of every metric, in the order the plan lists it. */
export interface TerritoryTotals {
  id: string;
  name: string;
  totals: MetricTotals;
}

/** One territory's value of the metric and how far it lies from the mean. */
export interface BalanceBar {
  id: string;
  name: string;
  /** Value in the metric's base unit: cents, people, accounts or tenths of a point. */
  value: number;
  /** Value minus the exact mean, in the base unit; fractional when the mean is. */
  deviation: number;
  /** Percent deviation from the mean to one decimal, such as "-12.5", or null when the mean is zero. */
  deviationPercent: string | null;
}

/** The territories' deviations from the mean of one metric, largest value first. */
export interface BalanceData {
  metric: MetricName;
  /** Mean per territory rounded half-even to the base unit, or null without territories. */
  mean: number | null;
  /** Exact mean as a number, for positions only. */
  meanValue: number;
  bars: BalanceBar[];
}

/**
 * Computes each territory's deviation from the mean of `metric` over all
 * territories. Every territory is compared with the mean, even one with
 * its own balance target, because the chart shows spread around the mean.
 * Bars are sorted by value, largest first, then by name.
 */
export function balanceData(
  territories: readonly TerritoryTotals[],
  metric: MetricName,
): BalanceData {
  const entries = territories.map((territory) => ({
    id: territory.id,
    value: metricValue(territory.totals, metric),
    target: null,
  }));
  const balance = new Balance(entries);
  const meanValue =
    territories.length === 0
      ? 0
      : Number(balance.total) / Math.max(1, territories.length);

  const bars = territories.map((territory, index) => ({
    id: territory.id,
    name: territory.name,
    value: entries[index].value,
    deviation: entries[index].value - meanValue,
    deviationPercent: balance.deviationOf([territory.id]),
  }));
  bars.sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
  return { metric, mean: balance.mean, meanValue, bars };
}
