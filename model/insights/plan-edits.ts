import { makeTrace } from "../trace.ts";
import type { Kpi, PlanKpiInput } from "./types.ts";

/** Counts manual quota adjustments and account overrides, the reconciliation effort the plan stores. */
export function planEditKpis(input: PlanKpiInput): Kpi[] {
  const adjustments = String(input.quotaAdjustments);
  const overrides = String(input.accountOverrides);
  return [
    {
      id: "quota-adjustments",
      label: "Manual quota adjustments",
      value: adjustments,
      unit: "count",
      definition:
        "Quota nodes whose annual quota a person set or changed by hand instead of taking the cascade's share.",
      trace: makeTrace(
        "Manual quota adjustments",
        adjustments,
        "count of adjusted quota nodes",
        {},
      ),
      breakdown: [],
    },
    {
      id: "account-overrides",
      label: "Account overrides",
      value: overrides,
      unit: "count",
      definition:
        "Named-account overrides that pin an account to a territory other than its unit's.",
      trace: makeTrace(
        "Account overrides",
        overrides,
        "count of stored overrides",
        {},
      ),
      breakdown: [],
    },
  ];
}
