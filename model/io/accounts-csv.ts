import { csvCell } from "./csv-cell.ts";

/** An account's fields that the accounts CSV contains, as accounts.json stores them. */
export interface CsvAccount {
  id: string;
  name: string;
  unitId: string;
  segment: string;
  /** Yearly revenue potential in USD, as a decimal string. */
  potential: string;
  /** Longitude in degrees (WGS 84), when the dataset has the account's point. */
  lon?: number;
  /** Latitude in degrees (WGS 84), when the dataset has the account's point. */
  lat?: number;
}

/** The territory an account belongs to, as the accounts CSV names it. */
export interface UnitTerritory {
  territory: string;
  /** Display name of the territory's owner, or "" when it has none. */
  owner: string;
}

export const ACCOUNTS_HEADER =
  "account_id,name,unit_id,segment,potential,territory,owner,longitude,latitude";

/**
 * Formats accounts as CSV with the header {@link ACCOUNTS_HEADER}, one row
 * per account in the given order. An account in `territoryByAccount` (one
 * pinned by an override) is written with that territory and owner, any
 * other with the entry of its unit in `territoryByUnit`. Both fields are
 * empty when neither map contains the account. The potential is copied as
 * given, so no float rounding changes it. Longitude and latitude are
 * written as JavaScript prints the numbers, or empty when the account has
 * no point.
 */
export function accountsCsv(
  accounts: readonly CsvAccount[],
  territoryByUnit: ReadonlyMap<string, UnitTerritory>,
  territoryByAccount: ReadonlyMap<string, UnitTerritory> = new Map(),
): string {
  const lines = [ACCOUNTS_HEADER];
  for (const account of accounts) {
    const territory =
      territoryByAccount.get(account.id) ?? territoryByUnit.get(account.unitId);
    const fields = [
      account.id,
      account.name,
      account.unitId,
      account.segment,
      account.potential,
      territory?.territory ?? "",
      territory?.owner ?? "",
      coordinate(account.lon),
      coordinate(account.lat),
    ];
    lines.push(fields.map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}

function coordinate(value: number | undefined): string {
  return typeof value === "number" && Number.isFinite(value)
    ? String(value)
    : "";
}
