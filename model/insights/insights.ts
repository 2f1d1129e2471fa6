import {
  deviationKpis,
  openHeadcount,
  perRepKpis,
  unassignedPotential,
} from "./coverage-quality.ts";
import {
  creditToBookings,
  disputeKpis,
  incentiveKpis,
  statementKpis,
  unavailablePayKpis,
} from "./pay-kpis.ts";
import { planEditKpis } from "./plan-edits.ts";
import {
  quotaOverAssignment,
  quotaOverTarget,
  quotaToPotential,
} from "./quota-alignment.ts";
import type { Kpi, PayKpiInput, PlanKpiInput } from "./types.ts";

/**
 * Computes every KPI of a plan. Without `pay`, the KPIs that need pay data
 * have the value "not available".
 */
export function computeInsights(plan: PlanKpiInput, pay?: PayKpiInput): Kpi[] {
  const planSide = [
    quotaOverTarget(plan),
    quotaOverAssignment(plan),
    quotaToPotential(plan),
    ...deviationKpis(plan, "potential"),
    ...deviationKpis(plan, "workload"),
    ...perRepKpis(plan),
    unassignedPotential(plan),
    openHeadcount(plan),
    ...planEditKpis(plan),
  ];
  if (pay === undefined) return [...planSide, ...unavailablePayKpis()];

  return [
    ...planSide,
    ...statementKpis(pay),
    creditToBookings(pay),
    ...incentiveKpis(pay),
    ...disputeKpis(pay),
  ];
}
