import {
  readOverrideLockConflicts,
  type OverrideLockConflict,
} from "../../model/doc/account-overrides.ts";
import {
  applyOverrides,
  effectiveOverrides,
  isIsoDate,
  type OverrideFigures,
} from "../../model/overrides.ts";
import type { AccountRecord, ReferenceData } from "../plan/reference-data.ts";
import type { Workspace } from "../plan/workspace.svelte.ts";
import {
  buildOverrideRows,
  describePin,
  indexAccounts,
  paintableIds,
  todayIso,
  type OverrideRow,
} from "./override-rows.ts";

export type { OverrideRow } from "./override-rows.ts";

const AS_OF_KEY_PREFIX = "meridian.overrides.asOf.";

/**
 * The plan's named-account overrides on the chosen "as of" date: the list,
 * and the figures with the overrides in effect applied. Both are derived
 * from the mirrored document, so they follow every change, local or remote.
 */
export class PlanOverrides {
  #asOf = $state(todayIso());
  readonly #workspace: Workspace;
  #cached: {
    reference: ReferenceData;
    key: string;
    figures: OverrideFigures;
  } | null = null;

  constructor(workspace: Workspace) {
    this.#workspace = workspace;
    this.#asOf = loadAsOf(workspace.planId) ?? todayIso();
  }

  /** The date the figures and statuses are for, as `YYYY-MM-DD`; remembered per plan in this browser. */
  get asOf(): string {
    return this.#asOf;
  }

  set asOf(value: string) {
    if (!isIsoDate(value)) return;
    this.#asOf = value;
    saveAsOf(this.#workspace.planId, value);
  }

  /** Account id -> account of the loaded dataset. */
  readonly accountById: ReadonlyMap<string, AccountRecord> = $derived.by(() =>
    indexAccounts(this.#workspace.reference?.accounts ?? []),
  );

  /** Every override with its account, territory and status, in account name order. */
  readonly rows: OverrideRow[] = $derived.by(() => {
    const planDoc = this.#workspace.planDoc;
    // The mirror replaces its territory list on every document change, so
    // reading it here also follows override edits.
    const territories = this.#workspace.mirror.territories;
    if (!planDoc) return [];
    return buildOverrideRows(
      planDoc.readOverrides(),
      this.accountById,
      territories,
      this.#asOf,
    );
  });

  /**
   * The unit figures without pinned accounts and each territory's pinned
   * base, or null before the datasets load. The result is kept while the
   * overrides in effect and the territories stay the same, so a stroke
   * reuses it and the live totals keep their index.
   */
  readonly figures: OverrideFigures | null = $derived.by(() => {
    const reference = this.#workspace.reference;
    if (!reference) return null;
    const effective = effectiveOverrides(
      this.rows.map((row) => row.override),
      this.#asOf,
    );
    const territoryIds = paintableIds(this.#workspace.mirror.territories);
    const key = JSON.stringify([effective, [...territoryIds].sort()]);
    const cached = this.#cached;
    if (cached?.reference === reference && cached.key === key)
      return cached.figures;

    const figures = applyOverrides(
      reference.metricIndex,
      this.accountById,
      effective,
      territoryIds,
    );
    this.#cached = { reference, key, figures };
    return figures;
  });

  /** Overrides that differ from a lock's override snapshot, such as one written offline before the lock. */
  readonly lockConflicts: OverrideLockConflict[] = $derived.by(() => {
    const planDoc = this.#workspace.planDoc;
    // Read to follow every document change, as `rows` does.
    void this.#workspace.mirror.territories;
    if (!planDoc) return [];
    return readOverrideLockConflicts(planDoc, (id) => this.homeUnitOf(id));
  });

  /** Describes a pinned account as the map and the list show it, with its home county and that county's territory. */
  describe(row: OverrideRow): string {
    const workspace = this.#workspace;
    const unitId = row.account?.unitId;
    const unit = unitId ? workspace.reference?.unitById.get(unitId) : undefined;
    const homeId = unit ? workspace.mirror.assignments.get(unit.id) : undefined;
    const home = workspace.mirror.territories.find((t) => t.id === homeId);
    return describePin(row, unit?.name ?? null, home?.name ?? null);
  }

  /** Returns the county an account sits in, or null when the dataset lacks the account. */
  homeUnitOf(accountId: string): string | null {
    return this.accountById.get(accountId)?.unitId ?? null;
  }

  /** The overrides in effect on the chosen date whose account and territory exist, for the map. */
  readonly pinnedRows: OverrideRow[] = $derived(
    this.rows.filter(
      (row) => row.status === "in-effect" && row.account && row.territory,
    ),
  );
}

function loadAsOf(planId: string): string | null {
  try {
    const stored = window.localStorage.getItem(AS_OF_KEY_PREFIX + planId);
    return stored !== null && isIsoDate(stored) ? stored : null;
  } catch {
    return null;
  }
}

function saveAsOf(planId: string, value: string): void {
  try {
    window.localStorage.setItem(AS_OF_KEY_PREFIX + planId, value);
  } catch {
    // Storage may be full or disabled; the date then lasts for this page only.
  }
}
