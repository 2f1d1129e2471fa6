import type { MetricName } from "../../model/metrics.ts";
import { exactMoney } from "../charts/chart-money.ts";
import type { DataTable } from "../charts/data-table.ts";
import { countText, formatDeviation } from "../format.ts";
import type { AttainmentHistogram } from "./chart-attainment.ts";
import type { BalanceData } from "./chart-balance.ts";
import type { ChoroplethData } from "./chart-choropleth.ts";
import { exactMetric } from "./chart-metric.ts";
import type { PayoutScatter } from "./chart-payout.ts";
import type { WaterfallStep } from "./chart-waterfall.ts";

/** Tabulates every territory of the balance chart, rows left out included. */
export function balanceTable(
  data: BalanceData,
  caption: string,
  currency: string,
): DataTable {
  const metric: MetricName = data.metric;
  return {
    caption,
    columns: ["Territory", "Value", "Deviation from the mean"],
    rows: data.bars.map((bar) => [
      bar.name,
      exactMetric(metric, bar.value, currency),
      formatDeviation(bar.deviationPercent),
    ]),
  };
}

/** Tabulates each territory's value of the choropleth metric. */
export function choroplethTable(
  data: ChoroplethData,
  caption: string,
): DataTable {
  return {
    caption,
    columns: ["Territory", data.label],
    rows: [
      ...data.values.map((value) => [value.name, value.text]),
      ...data.missing.map((missing) => [missing.name, "No value"]),
    ],
  };
}

/** Tabulates the waterfall's steps with exact amounts. */
export function waterfallTable(
  steps: readonly WaterfallStep[],
  caption: string,
  currency: string,
): DataTable {
  return {
    caption,
    columns: ["Step", "Amount", "How it is computed"],
    rows: steps.map((step) => [
      step.label,
      exactMoney(step.cents, currency),
      step.explanation,
    ]),
  };
}

/** Tabulates the reps in each attainment band. */
export function attainmentTable(
  histogram: AttainmentHistogram,
  caption: string,
): DataTable {
  return {
    caption,
    columns: ["Attainment band", "Reps", "Who"],
    rows: histogram.bands.map((band) => [
      band.label,
      String(band.reps.length),
      band.reps
        .map((rep) => `${rep.name} (${rep.attainmentPercent}%)`)
        .join(", ") || "–",
    ]),
  };
}

/** Tabulates each rep's attainment and payout against target payout. */
export function payoutTable(
  scatter: PayoutScatter,
  caption: string,
  currency: string,
): DataTable {
  return {
    caption,
    columns: [
      "Rep",
      "Attainment",
      "Payout",
      "Target payout",
      "Payout of target",
    ],
    rows: scatter.points.map((point) => [
      point.name,
      `${point.attainmentPercent}%`,
      exactMoney(point.payoutCents, currency),
      exactMoney(point.targetPayoutCents, currency),
      `${point.payoutPercent}%`,
    ]),
  };
}

/** "3 reps are left out: …" for reps a pay chart cannot place, or null. */
export function leftOutNote(
  names: readonly string[],
  reason: string,
): string | null {
  if (names.length === 0) return null;
  return `${countText(names.length, "rep")} left out (${reason}): ${names.join(", ")}.`;
}
