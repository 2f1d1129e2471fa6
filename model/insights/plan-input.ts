import {
  sumByTerritory,
  type MetricIndex,
  type MetricTotals,
} from "../metrics.ts";
import { withBase } from "../overrides.ts";
import type { PlanKpiInput, QuotaFigure } from "./types.ts";

/** A territory or region of the plan, as the KPIs read it. */
export interface PlanUnitFigure {
  id: string;
  name: string;
  kind: "territory" | "region";
  parentId: string | null;
}

/** Everything the plan-side KPIs are computed from, as the app and the CLI hold it. */
export interface PlanKpiSources {
  units: readonly PlanUnitFigure[];
  /** Unit (county) id -> territory id. */
  assignments: ReadonlyMap<string, string>;
  /** Per-unit figures, with accounts pinned by overrides taken out. */
  index: MetricIndex;
  /** Territory id -> figures of the accounts pinned to it by overrides. */
  pinned: ReadonlyMap<string, MetricTotals>;
  reps: readonly { territoryId: string | null }[];
  hires: readonly { territoryId: string | null; count: number }[];
  quotas: readonly QuotaFigure[];
  companyTargetCents: number | null;
  quotaAdjustments: number;
  accountOverrides: number;
}

/**
 * Sums the plan's figures per territory in one pass over the units, so a
 * recalculation after a stroke walks units rather than accounts.
 */
export function buildPlanKpiInput(sources: PlanKpiSources): PlanKpiInput {
  const territories = sources.units.filter((u) => u.kind === "territory");
  const regionNames: Record<string, string> = {};
  for (const unit of sources.units) {
    if (unit.kind === "region") regionNames[unit.id] = unit.name;
  }

  const ids = territories.map((t) => t.id);
  const sums = withBase(
    sumByTerritory(sources.index, ids, sources.assignments),
    sources.pinned,
  );
  const reps = countBy(sources.reps.map((r) => [r.territoryId, 1]));
  // NOTE: every planned hire counts as open, whatever its month, because
  // the plan does not record when a seat is filled.
  const seats = countBy(sources.hires.map((h) => [h.territoryId, h.count]));

  return {
    quotas: sources.quotas,
    companyTargetCents: sources.companyTargetCents,
    territories: territories.map((t) => {
      const totals = sums.territories.get(t.id);
      return {
        id: t.id,
        name: t.name,
        regionId:
          t.parentId !== null && t.parentId in regionNames ? t.parentId : null,
        potentialCents: totals?.potentialCents ?? 0,
        workloadTenths: totals?.workloadTenths ?? 0,
        accounts: totals?.accounts ?? 0,
        reps: reps.get(t.id) ?? 0,
        openSeats: seats.get(t.id) ?? 0,
      };
    }),
    regionNames,
    unassignedPotentialCents: sums.unassigned.potentialCents,
    quotaAdjustments: sources.quotaAdjustments,
    accountOverrides: sources.accountOverrides,
  };
}

function countBy(entries: [string | null, number][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [id, count] of entries) {
    if (id === null) continue;
    counts.set(id, (counts.get(id) ?? 0) + count);
  }
  return counts;
}
