import { unavailablePayKpis } from "../../model/insights/pay-kpis.ts";
import type { Kpi } from "../../model/insights/types.ts";

/** A theme of the Indicators section and the KPIs it shows, in order. */
export interface KpiTheme {
  id: string;
  label: string;
  kpiIds: readonly string[];
}

/** The themes the Indicators section groups KPIs by, in the order of docs/INSIGHTS.md. */
export const KPI_THEMES: readonly KpiTheme[] = [
  {
    id: "quota-alignment",
    label: "Quota alignment",
    kpiIds: [
      "quota-over-target",
      "quota-over-assignment",
      "quota-to-potential",
    ],
  },
  {
    id: "coverage-quality",
    label: "Coverage quality",
    kpiIds: [
      "potential-deviation-max",
      "potential-deviation-sd",
      "workload-deviation-max",
      "workload-deviation-sd",
      "accounts-per-rep",
      "potential-per-rep",
      "unassigned-potential",
      "open-headcount",
    ],
  },
  {
    id: "payout-accuracy",
    label: "Payout accuracy",
    kpiIds: [
      "statements-disputed",
      "statements-adjusted",
      "credit-to-bookings",
    ],
  },
  {
    id: "incentive-effectiveness",
    label: "Incentive effectiveness",
    kpiIds: ["payout-to-attainment", "cost-of-sales", "reps-at-quota"],
  },
  {
    id: "reconciliation-effort",
    label: "Reconciliation effort",
    kpiIds: [
      "quota-adjustments",
      "account-overrides",
      "disputes-open",
      "dispute-resolve-days",
    ],
  },
];

/** Ids of the KPIs computed from the server's pay data. */
export const PAY_KPI_IDS: ReadonlySet<string> = new Set(
  unavailablePayKpis().map((kpi) => kpi.id),
);

/** The KPIs of one theme, in the theme's order. */
export interface KpiGroup {
  id: string;
  label: string;
  kpis: Kpi[];
}

/**
 * Groups KPIs by theme in the themes' order. A KPI of no theme goes into a
 * last group "Other", so a KPI added to the model still shows.
 */
export function groupKpis(kpis: readonly Kpi[]): KpiGroup[] {
  const byId = new Map(kpis.map((kpi) => [kpi.id, kpi]));
  const placed = new Set<string>();
  const groups: KpiGroup[] = [];
  for (const theme of KPI_THEMES) {
    const members: Kpi[] = [];
    for (const id of theme.kpiIds) {
      const kpi = byId.get(id);
      if (kpi === undefined) continue;
      members.push(kpi);
      placed.add(id);
    }
    if (members.length > 0)
      groups.push({ id: theme.id, label: theme.label, kpis: members });
  }
  const rest = kpis.filter((kpi) => !placed.has(kpi.id));
  if (rest.length > 0) groups.push({ id: "other", label: "Other", kpis: rest });
  return groups;
}
