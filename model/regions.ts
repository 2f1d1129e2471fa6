import { addTotals, emptyMetricTotals, type MetricTotals } from "./metrics.ts";

/**
 * The region hierarchy as plain data. A plan's territory records are
 * either territories (which own units) or regions (which group
 * territories). A territory belongs to the region its `parentId` names when
 * that record exists and is a region; otherwise it has no region. Regions
 * form one level: a region's own `parentId` is ignored.
 */
export interface HierarchyNode {
  id: string;
  name: string;
  kind: "territory" | "region";
  parentId: string | null;
}

/** A region and its territories, or the territories without a region when `region` is null. */
export interface RegionGroup<T extends HierarchyNode> {
  region: T | null;
  territories: T[];
}

/**
 * Groups territories by region for the territory list: regions in name
 * order, each with its territories in name order, then the territories
 * without a region. Regions without territories are kept; the group of
 * territories without a region is left out when it is empty.
 */
export function groupByRegion<T extends HierarchyNode>(
  nodes: readonly T[],
): RegionGroup<T>[] {
  const regions = nodes.filter((n) => n.kind === "region").sort(byName);
  const groups = new Map<string, RegionGroup<T>>(
    regions.map((region) => [region.id, { region, territories: [] }]),
  );
  const ungrouped: RegionGroup<T> = { region: null, territories: [] };

  for (const node of [...nodes].sort(byName)) {
    if (node.kind !== "territory") continue;
    const group =
      node.parentId === null ? undefined : groups.get(node.parentId);
    (group ?? ungrouped).territories.push(node);
  }

  const result = [...groups.values()];
  if (ungrouped.territories.length > 0) result.push(ungrouped);
  return result;
}

/** Territories in the order the grouped list shows them, which is also the order of the 1–9 keys. */
export function territoriesInListOrder<T extends HierarchyNode>(
  nodes: readonly T[],
): T[] {
  return groupByRegion(nodes).flatMap((group) => group.territories);
}

/** Region id -> ids of its territories, for every region (possibly with none). */
export function regionMembers(
  nodes: readonly HierarchyNode[],
): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const group of groupByRegion(nodes)) {
    if (group.region === null) continue;
    members.set(
      group.region.id,
      group.territories.map((t) => t.id),
    );
  }
  return members;
}

/**
 * Sums the totals of each region's territories. The fields are integers,
 * so a region's totals equal the sum of its rows exactly.
 */
export function rollUpRegions(
  members: ReadonlyMap<string, readonly string[]>,
  totalsById: ReadonlyMap<string, MetricTotals>,
): Map<string, MetricTotals> {
  const result = new Map<string, MetricTotals>();
  for (const [regionId, territoryIds] of members) {
    const totals = emptyMetricTotals();
    for (const id of territoryIds) {
      const territory = totalsById.get(id);
      if (territory) addTotals(totals, territory);
    }
    result.set(regionId, totals);
  }
  return result;
}

function byName(a: HierarchyNode, b: HierarchyNode): number {
  // The same order as PlanDoc.readTerritories, so a plan without regions
  // keeps the order it had before regions existed.
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}
