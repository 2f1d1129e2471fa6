import { centsToString, parseMoney, toCents } from "../../money.ts";
import { makeTrace, type Trace } from "../../trace.ts";
import type { DealContext } from "./context.ts";
import { inEffect, resolved, unresolved, type Resolved } from "./periods.ts";
import { credit } from "./primary.ts";
import type { Credit } from "./types.ts";
import type { ParsedDeal } from "./validate-deals.ts";

interface ManagerTotal {
  cents: number;
  parts: Trace[];
}

/**
 * Credits every manager above a direct or split rep, on the close date's
 * hierarchy, with the rep's credit. A manager above several credited reps
 * gets one roll-up credit with their sum. Overlay credits do not roll up.
 */
export function creditRollups(
  deal: ParsedDeal,
  primary: readonly Credit[],
  context: DealContext,
): Resolved<Credit[]> {
  const rule = context.rules.find((r) => r.kind === "rollup");
  if (rule === undefined) return resolved([]);

  const totals = new Map<string, ManagerTotal>();
  for (const repCredit of primary) {
    const chain = managerChain(repCredit.repId, deal.deal.closeDate, context);
    if (!chain.ok) return chain;

    for (const managerId of chain.value) {
      const total = totals.get(managerId) ?? { cents: 0, parts: [] };
      total.cents += toCents(parseMoney(repCredit.amount));
      total.parts.push(repCredit.trace);
      totals.set(managerId, total);
    }
  }

  const credits = [...totals].map(([managerId, total]) => {
    const amount = centsToString(total.cents);
    const trace = makeTrace(
      `Roll-up credit of deal ${deal.deal.id} to ${managerId}`,
      amount,
      "sum of the direct and split credits of the reps below the manager",
      { "credited reps": String(total.parts.length) },
      total.parts,
    );
    return credit(deal, managerId, amount, "rollup", rule.id, trace);
  });
  return resolved(credits);
}

/** Returns the managers above a rep on a date, nearest first. */
function managerChain(
  repId: string,
  date: string,
  context: DealContext,
): Resolved<string[]> {
  const chain: string[] = [];
  let current = repId;

  for (;;) {
    const links = inEffect(
      context.managers.filter((link) => link.repId === current),
      date,
    );
    if (links.length === 0) return resolved(chain);
    if (links.length > 1) {
      const ids = links.map((link) => link.managerId).join(", ");
      return unresolved(
        `rep "${current}" has ${links.length} managers on ${date} (${ids}); end one manager link before the next starts.`,
      );
    }

    const managerId = links[0].managerId;
    if (managerId === repId || chain.includes(managerId)) {
      return unresolved(
        `the manager hierarchy above rep "${repId}" loops back to "${managerId}" on ${date}; correct the manager links.`,
      );
    }
    chain.push(managerId);
    current = managerId;
  }
}
