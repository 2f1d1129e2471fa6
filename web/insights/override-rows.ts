import type { Territory } from "../../model/doc/schema.ts";
import {
  overrideStatus,
  type Override,
  type OverrideStatus,
} from "../../model/overrides.ts";
import type { AccountRecord } from "../plan/reference-data.ts";

/**
 * An override's status in the Accounts tab: its date status, or
 * `account-missing` when the account dataset lacks the account, because such
 * an override changes no figures whatever its dates.
 */
export type OverrideRowStatus = OverrideStatus | "account-missing";

/** One override as the Accounts tab and the map show it. */
export interface OverrideRow {
  override: Override;
  /** The account, or null when the dataset no longer has it. */
  account: AccountRecord | null;
  /** The override territory, or null when it was deleted. */
  territory: Territory | null;
  status: OverrideRowStatus;
}

/** Indexes accounts by id. */
export function indexAccounts(
  accounts: readonly AccountRecord[],
): Map<string, AccountRecord> {
  return new Map(accounts.map((account) => [account.id, account]));
}

/** Joins overrides with their accounts and territories, in account name order. */
export function buildOverrideRows(
  overrides: readonly Override[],
  accountById: ReadonlyMap<string, AccountRecord>,
  territories: readonly Territory[],
  asOf: string,
): OverrideRow[] {
  const territoryById = new Map(territories.map((t) => [t.id, t]));
  const rows = overrides.map((override): OverrideRow => {
    const account = accountById.get(override.accountId) ?? null;
    return {
      override,
      account,
      territory: territoryById.get(override.territoryId) ?? null,
      status: account ? overrideStatus(override, asOf) : "account-missing",
    };
  });
  const nameOf = (row: OverrideRow) =>
    row.account?.name ?? row.override.accountId;
  return rows.sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
}

/** Ids of the territories that own units, which overrides may pin accounts to. */
export function paintableIds(territories: readonly Territory[]): Set<string> {
  return new Set(
    territories.filter((t) => t.kind === "territory").map((t) => t.id),
  );
}

/** Returns today's date in this browser's time zone as `YYYY-MM-DD`. */
export function todayIso(now = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, "0");
  const day = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Returns an override's dates as text, such as "from 2027-01-01 to 2027-12-31"; empty for an open override. */
export function datesText(override: Override): string {
  const { effectiveFrom: from, effectiveTo: to } = override;
  if (from && to) return `from ${from} to ${to}`;
  if (from) return `from ${from}`;
  if (to) return `until ${to}`;
  return "";
}

/**
 * Describes a pinned account for the map and the list, such as
 * "Pinned to West from 2027-01-01 (home county: Travis, Central)".
 * `homeTerritoryName` is null when the county is unassigned.
 */
export function describePin(
  row: OverrideRow,
  homeCountyName: string | null,
  homeTerritoryName: string | null,
): string {
  const target = row.territory?.name ?? "a deleted territory";
  const dates = datesText(row.override);
  const pinned = `Pinned to ${target}${dates ? ` ${dates}` : ""}`;
  if (homeCountyName === null) return pinned;
  return `${pinned} (home county: ${homeCountyName}, ${homeTerritoryName ?? "unassigned"})`;
}

/** Labels of the statuses, as the list shows them. */
export const STATUS_LABELS: Record<OverrideRowStatus, string> = {
  "in-effect": "in effect",
  "not-yet": "not yet",
  ended: "ended",
  "account-missing": "account missing",
};
