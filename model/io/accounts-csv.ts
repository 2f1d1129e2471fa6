import { csvField } from "./csv.ts";

/** An account's fields that the accounts CSV contains, as accounts.json stores them. */
export interface CsvAccount {
  id: string;
  name: string;
  unitId: string;
  segment: string;
  /** Yearly revenue potential in USD, as a decimal string. */
  potential: string;
}

/** The territory an account's unit belongs to, as the accounts CSV names it. */
export interface UnitTerritory {
  territory: string;
  /** Display name of the territory's owner, or "" when it has none. */
  owner: string;
}

export const ACCOUNTS_HEADER =
  "account_id,name,unit_id,segment,potential,territory,owner";

/**
 * Formats accounts as CSV with the header
 * `account_id,name,unit_id,segment,potential,territory,owner`, one row per
 * account in the given order. `territoryByUnit` maps a unit id to the
 * territory and owner written for its accounts; both fields are empty for a
 * unit it does not contain. The potential is copied as given, so no float
 * rounding changes it.
 */
export function accountsCsv(
  accounts: readonly CsvAccount[],
  territoryByUnit: ReadonlyMap<string, UnitTerritory>,
): string {
  const lines = [ACCOUNTS_HEADER];
  for (const account of accounts) {
    const territory = territoryByUnit.get(account.unitId);
    const fields = [
      account.id,
      account.name,
      account.unitId,
      account.segment,
      account.potential,
      territory?.territory ?? "",
      territory?.owner ?? "",
    ];
    lines.push(fields.map(csvField).join(","));
  }
  return `${lines.join("\n")}\n`;
}
