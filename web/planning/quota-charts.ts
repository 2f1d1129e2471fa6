import {
  centsToString,
  MoneyDecimal,
  parseMoney,
  toCents,
} from "../../model/money.ts";
import type { ChildLevel, NodeQuota } from "../../model/quota/types.ts";
import type { OverAssignmentLevel } from "../charts/over-assignment-layout.ts";
import type { QuotaPotentialRow } from "../charts/quota-potential-data.ts";

const CHILD_LEVELS: readonly ChildLevel[] = ["region", "territory", "rep"];

/** Lists each territory's annual quota and potential for the quota chart. */
export function quotaPotentialRows(
  quotas: readonly NodeQuota[],
  potentialCents: Readonly<Record<string, number>>,
  ownerNameOf: (territoryId: string) => string | null,
): QuotaPotentialRow[] {
  return quotas
    .filter((q) => q.level === "territory")
    .map((q) => {
      const owner = ownerNameOf(q.nodeId);
      return {
        id: q.nodeId,
        name: q.name,
        quota: q.annual,
        potential: centsToString(potentialCents[q.nodeId] ?? 0),
        ...(owner === null ? {} : { ownerName: owner }),
      };
    });
}

/**
 * Sums each level's quotas against their parents' quotas. Only parents
 * with children at that level count, so a territory without reps does not
 * lower the rep level's figure. The percent has one decimal, half-even.
 */
export function overAssignmentLevels(
  quotas: readonly NodeQuota[],
): OverAssignmentLevel[] {
  const byId = new Map(quotas.map((q) => [q.nodeId, q]));
  const levels: OverAssignmentLevel[] = [];
  for (const level of CHILD_LEVELS) {
    const children = quotas.filter((q) => q.level === level);
    if (children.length === 0) continue;

    const parentIds = new Set(children.map((q) => q.parentId));
    let parentCents = 0;
    for (const id of parentIds) {
      const parent = id === null ? undefined : byId.get(id);
      if (parent) parentCents += cents(parent.annual);
    }
    const childCents = children.reduce((sum, q) => sum + cents(q.annual), 0);
    levels.push({
      level,
      parentTotal: centsToString(parentCents),
      childrenTotal: centsToString(childCents),
      percent: percentOver(parentCents, childCents),
    });
  }
  return levels;
}

function cents(amount: string): number {
  return toCents(parseMoney(amount));
}

function percentOver(parentCents: number, childCents: number): string {
  if (parentCents === 0) return "0.0";
  return new MoneyDecimal(childCents)
    .dividedBy(parentCents)
    .minus(1)
    .times(100)
    .toFixed(1);
}
