import { effectiveOverrides, type Override } from "../../overrides.ts";
import { inEffect, resolved, unresolved, type Resolved } from "./periods.ts";
import type {
  AccountTerritoryPeriod,
  CreditingInput,
  TerritoryLookup,
} from "./types.ts";

/** An account's territory on a date and where it came from. */
export interface AccountTerritory {
  territoryId: string | null;
  source: "override" | "history" | "none";
}

/**
 * Returns a lookup over a territory history table. An account with two
 * rows in effect on one date has no single territory, so the lookup raises
 * for it and `resolveTerritory` reports the deal.
 */
export function lookupFromTable(
  rows: readonly AccountTerritoryPeriod[],
): TerritoryLookup {
  const byAccount = new Map<string, AccountTerritoryPeriod[]>();
  for (const row of rows) {
    const list = byAccount.get(row.accountId) ?? [];
    list.push(row);
    byAccount.set(row.accountId, list);
  }

  return (accountId, date) => {
    const current = inEffect(byAccount.get(accountId) ?? [], date);
    if (current.length > 1) {
      const ids = current.map((row) => row.territoryId).join(", ");
      throw new OverlappingHistoryError(
        `the territory history of account "${accountId}" has ${current.length} rows in effect on ${date} (${ids}); end one period before the next starts.`,
      );
    }
    return current.length === 1 ? current[0].territoryId : null;
  };
}

class OverlappingHistoryError extends Error {
  override name = "OverlappingHistoryError";
}

/** Returns the territory lookup of the input, building one from a table. */
export function territoryLookup(input: CreditingInput): TerritoryLookup {
  const history = input.territoryHistory;
  return typeof history === "function" ? history : lookupFromTable(history);
}

/**
 * Resolves an account's home territory on a date. A named-account override
 * in effect wins over the history. Of several overrides in effect, the one
 * that started last wins (an open start counts as the earliest), and of
 * equal starts the one listed last wins.
 */
export function resolveTerritory(
  accountId: string,
  date: string,
  overrides: readonly Override[],
  lookup: TerritoryLookup,
): Resolved<AccountTerritory> {
  const override = latestOverride(accountId, date, overrides);
  if (override !== null) {
    return resolved({ territoryId: override.territoryId, source: "override" });
  }

  try {
    const territoryId = lookup(accountId, date);
    const source = territoryId === null ? "none" : "history";
    return resolved({ territoryId, source });
  } catch (error) {
    if (error instanceof OverlappingHistoryError) {
      return unresolved(error.message);
    }
    throw error;
  }
}

function latestOverride(
  accountId: string,
  date: string,
  overrides: readonly Override[],
): Override | null {
  const mine = overrides.filter((o) => o.accountId === accountId);
  let latest: Override | null = null;
  for (const override of effectiveOverrides(mine, date)) {
    const start = override.effectiveFrom ?? "";
    if (latest === null || start >= (latest.effectiveFrom ?? "")) {
      latest = override;
    }
  }
  return latest;
}
