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

/**
 * Formats accounts as CSV with the header
 * `account_id,name,unit_id,segment,potential,territory`, one row per account
 * in the given order. `territoryByUnit` maps a unit id to the territory name
 * written for its accounts, and the territory field is empty for a unit it
 * does not contain. The potential is copied as given, so no float rounding
 * changes it.
 */
export function accountsCsv(
  accounts: readonly CsvAccount[],
  territoryByUnit: ReadonlyMap<string, string>,
): string {
  const lines = ["account_id,name,unit_id,segment,potential,territory"];
  for (const account of accounts) {
    const fields = [
      account.id,
      account.name,
      account.unitId,
      account.segment,
      account.potential,
      territoryByUnit.get(account.unitId) ?? "",
    ];
    lines.push(fields.map(csvField).join(","));
  }
  return `${lines.join("\n")}\n`;
}
