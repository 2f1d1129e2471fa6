import {
  METRIC_NAMES,
  metricToString,
  parseTarget,
  type MetricName,
} from "../metrics.ts";
import type { PlanDoc } from "./plan-doc.ts";

/**
 * Balance targets live on the territory entries, one field per metric,
 * such as `balanceTarget.population` = "250000". The value is the
 * metric's decimal string (potential with two decimals, workload with
 * one). Separate fields let two people set targets of different metrics at
 * the same time, and a territory's targets go when the territory is
 * deleted. Added within schema version 1: older clients ignore the fields.
 */
export const BALANCE_TARGET_PREFIX = "balanceTarget.";

/** Territory id -> its target in the metric's base unit, for territories that have one. */
export function readBalanceTargets(
  planDoc: PlanDoc,
  metric: MetricName,
): Map<string, number> {
  const targets = new Map<string, number>();
  planDoc.territories.forEach((entry, territoryId) => {
    const text = entry.get(BALANCE_TARGET_PREFIX + metric);
    if (typeof text !== "string") return;
    try {
      targets.set(territoryId, parseTarget(metric, text));
    } catch {
      // A malformed value from another replica is treated as no target.
    }
  });
  return targets;
}

/**
 * Sets a territory's target for one metric from text such as "250,000",
 * or removes it when `text` is null or blank, in one transaction. Raises
 * for an unknown territory, a region, or text that is not a valid target.
 */
export function writeBalanceTarget(
  planDoc: PlanDoc,
  territoryId: string,
  metric: MetricName,
  text: string | null,
  origin?: unknown,
): void {
  const entry = planDoc.territories.get(territoryId);
  if (!entry) {
    throw new Error(
      `Territory "${territoryId}" does not exist in this plan, so it cannot get a target.`,
    );
  }
  if (entry.get("kind") === "region") {
    throw new Error(
      `"${String(entry.get("name"))}" is a region; set targets on its territories.`,
    );
  }
  if (!METRIC_NAMES.includes(metric)) {
    throw new Error(`Unknown balance metric "${metric}".`);
  }

  const field = BALANCE_TARGET_PREFIX + metric;
  const blank = text === null || text.trim() === "";
  const value = blank
    ? null
    : metricToString(metric, parseTarget(metric, text));
  planDoc.doc.transact(() => {
    if (value === null) {
      if (entry.has(field)) entry.delete(field);
    } else if (entry.get(field) !== value) {
      entry.set(field, value);
    }
  }, origin);
}
