import type { UnitLocator } from "../geo/point-in-polygon.ts";
import {
  readAccountColumns,
  type AccountColumns,
} from "./accounts-import-header.ts";
import { checkAccountId, checkPotential } from "./accounts-import-fields.ts";
import { AccountIdRule } from "./accounts-import-ids.ts";
import { placeRow } from "./accounts-import-place.ts";
import { readCsvCell } from "./csv-cell.ts";
import { readCsvRecords, type CsvRecord } from "./csv-records.ts";

/** An account as an imported accounts dataset stores it. */
export interface ImportedAccount {
  id: string;
  name: string;
  unitId: string;
  segment: string;
  /** Yearly potential as an exact decimal string with two digits, such as "1234.50". */
  potential: string;
  lon?: number;
  lat?: number;
  externalId?: string;
}

/** The accounts dataset file, in the shape of public/data/accounts.json. */
export interface AccountsDataset {
  generated: boolean;
  description: string;
  accounts: ImportedAccount[];
}

/** A row that cannot be imported: its physical line in the file and why. */
export interface BadRow {
  line: number;
  reason: string;
}

export type AccountsImportResult =
  | { ok: true; dataset: AccountsDataset }
  | {
      ok: false;
      /** A problem with the whole file, such as a missing column, or null. */
      fileProblem: string | null;
      /** Every problem of every row, in line order; a row may have several. */
      badRows: BadRow[];
    };

export interface AccountsImportOptions {
  /** County ids (5-digit FIPS) that accounts may sit in. */
  unitIds: ReadonlySet<string>;
  /** County shapes that place rows with only latitude and longitude; null when there are none. */
  locator: UnitLocator | null;
  /** Text for the dataset's `description`. */
  description: string;
  /** Called with rows checked and rows in total, every `progressEvery` rows and at the end. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

/** Rows between two progress calls, unless the caller sets another number. */
export const DEFAULT_PROGRESS_EVERY = 2000;

/**
 * Reads an accounts CSV and checks every row. Returns either every account
 * or every problem, never a part of the file: one bad row means nothing is
 * imported. docs/DATA.md lists the columns and rules.
 */
export function importAccountsCsv(
  text: string,
  options: AccountsImportOptions,
): AccountsImportResult {
  const { records, problems } = readCsvRecords(text);
  const header = records[0];
  if (header === undefined) {
    return fileFailure(
      problems.length > 0
        ? `The header row cannot be read: ${problems[0].reason}.`
        : "The file is empty. The first line must name the columns: name, county_fips, latitude, longitude, segment, potential.",
    );
  }
  const found = readAccountColumns(header.fields);
  if (!found.ok) return fileFailure(found.problem);
  const rows = records.slice(1);
  if (rows.length === 0 && problems.length === 0) {
    return fileFailure(
      "The file has a header row but no accounts. Add one row per account below the header.",
    );
  }

  const badRows: BadRow[] = problems.map(({ line, reason }) => ({
    line,
    reason: `${reason}.`,
  }));
  const accounts = readRows(rows, found.columns, options, badRows);
  if (badRows.length > 0) {
    badRows.sort((a, b) => a.line - b.line);
    return { ok: false, fileProblem: null, badRows };
  }

  const totalProblem = checkTotalPotential(accounts);
  if (totalProblem !== null) return fileFailure(totalProblem);
  return {
    ok: true,
    dataset: { generated: false, description: options.description, accounts },
  };
}

function readRows(
  rows: readonly CsvRecord[],
  columns: AccountColumns,
  options: AccountsImportOptions,
  badRows: BadRow[],
): ImportedAccount[] {
  const every = Math.max(1, options.progressEvery ?? DEFAULT_PROGRESS_EVERY);
  const ids = new AccountIdRule();
  const seen: SeenIds = { external: new Map(), account: new Map() };
  const accounts: ImportedAccount[] = [];

  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index];
    const checked = checkRow(row, columns, options, seen);
    if (!checked.ok) {
      for (const reason of checked.reasons) {
        badRows.push({ line: row.line, reason });
      }
    } else if (badRows.length === 0) {
      accounts.push(toAccount(checked, ids));
    }
    if ((index + 1) % every === 0) {
      options.onProgress?.(index + 1, rows.length);
    }
  }
  options.onProgress?.(rows.length, rows.length);
  return accounts;
}

/** A row's values once every check passed. */
interface CheckedRow {
  ok: true;
  name: string;
  segment: string;
  potential: string;
  externalId: string;
  /** The account_id field, or "" when the file has no such column. */
  accountId: string;
  unitId: string;
  point: { lon: number; lat: number } | null;
}

/** Line of the first row with each external_id and each account_id. */
interface SeenIds {
  external: Map<string, number>;
  account: Map<string, number>;
}

// Returns the row's values, or every reason it cannot be imported, each a sentence.
function checkRow(
  row: CsvRecord,
  columns: AccountColumns,
  options: AccountsImportOptions,
  seen: SeenIds,
): CheckedRow | { ok: false; reasons: string[] } {
  if (row.fields.length !== columns.width) {
    return {
      ok: false,
      reasons: [
        `The row has ${row.fields.length} fields, but the header has ${columns.width}. Quote fields that contain commas or line breaks.`,
      ],
    };
  }
  const reasons: string[] = [];
  const field = (index: number | null) =>
    index === null ? "" : readCsvCell(row.fields[index].trim());

  const name = field(columns.name);
  if (name === "") reasons.push("name is empty. Give every account a name.");
  const segment = field(columns.segment);
  if (segment === "") {
    reasons.push(
      "segment is empty. Give every account a segment, such as county or city.",
    );
  }
  const potential = checkPotential(field(columns.potential));
  if (!potential.ok) reasons.push(`${potential.reason}.`);

  const place = placeRow(field, columns, options.unitIds, options.locator);
  if (!place.ok) reasons.push(...place.reasons);

  const externalId = field(columns.externalId);
  if (externalId !== "") {
    const first = seen.external.get(externalId);
    if (first === undefined) seen.external.set(externalId, row.line);
    else {
      reasons.push(
        `external_id ${JSON.stringify(externalId)} is also on line ${first}. Give each account its own external_id, or leave it empty.`,
      );
    }
  }

  const accountId = checkRowAccountId(field, columns, row.line, seen);
  if (!accountId.ok) reasons.push(accountId.reason);

  if (reasons.length > 0 || !place.ok || !potential.ok || !accountId.ok) {
    return { ok: false, reasons };
  }
  return {
    ok: true,
    name,
    segment,
    potential: potential.value,
    externalId,
    accountId: accountId.value,
    unitId: place.unitId,
    point: place.point,
  };
}

// Checks the account_id field, when the file has the column, and that no
// earlier row has the same id.
function checkRowAccountId(
  field: (index: number | null) => string,
  columns: AccountColumns,
  line: number,
  seen: SeenIds,
): { ok: true; value: string } | { ok: false; reason: string } {
  if (columns.accountId === null) return { ok: true, value: "" };

  const checked = checkAccountId(field(columns.accountId));
  if (!checked.ok) return { ok: false, reason: `${checked.reason}.` };
  const first = seen.account.get(checked.value);
  if (first !== undefined) {
    return {
      ok: false,
      reason: `account_id ${JSON.stringify(checked.value)} is also on line ${first}. Give each account its own account_id.`,
    };
  }
  seen.account.set(checked.value, line);
  return checked;
}

// An account_id wins over the external_id and content rules, so that
// Meridian's own export imports back with the same ids.
function toAccount(row: CheckedRow, ids: AccountIdRule): ImportedAccount {
  const { externalId } = row;
  const account: ImportedAccount = {
    id:
      row.accountId !== ""
        ? row.accountId
        : ids.idFor(externalId, row.name, row.unitId),
    name: row.name,
    unitId: row.unitId,
    segment: row.segment,
    potential: row.potential,
  };
  if (row.point !== null) {
    account.lon = row.point.lon;
    account.lat = row.point.lat;
  }
  if (externalId !== "") account.externalId = externalId;
  return account;
}

// Figures sum potential in integer cents, which must stay exact.
function checkTotalPotential(
  accounts: readonly ImportedAccount[],
): string | null {
  let total = 0;
  for (const account of accounts) {
    total += Number(account.potential.replace(".", ""));
    if (!Number.isSafeInteger(total)) {
      return `The potentials add up to more than ${Number.MAX_SAFE_INTEGER} cents, which Meridian cannot sum exactly. Check for amounts in the wrong unit, such as cents instead of dollars.`;
    }
  }
  return null;
}

function fileFailure(problem: string): AccountsImportResult {
  return { ok: false, fileProblem: problem, badRows: [] };
}
