import { diffFigures } from "./diff-figures.ts";
import {
  accountTerritories,
  diffAccounts,
  diffCounties,
  diffTerritories,
  potentialByTerritory,
} from "./diff-placement.ts";
import type {
  DiffOptions,
  DiffPlanInput,
  PlanDiff,
  TerritoryChangeKind,
} from "./diff-types.ts";

export type * from "./diff-types.ts";

/**
 * Compares plan B with plan A: counties and accounts that changed
 * territory, territories added, removed or renamed, and the annual quota
 * and capacity figures that differ. Each plan's quotas follow its own
 * territory design: the potential of a territory is the sum of its
 * accounts' potential on the as-of date.
 */
export function diffPlans(
  a: DiffPlanInput,
  b: DiffPlanInput,
  data: DiffOptions,
): PlanDiff {
  const placedA = accountTerritories(a, data.accounts, data.asOf);
  const placedB = accountTerritories(b, data.accounts, data.asOf);

  const counties = diffCounties(a, b, data.unitNames);
  const accounts = diffAccounts(a, b, data.accounts, placedA, placedB);
  const territories = diffTerritories(a, b);
  const figures = diffFigures(
    { plan: a, potentialCents: potentialByTerritory(data.accounts, placedA) },
    { plan: b, potentialCents: potentialByTerritory(data.accounts, placedB) },
  );

  const count = (kind: TerritoryChangeKind) =>
    territories.filter((change) => change.kind === kind).length;
  return {
    asOf: data.asOf,
    counties,
    accounts,
    territories,
    ...figures,
    counts: {
      counties: counties.length,
      accounts: accounts.length,
      territoriesAdded: count("added"),
      territoriesRemoved: count("removed"),
      territoriesRenamed: count("renamed"),
      territoryQuotas: figures.territoryQuotas.length,
      repQuotas: figures.repQuotas.length,
      repCapacity: figures.repCapacity.length,
    },
  };
}
