import type { AccountsDataset } from "./accounts-import.ts";

/** Most problems a dataset check lists before it stops looking. */
export const MAX_DATASET_PROBLEMS = 20;

const POTENTIAL_PATTERN = /^\d+(\.\d{1,2})?$/;

export type DatasetCheck =
  { ok: true; dataset: AccountsDataset } | { ok: false; problems: string[] };

/**
 * Checks that parsed JSON is an accounts dataset as the CSV import writes
 * it: `{ generated, description, accounts }`. Every account needs a unique
 * non-empty id, a name, a county among `unitIds` and a segment. Its
 * potential must be a non-negative decimal string with at most two digits
 * after the point, and its longitude and latitude, when present, in range.
 * The server runs it on every upload, because a client can send anything.
 */
export function checkAccountsDataset(
  json: unknown,
  unitIds: ReadonlySet<string>,
): DatasetCheck {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return fail(
      'The dataset must be a JSON object with "generated", "description" and "accounts".',
    );
  }
  const file = json as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof file.generated !== "boolean") {
    problems.push('"generated" must be true or false.');
  }
  if (typeof file.description !== "string") {
    problems.push('"description" must be a string.');
  }
  if (!Array.isArray(file.accounts)) {
    problems.push('"accounts" must be an array of accounts.');
    return { ok: false, problems };
  }
  if (file.accounts.length === 0) {
    problems.push('"accounts" is empty. A dataset needs at least one account.');
  }

  const ids = new Set<string>();
  for (let index = 0; index < file.accounts.length; index += 1) {
    if (problems.length >= MAX_DATASET_PROBLEMS) break;
    const problem = checkAccount(file.accounts[index], unitIds, ids);
    if (problem !== null) problems.push(`accounts[${index}]: ${problem}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, dataset: json as AccountsDataset };
}

function checkAccount(
  value: unknown,
  unitIds: ReadonlySet<string>,
  ids: Set<string>,
): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return "is not an object.";
  }
  const account = value as Record<string, unknown>;
  const { id, name, unitId, segment, potential, lon, lat, externalId } =
    account;

  if (typeof id !== "string" || id === "")
    return '"id" must be a non-empty string.';
  if (ids.has(id)) return `id ${JSON.stringify(id)} is used twice.`;
  ids.add(id);
  if (typeof name !== "string" || name.trim() === "") {
    return `account ${JSON.stringify(id)} has no name.`;
  }
  if (typeof unitId !== "string" || !unitIds.has(unitId)) {
    return `account ${JSON.stringify(id)} has unitId ${JSON.stringify(unitId)}, which is not a known county.`;
  }
  if (typeof segment !== "string" || segment.trim() === "") {
    return `account ${JSON.stringify(id)} has no segment.`;
  }
  if (typeof potential !== "string" || !POTENTIAL_PATTERN.test(potential)) {
    return `account ${JSON.stringify(id)} has potential ${JSON.stringify(potential)}; expected a decimal string such as "1234.50".`;
  }
  if (lon !== undefined && !inRange(lon, 180)) {
    return `account ${JSON.stringify(id)} has lon ${JSON.stringify(lon)}; expected a number from -180 to 180.`;
  }
  if (lat !== undefined && !inRange(lat, 90)) {
    return `account ${JSON.stringify(id)} has lat ${JSON.stringify(lat)}; expected a number from -90 to 90.`;
  }
  if (externalId !== undefined && typeof externalId !== "string") {
    return `account ${JSON.stringify(id)} has a non-string externalId.`;
  }
  return null;
}

function inRange(value: unknown, limit: number): boolean {
  return (
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= -limit &&
    value <= limit
  );
}

function fail(problem: string): DatasetCheck {
  return { ok: false, problems: [problem] };
}
