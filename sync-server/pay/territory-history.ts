// Effective-dated territory history of a plan's units, rebuilt from the
// room's stored updates, so that crediting can use the territory an
// account had on a deal's close date rather than today's map.
import * as Y from "yjs";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import type { TerritoryLookup } from "../../model/incentives/crediting/types.ts";
import { calendarDateIn } from "../../model/incentives/deals/time-zone.ts";
import type { Storage } from "../storage.ts";
import { readTimedUpdates, type TimedUpdate } from "./room-updates.ts";

/**
 * One stretch of a unit's history: the unit is in `territoryId` (null for
 * no territory) from `from` until the next segment starts. A null `from`
 * is the open start.
 */
export interface TerritorySegment {
  from: string | null;
  territoryId: string | null;
}

/**
 * Replays a room's updates in seq order and records each change of a
 * unit's territory on the calendar date of the update in `timeZone`:
 * - A change stored on date D applies from D, so the previous territory
 *   ends on the day before.
 * - Of several changes on one date, the last one applies to that date.
 * - A unit's first territory also applies to every earlier date, because
 *   the plan has no record of the unit before it was painted.
 * - The last segment is open-ended, so today's map applies after the last
 *   change and to future dates.
 * It keeps its document, so a later call applies only the new updates.
 */
export class TerritoryHistory {
  readonly timeZone: string;
  private readonly plan: PlanDoc;
  private readonly segments = new Map<string, TerritorySegment[]>();
  private readonly changedUnits = new Set<string>();
  private appliedSeq = 0;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.plan = new PlanDoc(new Y.Doc());
    this.plan.assignments.on("change", (changes: Map<string, unknown>) => {
      for (const unitId of changes.keys()) this.changedUnits.add(unitId);
    });
  }

  /** Seq of the last update applied, 0 before the first. */
  get seq(): number {
    return this.appliedSeq;
  }

  /** Applies updates in the order given, skipping those already applied. */
  apply(updates: readonly TimedUpdate[]): void {
    for (const update of updates) {
      if (update.seq <= this.appliedSeq) continue;
      this.changedUnits.clear();
      Y.applyUpdate(this.plan.doc, update.data);
      const date = calendarDateIn(update.createdAt, this.timeZone);
      for (const unitId of this.changedUnits) {
        this.record(unitId, this.plan.territoryOf(unitId), date);
      }
      this.appliedSeq = update.seq;
    }
  }

  /** Returns the segments of a unit, oldest first, or none for a unit never painted. */
  segmentsOf(unitId: string): readonly TerritorySegment[] {
    return this.segments.get(unitId) ?? [];
  }

  /**
   * Returns the territory of an account on a date, from the history of its
   * unit, as a lookup for crediting. It reads the segments as they are when
   * called, so build a new lookup after `apply`.
   */
  lookup(accounts: readonly { id: string; unitId: string }[]): TerritoryLookup {
    const unitOf = new Map(
      accounts.map((account) => [account.id, account.unitId]),
    );
    // Copies, because `apply` changes the lists of a later computation.
    const segmentsByUnit = new Map(
      [...this.segments].map(([unitId, segments]) => [unitId, [...segments]]),
    );
    return (accountId, date) => {
      const unitId = unitOf.get(accountId);
      const segments =
        unitId === undefined ? undefined : segmentsByUnit.get(unitId);
      if (segments === undefined) return null;
      let territoryId: string | null = null;
      for (const segment of segments) {
        if (segment.from !== null && segment.from > date) break;
        territoryId = segment.territoryId;
      }
      return territoryId;
    };
  }

  /** Frees the replayed document. */
  destroy(): void {
    this.plan.doc.destroy();
  }

  private record(unitId: string, territoryId: string | null, date: string) {
    const segments = this.segments.get(unitId);
    if (segments === undefined) {
      if (territoryId !== null) {
        this.segments.set(unitId, [{ from: null, territoryId }]);
      }
      return;
    }

    const last = segments[segments.length - 1];
    if (last.territoryId === territoryId) return;
    // A later change on the same date (or a server clock that went back)
    // replaces the territory of that date instead of adding an empty period.
    if (last.from !== null && date <= last.from) {
      segments[segments.length - 1] = { from: last.from, territoryId };
      const previous = segments[segments.length - 2];
      if (previous?.territoryId === territoryId) segments.pop();
      return;
    }
    segments.push({ from: date, territoryId });
  }
}

// One replay per storage and plan, so a request after a stroke applies only
// that stroke. NOTE: each replay keeps a copy of the plan's document in
// memory until the server stops.
const replays = new WeakMap<Storage, Map<string, TerritoryHistory>>();

/**
 * Returns the territory history of a plan's room up to its latest stored
 * update, replaying only the updates stored since the last call. A change
 * of time zone replays the whole room again.
 */
export function territoryHistory(
  storage: Storage,
  planId: string,
  timeZone: string,
): TerritoryHistory {
  let byPlan = replays.get(storage);
  if (byPlan === undefined) {
    byPlan = new Map();
    replays.set(storage, byPlan);
  }

  let history = byPlan.get(planId);
  if (history === undefined || history.timeZone !== timeZone) {
    history?.destroy();
    history = new TerritoryHistory(timeZone);
    byPlan.set(planId, history);
  }
  history.apply(readTimedUpdates(storage, planId, history.seq));
  return history;
}
