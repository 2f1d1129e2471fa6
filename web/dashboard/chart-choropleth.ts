import { Balance, metricValue, type MetricName } from "../../model/metrics.ts";
import { divideHalfEven, tenthsToString } from "../../model/coverage.ts";
import { parseMoney, toCents } from "../../model/money.ts";
import type { QuotaFigure } from "../../model/insights/types.ts";
import { METRIC_LABELS } from "../insights/format-metric.ts";
import type { TerritoryTotals } from "./chart-balance.ts";

/** A metric the choropleth can shade counties by. */
export type ChoroplethMetric =
  MetricName | "deviation" | "quota" | "quotaToPotential";

export const CHOROPLETH_METRICS: readonly ChoroplethMetric[] = [
  "potential",
  "accounts",
  "workload",
  "population",
  "deviation",
  "quota",
  "quotaToPotential",
];

/** One territory's value of the chosen metric. */
export interface TerritoryValue {
  id: string;
  name: string;
  /** Value as a number for the colour scale: base units, cents or percent. */
  value: number;
  /** The exact value as the table shows it. */
  text: string;
}

/** Every territory's value of one metric, and how to colour it. */
export interface ChoroplethData {
  metric: ChoroplethMetric;
  label: string;
  /** True for a diverging scale centred on zero, as for deviation. */
  diverging: boolean;
  values: TerritoryValue[];
  /** Territories that have no value, such as no quota or no potential. */
  missing: { id: string; name: string }[];
}

/** Labels of the choropleth metrics; deviation names its base metric. */
export function choroplethLabel(
  metric: ChoroplethMetric,
  base: MetricName,
): string {
  if (metric === "deviation")
    return `Deviation from the mean of ${METRIC_LABELS[base].toLowerCase()} (%)`;
  if (metric === "quota") return "Quota";
  if (metric === "quotaToPotential") return "Quota against potential (%)";
  return METRIC_LABELS[metric];
}

/**
 * Computes each territory's value of `metric`. Deviation is the percent
 * deviation of `base` from its mean over territories, to one decimal.
 * Quota is the territory's annual quota from the cascade. Quota against
 * potential is quota / potential in percent to one decimal, and missing
 * where the potential is zero.
 */
export function choroplethData(
  territories: readonly TerritoryTotals[],
  quotas: readonly QuotaFigure[],
  metric: ChoroplethMetric,
  base: MetricName,
  format: (metric: MetricName, value: number) => string,
): ChoroplethData {
  const label = choroplethLabel(metric, base);
  const values: TerritoryValue[] = [];
  const missing: { id: string; name: string }[] = [];
  const quotaCents = new Map(
    quotas
      .filter((quota) => quota.level === "territory")
      .map((quota) => [
        quota.nodeId,
        toCents(parseMoney(quota.annual, `quota of ${quota.name}`)),
      ]),
  );
  const balance = new Balance(
    territories.map((t) => ({
      id: t.id,
      value: metricValue(t.totals, base),
      target: null,
    })),
  );

  for (const territory of territories) {
    const { id, name, totals } = territory;
    if (metric === "deviation") {
      const percent = balance.deviationOf([id]);
      if (percent === null) missing.push({ id, name });
      else
        values.push({ id, name, value: Number(percent), text: `${percent}%` });
    } else if (metric === "quota" || metric === "quotaToPotential") {
      const quota = quotaCents.get(id);
      const potential = totals.potentialCents;
      if (
        quota === undefined ||
        (metric === "quotaToPotential" && potential === 0)
      ) {
        missing.push({ id, name });
      } else if (metric === "quota") {
        values.push({
          id,
          name,
          value: quota,
          text: format("potential", quota),
        });
      } else {
        const percent = tenthsToString(
          divideHalfEven(BigInt(quota) * 1000n, BigInt(potential)),
        );
        values.push({ id, name, value: Number(percent), text: `${percent}%` });
      }
    } else {
      const value = metricValue(totals, metric);
      values.push({ id, name, value, text: format(metric, value) });
    }
  }
  return { metric, label, diverging: metric === "deviation", values, missing };
}

/** Fill of a county: its territory's value, or unassigned, or a territory without a value. */
export type CountyFill =
  | { kind: "value"; value: number; territoryId: string }
  | { kind: "missing"; territoryId: string }
  | { kind: "unassigned" };

/**
 * Maps each county to its fill. A county assigned to an id that is not a
 * territory of `data` (a deleted territory) counts as unassigned, as in
 * the territory figures.
 */
export function countyFills(
  countyIds: readonly string[],
  assignments: ReadonlyMap<string, string>,
  data: ChoroplethData,
): Map<string, CountyFill> {
  const values = new Map(data.values.map((v) => [v.id, v.value]));
  const missing = new Set(data.missing.map((m) => m.id));
  const fills = new Map<string, CountyFill>();
  for (const countyId of countyIds) {
    const territoryId = assignments.get(countyId);
    const value =
      territoryId === undefined ? undefined : values.get(territoryId);
    if (territoryId !== undefined && value !== undefined) {
      fills.set(countyId, { kind: "value", value, territoryId });
    } else if (territoryId !== undefined && missing.has(territoryId)) {
      fills.set(countyId, { kind: "missing", territoryId });
    } else {
      fills.set(countyId, { kind: "unassigned" });
    }
  }
  return fills;
}

/**
 * Returns what to do when no county can be shaded (none is in a territory
 * with a value of the metric), or null when at least one can.
 */
export function choroplethEmptyMessage(
  fills: ReadonlyMap<string, CountyFill>,
  data: ChoroplethData,
): string | null {
  const kinds = [...fills.values()].map((fill) => fill.kind);
  if (kinds.includes("value")) return null;
  if (!kinds.includes("missing")) {
    return "No county is in a territory yet. Paint counties into territories on the Map to shade them here.";
  }
  return `No territory on the map has a value of ${data.label.toLowerCase()} yet. Choose another metric, or paint counties into territories that have one on the Map.`;
}
