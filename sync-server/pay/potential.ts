import { parseMoney, toCents } from "../../model/money.ts";
import { effectiveOverrides } from "../../model/overrides.ts";
import type { PayAccount } from "./accounts.ts";
import type { PayPlan } from "./plan-data.ts";

/**
 * Sums account potential per territory in integer cents, as the quota
 * cascade of the app reads it: an account counts in the territory of its
 * unit, or in the territory an override in effect on `asOf` pins it to.
 */
export function potentialByTerritory(
  plan: PayPlan,
  accounts: readonly PayAccount[],
  asOf: string,
): Record<string, number> {
  const territoryIds = new Set(
    plan.territories.filter((t) => t.kind === "territory").map((t) => t.id),
  );
  const pinned = new Map(
    effectiveOverrides(plan.overrides, asOf)
      .filter((o) => territoryIds.has(o.territoryId))
      .map((o) => [o.accountId, o.territoryId]),
  );

  const potential: Record<string, number> = {};
  for (const account of accounts) {
    const territoryId =
      pinned.get(account.id) ?? plan.assignments.get(account.unitId);
    if (territoryId === undefined || !territoryIds.has(territoryId)) continue;
    const cents = toCents(parseMoney(account.potential, "potential"));
    potential[territoryId] = (potential[territoryId] ?? 0) + cents;
  }
  return potential;
}
