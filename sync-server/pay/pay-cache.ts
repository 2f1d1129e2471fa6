import type { Storage } from "../storage.ts";
import { readStorage } from "./room-updates.ts";

/**
 * Returns the version of everything a plan's settled statements are
 * computed from, as one string that changes whenever one of them changes:
 * - the room's latest update seq, which covers the plan document and so
 *   the accounts dataset hash and the time zone it names;
 * - the count of stored deals, as deals are only ever added;
 * - the latest ledger seq and the count of adjustments, both append-only;
 * - today's date, because overrides in effect today shape the quotas.
 * One query reads the counts, so it costs no document load.
 */
export function payInputsVersion(
  storage: Storage,
  planId: string,
  today: string,
): string {
  const counts = readStorage(
    storage,
    (db) =>
      db
        .prepare(
          `SELECT
             (SELECT COALESCE(MAX(seq), 0) FROM updates WHERE room = @planId) AS room,
             (SELECT COUNT(*) FROM deals WHERE plan_id = @planId) AS deals,
             (SELECT COALESCE(MAX(seq), 0) FROM pay_records WHERE plan_id = @planId) AS ledger,
             (SELECT COUNT(*) FROM pay_adjustments WHERE plan_id = @planId) AS adjustments`,
        )
        .get({ planId }) as Record<string, number>,
  );
  return [
    `room ${counts.room}`,
    `deals ${counts.deals}`,
    `ledger ${counts.ledger}`,
    `adjustments ${counts.adjustments}`,
    `today ${today}`,
  ].join(", ");
}

interface Entry<T> {
  version: string;
  value: Promise<T>;
}

/**
 * The latest computation of each plan of a storage, with the inputs
 * version it was computed at. A request at the same version shares it,
 * even while it is still computing, and a new version replaces it.
 */
export class PayCache<T> {
  private readonly byStorage = new WeakMap<Storage, Map<string, Entry<T>>>();

  /**
   * Returns the computation of `planId` at `version`, running `compute`
   * when the cache has none. A computation that fails is not kept, so the
   * next request tries again.
   */
  get(
    storage: Storage,
    planId: string,
    version: string,
    compute: () => Promise<T>,
  ): Promise<T> {
    let plans = this.byStorage.get(storage);
    if (plans === undefined) {
      plans = new Map();
      this.byStorage.set(storage, plans);
    }

    const cached = plans.get(planId);
    if (cached !== undefined && cached.version === version) {
      return cached.value;
    }
    const entry: Entry<T> = { version, value: compute() };
    plans.set(planId, entry);
    entry.value.catch(() => {
      if (plans.get(planId) === entry) plans.delete(planId);
    });
    return entry.value;
  }
}
