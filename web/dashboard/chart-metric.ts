import { format } from "d3";
import type { MetricName } from "../../model/metrics.ts";
import { compactMoney } from "../charts/chart-money.ts";
import { formatMetric } from "../insights/format-metric.ts";

const siNumber = format(".3~s");
const smallNumber = format(".3~r");

/**
 * Formats a metric value given in its base unit for a chart label, in at
 * most three significant digits, such as "$1.23M", "45.6k" or "12.5".
 * Amounts in a table use formatMetric, which is exact.
 */
export function compactMetric(
  metric: MetricName,
  value: number,
  currency: string,
): string {
  if (metric === "potential") return compactMoney(Math.round(value), currency);
  const plain = metric === "workload" ? value / 10 : value;
  // Below 1,000, SI prefixes would turn 0.5 into "500m".
  const text = Math.abs(plain) < 1000 ? smallNumber(plain) : siNumber(plain);
  // d3's SI prefix for 10^9 is "G", but planners read billions as "B".
  return text.replace("G", "B").replace("−", "-");
}

/** Formats a whole base-unit value exactly, as the territory list does. */
export function exactMetric(
  metric: MetricName,
  value: number,
  currency: string,
): string {
  return formatMetric(metric, value, currency);
}
