/** Accounts and their summed potential. */
export interface AccountTotals {
  accounts: number;
  /** Summed potential in integer cents. */
  potentialCents: number;
}

/** One territory's accounts and potential with the current and the imported list. */
export interface TerritoryImportChange {
  territoryId: string;
  name: string;
  before: AccountTotals;
  after: AccountTotals;
}

/** The change per territory that applying an imported accounts list would make. */
export interface AccountsImportPreview {
  territories: TerritoryImportChange[];
  /** Accounts in counties that no territory owns. */
  unassigned: { before: AccountTotals; after: AccountTotals };
  total: { before: AccountTotals; after: AccountTotals };
}

/** The fields of an account the comparison reads. */
export interface PreviewAccount {
  id: string;
  unitId: string;
  /** Exact decimal string with at most two digits after the point. */
  potential: string;
}

/**
 * Compares the accounts each territory has now with those it would have
 * with the imported list, through the plan's county assignments. An
 * account pinned by an override in effect (`pinned`: account id ->
 * territory id) counts in that territory in both lists, because an
 * override follows the account id. An account whose county no listed
 * territory owns counts as unassigned. Territories come out in the order
 * given.
 */
export function compareAccountLists(
  before: readonly PreviewAccount[],
  after: readonly PreviewAccount[],
  assignments: ReadonlyMap<string, string>,
  territories: readonly { id: string; name: string }[],
  pinned: ReadonlyMap<string, string> = new Map(),
): AccountsImportPreview {
  const known = new Set(territories.map((territory) => territory.id));
  const ownerOf = (account: PreviewAccount): string | null => {
    const territoryId =
      pinned.get(account.id) ?? assignments.get(account.unitId);
    return territoryId !== undefined && known.has(territoryId)
      ? territoryId
      : null;
  };
  const beforeTotals = sumByTerritory(before, ownerOf);
  const afterTotals = sumByTerritory(after, ownerOf);

  return {
    territories: territories.map((territory) => ({
      territoryId: territory.id,
      name: territory.name,
      before: beforeTotals.byTerritory.get(territory.id) ?? emptyTotals(),
      after: afterTotals.byTerritory.get(territory.id) ?? emptyTotals(),
    })),
    unassigned: {
      before: beforeTotals.unassigned,
      after: afterTotals.unassigned,
    },
    total: { before: beforeTotals.total, after: afterTotals.total },
  };
}

function sumByTerritory(
  accounts: readonly PreviewAccount[],
  ownerOf: (account: PreviewAccount) => string | null,
) {
  const byTerritory = new Map<string, AccountTotals>();
  const unassigned = emptyTotals();
  const total = emptyTotals();
  for (const account of accounts) {
    const cents = potentialCents(account.potential);
    const territoryId = ownerOf(account);
    let totals = unassigned;
    if (territoryId !== null) {
      totals = byTerritory.get(territoryId) ?? emptyTotals();
      byTerritory.set(territoryId, totals);
    }
    add(totals, cents);
    add(total, cents);
  }
  return { byTerritory, unassigned, total };
}

function add(totals: AccountTotals, cents: number): void {
  totals.accounts += 1;
  totals.potentialCents += cents;
  if (!Number.isSafeInteger(totals.potentialCents)) {
    throw new RangeError(
      "Summed potential exceeds the integer cents Meridian can add exactly.",
    );
  }
}

// Reads "1234.5" or "1234.50" as 123450 cents without a float.
function potentialCents(potential: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(potential);
  if (!match) {
    throw new Error(
      `Potential ${JSON.stringify(potential)} is not a decimal with at most two digits after the point.`,
    );
  }
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

function emptyTotals(): AccountTotals {
  return { accounts: 0, potentialCents: 0 };
}

/** A pinned account that the imported list lacks, so its overrides would stop counting. */
export interface DetachedPin {
  accountId: string;
  /** The account's name in the current list. */
  name: string;
  /** Overrides of the account, any status. */
  overrides: number;
}

/** Maximum names in the detached-pins message; it ends with "and N more" beyond that. */
export const MAX_DETACHED_NAMES = 10;

/**
 * Finds the accounts that overrides pin, whose id the current list has and
 * the imported list lacks, in the order of `overrideAccountIds`. An
 * override counts whatever its dates, because a later date may bring it
 * into effect. Overrides whose account is already missing from the current
 * list are left out: they count for nothing before the import either.
 */
export function findDetachedPins(
  overrideAccountIds: Iterable<string>,
  before: readonly { id: string; name: string }[],
  after: readonly { id: string }[],
): DetachedPin[] {
  const nameById = new Map(before.map((account) => [account.id, account.name]));
  const afterIds = new Set(after.map((account) => account.id));
  const pins = new Map<string, DetachedPin>();
  for (const accountId of overrideAccountIds) {
    const name = nameById.get(accountId);
    if (name === undefined || afterIds.has(accountId)) continue;

    const pin = pins.get(accountId);
    if (pin) pin.overrides += 1;
    else pins.set(accountId, { accountId, name, overrides: 1 });
  }
  return [...pins.values()];
}

/**
 * Describes detached pins for the preview, such as "2 pinned accounts are
 * not in this file: Des Moines, Ames. Their overrides stop counting.";
 * null when there are none.
 */
export function describeDetachedPins(
  pins: readonly DetachedPin[],
): string | null {
  if (pins.length === 0) return null;

  const listed = pins.slice(0, MAX_DETACHED_NAMES).map((pin) => pin.name);
  const hidden = pins.length - listed.length;
  const names =
    hidden > 0 ? `${listed.join(", ")} and ${hidden} more` : listed.join(", ");
  if (pins.length > 1) {
    return `${pins.length} pinned accounts are not in this file: ${names}. Their overrides stop counting.`;
  }
  const consequence =
    pins[0].overrides > 1
      ? "Its overrides stop counting."
      : "Its override stops counting.";
  return `1 pinned account is not in this file: ${names}. ${consequence}`;
}
