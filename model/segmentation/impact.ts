/** One account as the impact preview needs it. */
export interface ImpactAccount {
  id: string;
  /** Potential in integer cents. */
  potentialCents: number;
  /** Territory the account counts in, or null when its county is unassigned. */
  territoryId: string | null;
}

/** A segmentation's membership: each account's segment index and the segments' names. */
export interface Membership {
  /** Segment index of each account, in the order of the accounts. */
  segmentOf: Int32Array;
  names: readonly string[];
}

/** Accounts and their potential, in integer cents. */
export interface AccountTally {
  accounts: number;
  potentialCents: number;
}

/** Accounts that go from one segment to another; `from` is null when no segmentation is applied. */
export interface SegmentFlow extends AccountTally {
  from: string | null;
  to: string;
}

/** One segment name before and after applying, so a segment that keeps its name shows its net change. */
export interface SegmentChange {
  name: string;
  before: AccountTally;
  after: AccountTally;
}

/** The mix of proposed segments in one territory. */
export interface TerritoryMix {
  territoryId: string | null;
  accounts: number;
  /** Accounts in each proposed segment, by segment index. */
  segments: number[];
  /** Accounts of the territory whose segment name changes. */
  changed: number;
}

export interface SegmentationImpact {
  accounts: number;
  /** Accounts whose segment name changes, all of them when nothing is applied yet. */
  changed: AccountTally;
  /** Every from -> to pair with at least one account, most accounts first. */
  flows: SegmentFlow[];
  /** Every name of either segmentation: proposed segments in index order, then names that go away. */
  segments: SegmentChange[];
  /** Territories by id, with unassigned accounts (null) last. */
  territories: TerritoryMix[];
}

/**
 * Compares a proposed segmentation with the one applied now (or none).
 * Segments of two runs are matched by name, because indexes of two runs
 * are unrelated, while the same accounts, features, k and seed give the
 * same names. An account changes segment when its segment's name changes.
 */
export function segmentationImpact(
  accounts: readonly ImpactAccount[],
  current: Membership | null,
  proposed: Membership,
): SegmentationImpact {
  checkLengths(accounts, current, proposed);
  const changed = { accounts: 0, potentialCents: 0 };
  const flows = new Map<string, SegmentFlow>();
  const segments = new Map<string, SegmentChange>();
  const territories = new Map<string | null, TerritoryMix>();
  const segmentChange = (name: string) => {
    let change = segments.get(name);
    if (!change) {
      change = { name, before: emptyTally(), after: emptyTally() };
      segments.set(name, change);
    }
    return change;
  };
  for (const name of proposed.names) segmentChange(name);

  accounts.forEach((account, i) => {
    const to = proposed.names[proposed.segmentOf[i]];
    const from = current ? current.names[current.segmentOf[i]] : null;
    const potential = account.potentialCents;
    add(segmentChange(to).after, potential);
    if (from !== null) add(segmentChange(from).before, potential);

    const mix = territoryMix(territories, account.territoryId, proposed);
    mix.accounts++;
    mix.segments[proposed.segmentOf[i]]++;
    if (from === to) return;

    add(changed, potential);
    mix.changed++;
    const key = `${from ?? ""}\u0000${to}`;
    let flow = flows.get(key);
    if (!flow) {
      flow = { from, to, ...emptyTally() };
      flows.set(key, flow);
    }
    add(flow, potential);
  });

  return {
    accounts: accounts.length,
    changed,
    flows: [...flows.values()].sort(
      (a, b) => b.accounts - a.accounts || b.potentialCents - a.potentialCents,
    ),
    segments: [...segments.values()],
    territories: [...territories.values()].sort(byTerritory),
  };
}

function emptyTally(): AccountTally {
  return { accounts: 0, potentialCents: 0 };
}

function add(tally: AccountTally, potentialCents: number) {
  tally.accounts++;
  tally.potentialCents += potentialCents;
}

function territoryMix(
  territories: Map<string | null, TerritoryMix>,
  territoryId: string | null,
  proposed: Membership,
): TerritoryMix {
  let mix = territories.get(territoryId);
  if (!mix) {
    mix = {
      territoryId,
      accounts: 0,
      segments: new Array<number>(proposed.names.length).fill(0),
      changed: 0,
    };
    territories.set(territoryId, mix);
  }
  return mix;
}

function byTerritory(a: TerritoryMix, b: TerritoryMix): number {
  if (a.territoryId === b.territoryId) return 0;
  if (a.territoryId === null) return 1;
  if (b.territoryId === null) return -1;
  return a.territoryId < b.territoryId ? -1 : 1;
}

function checkLengths(
  accounts: readonly ImpactAccount[],
  current: Membership | null,
  proposed: Membership,
) {
  for (const [label, membership] of [
    ["proposed", proposed],
    ["current", current],
  ] as const) {
    if (membership && membership.segmentOf.length !== accounts.length) {
      throw new RangeError(
        `The ${label} membership has ${membership.segmentOf.length} accounts, but the preview has ${accounts.length}. Derive both memberships from the same accounts.`,
      );
    }
  }
}
