import type { FiscalYear } from "../plan/periods.ts";
import type { QuotaNode } from "../quota/types.ts";
import type { PlannedHire, PlannedRep } from "./inputs.ts";

/** A territory or region as the quota tree needs it. */
export interface PlanUnit {
  id: string;
  name: string;
  kind: "territory" | "region";
  parentId: string | null;
}

/** Id of the company node of every plan's quota tree. */
export const COMPANY_NODE_ID = "company";

/** Id of the region that contains the territories of no region. */
export const NO_REGION_ID = "no-region";

/**
 * Builds the quota tree of a plan: the company, its regions, their
 * territories, and under each territory its reps and open seats. A
 * territory of no region sits under a "No region" node, so a plan without
 * regions still cascades. A rep or hire of a missing territory carries no
 * quota, and a region without territories is left out, because nothing
 * under it could carry its share.
 */
export function planQuotaNodes(
  planName: string,
  units: readonly PlanUnit[],
  reps: readonly PlannedRep[],
  hires: readonly PlannedHire[],
  year: FiscalYear | null,
  roleNames: ReadonlyMap<string, string>,
): QuotaNode[] {
  const nodes: QuotaNode[] = [
    { id: COMPANY_NODE_ID, name: planName, level: "company", parentId: null },
  ];
  const regionIds = new Set(
    units.filter((u) => u.kind === "region").map((u) => u.id),
  );
  const filledRegions = new Set(
    units.filter((u) => u.kind === "territory").map((u) => u.parentId),
  );
  for (const unit of units) {
    if (unit.kind !== "region" || !filledRegions.has(unit.id)) continue;
    nodes.push(node(unit.id, unit.name, "region", COMPANY_NODE_ID));
  }

  const territoryIds = new Set<string>();
  let needsNoRegion = false;
  for (const unit of units) {
    if (unit.kind !== "territory") continue;
    const inRegion = unit.parentId !== null && regionIds.has(unit.parentId);
    needsNoRegion ||= !inRegion;
    territoryIds.add(unit.id);
    nodes.push(
      node(
        unit.id,
        unit.name,
        "territory",
        inRegion ? unit.parentId : NO_REGION_ID,
      ),
    );
  }
  if (needsNoRegion) {
    nodes.push(node(NO_REGION_ID, "No region", "region", COMPANY_NODE_ID));
  }

  for (const rep of reps) {
    if (rep.territoryId === null || !territoryIds.has(rep.territoryId))
      continue;
    nodes.push(node(rep.id, rep.name, "rep", rep.territoryId));
  }
  for (const hire of hires) {
    if (hire.territoryId === null || !territoryIds.has(hire.territoryId)) {
      continue;
    }
    for (const seat of openSeats(hire, year, roleNames)) {
      nodes.push(node(seat.id, seat.name, "rep", hire.territoryId));
    }
  }
  return nodes;
}

/** Lists one quota node per seat of a hire line, with ids `<hire id>#1`, `#2`, ... */
export function openSeats(
  hire: PlannedHire,
  year: FiscalYear | null,
  roleNames: ReadonlyMap<string, string>,
): { id: string; name: string }[] {
  const role = roleNames.get(hire.roleId) ?? "unknown role";
  const month =
    year?.months.find((m) => m.id === hire.monthId)?.label ?? hire.monthId;
  const count = Number.isInteger(hire.count) && hire.count > 0 ? hire.count : 0;
  return Array.from({ length: count }, (_, i) => ({
    id: `${hire.id}#${i + 1}`,
    name: `Open seat ${i + 1}: ${role}, ${month}`,
  }));
}

function node(
  id: string,
  name: string,
  level: QuotaNode["level"],
  parentId: string | null,
): QuotaNode {
  return { id, name, level, parentId };
}
