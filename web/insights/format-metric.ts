import { type MetricName, metricToString } from "../../model/metrics.ts";
import { formatCount, formatMoney, groupDecimal } from "../format.ts";

/** Names of the balance metrics as the UI shows them. */
export const METRIC_LABELS: Record<MetricName, string> = {
  potential: "Potential",
  population: "Population",
  accounts: "Accounts",
  workload: "Workload",
};

/** Formats a metric value given in its base unit: "$1,250.00", "12,500", "1,234.5". */
export function formatMetric(
  metric: MetricName,
  value: number,
  currency: string,
): string {
  if (metric === "potential")
    return formatMoney(metricToString(metric, value), currency);
  if (metric === "workload") return groupDecimal(metricToString(metric, value));
  return formatCount(value);
}

/** Formats a Polsby-Popper score with two decimals, or "–" without one. */
export function formatCompactness(score: number | null): string {
  return score === null ? "–" : score.toFixed(2);
}

/** "1 piece", "3 pieces". */
export function piecesText(count: number): string {
  return `${formatCount(count)} ${count === 1 ? "piece" : "pieces"}`;
}

/** Tooltip of a row's deviation: which metric, compared with what. */
export function deviationTitle(
  metric: MetricName,
  target: number | null,
  currency: string,
): string {
  const label = METRIC_LABELS[metric].toLowerCase();
  if (target === null)
    return `Deviation of ${label} from the mean over territories`;
  return `Deviation of ${label} from this territory's target, ${formatMetric(metric, target, currency)}`;
}
