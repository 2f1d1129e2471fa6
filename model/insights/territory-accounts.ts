import { centsToString } from "../money.ts";
import {
  accountFigures,
  type Override,
  type OverrideAccount,
} from "../overrides.ts";
import { makeTrace, type Trace } from "../trace.ts";
import { DEFAULT_WORKLOAD_WEIGHTS, workloadToString } from "../workload.ts";
import type { WorkloadWeights } from "../workload.ts";

/** KPIs whose breakdown goes down to the accounts of a territory. */
export const ACCOUNT_LEVEL_KPIS: ReadonlySet<string> = new Set([
  "quota-to-potential",
  "potential-deviation-max",
  "potential-deviation-sd",
  "workload-deviation-max",
  "workload-deviation-sd",
  "accounts-per-rep",
  "potential-per-rep",
]);

/** An account of the reference dataset, with the name the lists show. */
export interface NamedAccount extends OverrideAccount {
  name: string;
}

/** Everything the account level is computed from. */
export interface AccountLevelSources {
  accounts: readonly NamedAccount[];
  /** Unit (county) id -> territory id. */
  assignments: ReadonlyMap<string, string>;
  /**
   * Overrides that moved figures: in effect on the plan's date, with an
   * account of the dataset and a territory of the plan, as `applyOverrides`
   * returns them in `applied`.
   */
  applied: readonly Pick<Override, "accountId" | "territoryId">[];
  /** Unit id -> county name, such as "Travis, TX". */
  unitNames: ReadonlyMap<string, string>;
  weights?: WorkloadWeights;
}

/** One account of a territory with its figures. */
export interface AccountFigure {
  id: string;
  name: string;
  unitId: string;
  /** Name of the account's county, or its unit id when the geography lacks it. */
  county: string;
  potentialCents: number;
  /** Workload in integer tenths of a point. */
  workloadTenths: number;
  /** True when an override pins the account here rather than its county's territory. */
  pinned: boolean;
}

/** The accounts a territory covers, largest potential first, with their sums. */
export interface TerritoryAccounts {
  territoryId: string;
  accounts: AccountFigure[];
  potentialCents: number;
  workloadTenths: number;
}

/**
 * Lists the accounts that count in a territory, as the KPI figures count
 * them: an account pinned by an applied override counts in the override's
 * territory, and every other account in the territory of its county. The
 * list is sorted by potential, largest first, then by name and id, so the
 * order is stable. The sums are exact integers (cents and tenths).
 */
export function territoryAccounts(
  territoryId: string,
  sources: AccountLevelSources,
): TerritoryAccounts {
  const pinnedTo = new Map(
    sources.applied.map((o) => [o.accountId, o.territoryId]),
  );
  const weights = sources.weights ?? DEFAULT_WORKLOAD_WEIGHTS;
  const accounts: AccountFigure[] = [];
  let potentialCents = 0;
  let workloadTenths = 0;

  for (const account of sources.accounts) {
    const pin = pinnedTo.get(account.id);
    const owner = pin ?? sources.assignments.get(account.unitId);
    if (owner !== territoryId) continue;

    const figures = accountFigures(account, weights);
    potentialCents += figures.potentialCents;
    workloadTenths += figures.workloadTenths;
    accounts.push({
      id: account.id,
      name: account.name,
      unitId: account.unitId,
      county: sources.unitNames.get(account.unitId) ?? account.unitId,
      ...figures,
      pinned: pin !== undefined,
    });
  }

  accounts.sort(byPotentialThenName);
  return { territoryId, accounts, potentialCents, workloadTenths };
}

function byPotentialThenName(a: AccountFigure, b: AccountFigure): number {
  if (a.potentialCents !== b.potentialCents)
    return b.potentialCents - a.potentialCents;
  const byName = a.name.localeCompare(b.name);
  if (byName !== 0) return byName;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/** Explains one account's figures: its potential and workload and why it counts in the territory. */
export function accountTrace(account: AccountFigure): Trace {
  return makeTrace(
    `Account ${account.name}`,
    centsToString(account.potentialCents),
    account.pinned
      ? "potential of an account pinned here by an override"
      : "potential of an account in a county of the territory",
    {
      county: account.county,
      potential: centsToString(account.potentialCents),
      workload: workloadToString(account.workloadTenths),
    },
  );
}
