import type { ImpactAccount } from "../../model/segmentation/impact.ts";
import type { SegmentationAccount } from "../../model/segmentation/types.ts";
import { parseMoney, toCents } from "../../model/money.ts";
import type { Override } from "../../model/overrides.ts";
import type { AccountRecord, UnitRecord } from "../plan/reference-data.ts";

/**
 * Builds the segmentation input from the loaded accounts. An imported
 * account without a point takes its county's centre, and one without a
 * population counts 0 residents, so that every account can be segmented.
 */
export function segmentationAccounts(
  accounts: readonly AccountRecord[],
  unitById: ReadonlyMap<string, UnitRecord>,
): SegmentationAccount[] {
  return accounts.map((account) => {
    const unit = unitById.get(account.unitId);
    return {
      id: account.id,
      potentialCents: toCents(
        parseMoney(account.potential, `potential of account "${account.id}"`),
      ),
      population: account.population ?? 0,
      lon: account.lon ?? unit?.lon ?? Number.NaN,
      lat: account.lat ?? unit?.lat ?? Number.NaN,
    };
  });
}

/**
 * Returns each account's territory as the map counts it: the territory of
 * an override in effect, else the territory its county is painted into,
 * else null.
 */
export function impactAccounts(
  accounts: readonly SegmentationAccount[],
  records: readonly AccountRecord[],
  assignments: ReadonlyMap<string, string>,
  applied: readonly Override[],
): ImpactAccount[] {
  const pinned = new Map(applied.map((o) => [o.accountId, o.territoryId]));
  return accounts.map((account, i) => ({
    id: account.id,
    potentialCents: account.potentialCents,
    territoryId:
      pinned.get(account.id) ?? assignments.get(records[i].unitId) ?? null,
  }));
}
