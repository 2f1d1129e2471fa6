import type { NodeQuota } from "../../model/quota/types.ts";
import { centsToString, parseMoney, toCents } from "../../model/money.ts";

/** A territory whose annual quota a change of the territory design moved. */
export interface QuotaMove {
  territoryId: string;
  name: string;
  before: string;
  after: string;
  /** After minus before, as a decimal string with a sign, such as "+84210.00". */
  delta: string;
  /** Reps and open seats of the territory with their new quotas. */
  reps: { name: string; after: string }[];
}

/**
 * Lists the territories whose annual quota differs between two cascades,
 * largest move first. A territory present on one side only is left out,
 * because it was created or deleted rather than moved.
 */
export function quotaMoves(
  before: readonly NodeQuota[],
  after: readonly NodeQuota[],
): QuotaMove[] {
  const previous = new Map(before.map((q) => [q.nodeId, q]));
  const moves: (QuotaMove & { cents: number })[] = [];
  for (const quota of after) {
    if (quota.level !== "territory") continue;
    const old = previous.get(quota.nodeId);
    if (old === undefined || old.annual === quota.annual) continue;

    const cents =
      toCents(parseMoney(quota.annual)) - toCents(parseMoney(old.annual));
    moves.push({
      territoryId: quota.nodeId,
      name: quota.name,
      before: old.annual,
      after: quota.annual,
      delta: (cents > 0 ? "+" : "") + centsToString(cents),
      reps: after
        .filter((q) => q.parentId === quota.nodeId)
        .map((q) => ({ name: q.name, after: q.annual })),
      cents,
    });
  }
  moves.sort((a, b) => Math.abs(b.cents) - Math.abs(a.cents));
  return moves.map(({ cents: _cents, ...move }) => move);
}
