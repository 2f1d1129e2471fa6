import {
  Balance,
  metricValue,
  sumByTerritory,
  type MetricIndex,
  type MetricName,
  type MetricTotals,
} from "../../model/metrics.ts";
import type { ShapeTracker } from "../../model/geo/shape-tracker.ts";
import {
  groupByRegion,
  regionMembers,
  rollUpRegions,
  type RegionGroup,
} from "../../model/regions.ts";
import type { Territory } from "../../model/doc/schema.ts";
import { withBase } from "../../model/overrides.ts";
import type { SumByTerritory } from "../../model/metrics-live.ts";

/** The figures of one territory or region row. */
export interface RowFigures {
  totals: MetricTotals;
  /** Percent deviation of the balance metric from the reference, one decimal; null when there is none. */
  deviationPercent: string | null;
  /** The territory's own target in the metric's base unit, or null when it is compared with the mean. */
  target: number | null;
  /** Connected pieces, largest first; null when the adjacency dataset is missing. */
  pieces: string[][] | null;
  /** Polsby-Popper score; null without units or without the adjacency dataset. */
  polsbyPopper: number | null;
}

/** Everything the territory list, regions and finders show, for one balance metric. */
export interface PlanFigures {
  metric: MetricName;
  groups: RegionGroup<Territory>[];
  territories: Map<string, RowFigures>;
  regions: Map<string, RowFigures>;
  unassigned: MetricTotals;
  /** Mean of the metric per territory, in its base unit, or null without territories. */
  mean: number | null;
  maxDeviationPercent: string | null;
  /** Territory and region ids whose pieces and compactness were measured again in this pass. */
  measured: string[];
}

/**
 * Computes the figures of every territory and region. `sum` gives the
 * territory totals: by default a full pass over the units, or the live
 * totals that move only the units a change touched. Pieces and compactness
 * come from `shapes`, which measures again only what the assignment
 * change touched. `base` adds figures that belong to a territory apart from
 * its units, such as the accounts pinned to it by overrides. The index
 * must then leave those accounts out of their counties.
 */
export function computePlanFigures(
  index: MetricIndex,
  shapes: ShapeTracker | null,
  territories: readonly Territory[],
  assignments: ReadonlyMap<string, string>,
  metric: MetricName,
  targets: ReadonlyMap<string, number>,
  base: ReadonlyMap<string, MetricTotals> = new Map(),
  sum: SumByTerritory = sumByTerritory,
): PlanFigures {
  const groups = groupByRegion(territories);
  const paintable = groups.flatMap((group) => group.territories);
  const ids = paintable.map((t) => t.id);
  const sums = withBase(sum(index, ids, assignments), base);
  const members = regionMembers(territories);
  const measured = shapes ? shapes.update(assignments, members) : [];

  const balance = new Balance(
    ids.map((id) => ({
      id,
      value: metricValue(sums.territories.get(id)!, metric),
      target: targets.get(id) ?? null,
    })),
  );
  const shapeOf = (id: string) => {
    if (!shapes) return { pieces: null, polsbyPopper: null };
    return shapes.shapeOf(id);
  };

  const territoryFigures = new Map<string, RowFigures>();
  for (const id of ids) {
    territoryFigures.set(id, {
      totals: sums.territories.get(id)!,
      deviationPercent: balance.deviationOf([id]),
      target: targets.get(id) ?? null,
      ...shapeOf(id),
    });
  }

  const regionTotals = rollUpRegions(members, sums.territories);
  const regionFigures = new Map<string, RowFigures>();
  for (const [regionId, memberIds] of members) {
    regionFigures.set(regionId, {
      totals: regionTotals.get(regionId)!,
      deviationPercent: balance.deviationOf(memberIds),
      target: null,
      ...shapeOf(regionId),
    });
  }

  return {
    metric,
    groups,
    territories: territoryFigures,
    regions: regionFigures,
    unassigned: sums.unassigned,
    mean: balance.mean,
    maxDeviationPercent: balance.maxDeviation(),
    measured,
  };
}
