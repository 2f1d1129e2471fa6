import { parseMoney, toCents } from "../money.ts";
import { effectiveOverrides } from "../overrides.ts";
import type {
  AccountMove,
  CountyChange,
  DiffAccount,
  DiffPlanInput,
  DiffTerritory,
  DiffTerritoryInput,
  TerritoryChange,
} from "./diff-types.ts";

/**
 * Returns account id -> territory id on `asOf`, leaving out unassigned
 * accounts. An override in effect wins over the account's county, as the
 * app's coverage counts it, unless its territory is not a territory of
 * the plan (model/overrides.ts ignores such an override too). A county
 * assigned to a territory that was deleted on another replica counts as
 * unassigned, as on the map.
 */
export function accountTerritories(
  plan: DiffPlanInput,
  accounts: readonly DiffAccount[],
  asOf: string,
): Map<string, string> {
  const territoryIds = new Set(
    plan.territories.filter((t) => t.kind === "territory").map((t) => t.id),
  );
  const pinned = new Map<string, string>();
  for (const override of effectiveOverrides(plan.overrides, asOf)) {
    if (territoryIds.has(override.territoryId))
      pinned.set(override.accountId, override.territoryId);
  }

  const placed = new Map<string, string>();
  for (const account of accounts) {
    const territoryId =
      pinned.get(account.id) ?? assignedTerritory(plan, account.unitId);
    if (territoryId !== null) placed.set(account.id, territoryId);
  }
  return placed;
}

/** Sums the potential of the placed accounts per territory id, in integer cents. */
export function potentialByTerritory(
  accounts: readonly DiffAccount[],
  placed: ReadonlyMap<string, string>,
): Record<string, number> {
  const cents: Record<string, number> = {};
  for (const account of accounts) {
    const territoryId = placed.get(account.id);
    if (territoryId === undefined) continue;
    const amount = parseMoney(
      account.potential,
      `potential of account "${account.id}"`,
    );
    cents[territoryId] = (cents[territoryId] ?? 0) + toCents(amount);
  }
  return cents;
}

/**
 * Lists the counties whose territory differs, sorted by unit id. A county
 * assigned to a territory the plan no longer has counts as unassigned.
 */
export function diffCounties(
  a: DiffPlanInput,
  b: DiffPlanInput,
  unitNames: ReadonlyMap<string, string> = new Map(),
): CountyChange[] {
  const unitIds = new Set([...a.assignments.keys(), ...b.assignments.keys()]);
  const changes: CountyChange[] = [];
  for (const unitId of [...unitIds].sort()) {
    const from = assignedTerritory(a, unitId);
    const to = assignedTerritory(b, unitId);
    if (from === to) continue;
    changes.push({
      unitId,
      name: unitNames.get(unitId) ?? "",
      from: territoryIn(a, from),
      to: territoryIn(b, to),
    });
  }
  return changes;
}

/** Lists the accounts whose territory differs, sorted by account id. */
export function diffAccounts(
  a: DiffPlanInput,
  b: DiffPlanInput,
  accounts: readonly DiffAccount[],
  placedA: ReadonlyMap<string, string>,
  placedB: ReadonlyMap<string, string>,
): AccountMove[] {
  const moves: AccountMove[] = [];
  for (const account of accounts) {
    const from = placedA.get(account.id) ?? null;
    const to = placedB.get(account.id) ?? null;
    if (from === to) continue;
    moves.push({
      accountId: account.id,
      name: account.name,
      unitId: account.unitId,
      from: territoryIn(a, from),
      to: territoryIn(b, to),
    });
  }
  return moves.sort((x, y) => compareIds(x.accountId, y.accountId));
}

/** Lists territories and regions added, removed or renamed, sorted by id. */
export function diffTerritories(
  a: DiffPlanInput,
  b: DiffPlanInput,
): TerritoryChange[] {
  const namesA = new Map(a.territories.map((t) => [t.id, t.name]));
  const namesB = new Map(b.territories.map((t) => [t.id, t.name]));
  const ids = [...new Set([...namesA.keys(), ...namesB.keys()])].sort();

  const changes: TerritoryChange[] = [];
  for (const id of ids) {
    const from = namesA.get(id) ?? null;
    const to = namesB.get(id) ?? null;
    if (from === null) changes.push({ kind: "added", id, from, to });
    else if (to === null) changes.push({ kind: "removed", id, from, to });
    else if (from !== to) changes.push({ kind: "renamed", id, from, to });
  }
  return changes;
}

function assignedTerritory(plan: DiffPlanInput, unitId: string): string | null {
  const territoryId = plan.assignments.get(unitId);
  if (territoryId === undefined) return null;
  return territoriesById(plan).has(territoryId) ? territoryId : null;
}

// Every id passed here is one of the plan's territories.
function territoryIn(
  plan: DiffPlanInput,
  id: string | null,
): DiffTerritory | null {
  const territory = id === null ? undefined : territoriesById(plan).get(id);
  if (territory === undefined) return null;
  return { id: territory.id, name: territory.name, color: territory.color };
}

const territoryIndex = new WeakMap<
  DiffPlanInput,
  Map<string, DiffTerritoryInput>
>();

function territoriesById(plan: DiffPlanInput): Map<string, DiffTerritoryInput> {
  let index = territoryIndex.get(plan);
  if (index === undefined) {
    index = new Map(plan.territories.map((t) => [t.id, t]));
    territoryIndex.set(plan, index);
  }
  return index;
}

function compareIds(x: string, y: string): number {
  if (x < y) return -1;
  return x > y ? 1 : 0;
}
