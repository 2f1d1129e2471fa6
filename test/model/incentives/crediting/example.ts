import type { Override } from "../../../../model/overrides.ts";
import type {
  AccountTerritoryPeriod,
  CreditDeal,
  CreditingInput,
  CreditingRule,
  ManagerLink,
  TerritoryLookup,
  TerritoryRepAssignment,
} from "../../../../model/incentives/crediting/types.ts";

/** The crediting input with plain arrays, so a test can change a copy. */
export interface ExampleInput extends CreditingInput {
  deals: CreditDeal[];
  territoryHistory: AccountTerritoryPeriod[] | TerritoryLookup;
  overrides: Override[];
  territoryReps: TerritoryRepAssignment[];
  managers: ManagerLink[];
  rules: CreditingRule[];
}

/**
 * Returns the worked example of docs/CREDITING.md. Expected credits, by hand:
 * d1 territory "west" (ana, ben): 1000.01 / 2 = 500.005, so ana 500.01 and
 *   ben 500.00 (the tie in remainder goes to the earlier rep); mia rolls up 1000.01.
 * d2 named-account rule for acct-2: dee 250.00; analytics overlay: sol 250.00.
 * d3 splits 33.33/33.33/33.34 of 100.01: exact 33.333333, 33.333333,
 *   33.343334, so floors 3333 + 3333 + 3334 cents leave 1 cent, which goes
 *   to cy (largest remainder .3334): ana 33.33, ben 33.33, cy 33.35;
 *   mia rolls up 66.66, max 33.35.
 * d4 acct-3 is pinned to "east" by an override: cy 75.00; max rolls up 75.00.
 */
export function exampleInput(): ExampleInput {
  return {
    deals: [
      deal("d1", "acct-1", "1000.01", "core"),
      deal("d2", "acct-2", "250.00", "analytics"),
      {
        ...deal("d3", "acct-2", "100.01", "core"),
        splits: [
          { repId: "ana", percent: "33.33" },
          { repId: "ben", percent: "33.33" },
          { repId: "cy", percent: "33.34" },
        ],
      },
      deal("d4", "acct-3", "75.00", "core"),
    ],
    territoryHistory: [
      period({ accountId: "acct-1", territoryId: "west" }),
      period({ accountId: "acct-2", territoryId: "west" }),
      period({ accountId: "acct-3", territoryId: "west" }),
    ],
    overrides: [
      {
        accountId: "acct-3",
        territoryId: "east",
        effectiveFrom: "2027-01-01",
        effectiveTo: null,
      },
    ],
    territoryReps: [
      period({ territoryId: "west", repId: "ben" }),
      period({ territoryId: "west", repId: "ana" }),
      period({ territoryId: "east", repId: "cy" }),
    ],
    managers: [
      period({ repId: "ana", managerId: "mia" }),
      period({ repId: "ben", managerId: "mia" }),
      period({ repId: "cy", managerId: "max" }),
    ],
    rules: [
      period({ id: "r-split", kind: "split" as const }),
      period({
        id: "r-named",
        kind: "named-account" as const,
        accountId: "acct-2",
        repId: "dee",
      }),
      period({ id: "r-territory", kind: "territory" as const }),
      period({
        id: "r-overlay",
        kind: "overlay" as const,
        repId: "sol",
        product: "analytics",
      }),
      period({ id: "r-rollup", kind: "rollup" as const }),
    ],
  };
}

function deal(id: string, accountId: string, amount: string, product: string) {
  return {
    id,
    accountId,
    amount,
    closeDate: "2027-03-10",
    product,
    ownerRepId: "ana",
  };
}

/** Adds an open period in effect on every date. */
export function period<T>(row: T): T & {
  effectiveFrom: string | null;
  effectiveTo: string | null;
} {
  return { ...row, effectiveFrom: null, effectiveTo: null };
}
