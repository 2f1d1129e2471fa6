import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CoverageIndex } from "../../model/coverage.ts";
import type { Territory } from "../../model/doc/schema.ts";
import type { MetricIndex } from "../../model/metrics.ts";
import { parseMoney, toCents } from "../../model/money.ts";
import {
  applyOverrides,
  effectiveOverrides,
  isIsoDate,
  type Override,
  type OverrideFigures,
} from "../../model/overrides.ts";
import { workloadByUnit } from "../../model/workload.ts";
import { CliError } from "../errors.ts";

/** Reads a JSON dataset of the public data folder, naming the file and the fix when it fails. */
export function readPublicJson(publicDataDir: string, file: string): unknown {
  const full = path.join(path.resolve(publicDataDir), file);
  try {
    return JSON.parse(fs.readFileSync(full, "utf8"));
  } catch (error) {
    throw new CliError(
      `Cannot read ${full}: ${(error as Error).message}. Check --public-data-dir, or rebuild the data with "npm run data".`,
    );
  }
}

/** The units and accounts of the public data folder, indexed for coverage figures. */
export interface CoverageData {
  unitIds: Set<string>;
  index: CoverageIndex;
  /** The coverage index with each unit's workload, as the app's figures use it. */
  metricIndex: MetricIndex;
  /** The accounts the index sums, in the dataset's order. */
  accounts: readonly DatasetAccount[];
}

/** An account as the command line reads it from an accounts dataset. */
export interface DatasetAccount {
  id: string;
  name: string;
  unitId: string;
  segment: string;
  potential: string;
  /** Longitude and latitude in degrees, when the dataset has the account's point. */
  lon?: number;
  lat?: number;
}

/**
 * Returns the text of an uploaded dataset by its sha256, or null when the
 * place the plan came from has none under that hash.
 */
export type UploadedDatasetReader = (sha256: string) => Promise<string | null>;

/** Reads uploaded datasets from a server's data folder, where they sit as `datasets/<sha256>.json`. */
export function uploadedDatasetsIn(dataDir: string): UploadedDatasetReader {
  return async (sha256) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
    const file = path.join(dataDir, "datasets", `${sha256}.json`);
    return fs.existsSync(file) ? fs.promises.readFile(file, "utf8") : null;
  };
}

/**
 * Reads the accounts dataset a plan names by hash: the public folder's
 * accounts.json when the hashes match (or the plan names none), else the
 * dataset uploaded by an accounts import in the app.
 */
export async function readPlanAccounts(
  accountsSha256: string | undefined,
  publicDataDir: string,
  readUploaded: UploadedDatasetReader,
): Promise<DatasetAccount[]> {
  const publicFile = path.join(path.resolve(publicDataDir), "accounts.json");
  const publicBytes = readBytes(publicFile);
  const publicSha = createHash("sha256").update(publicBytes).digest("hex");
  if (accountsSha256 === undefined || accountsSha256 === publicSha) {
    return accountsOf(publicBytes.toString("utf8"), publicFile);
  }

  const uploaded = await readUploaded(accountsSha256);
  if (uploaded === null) {
    throw new CliError(
      `The plan names the accounts dataset ${accountsSha256}, which is neither ${publicFile} nor an uploaded dataset of this server. Point --public-data-dir or --data-dir at the data the server uses.`,
    );
  }
  return accountsOf(uploaded, `the uploaded dataset ${accountsSha256}`);
}

function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new CliError(
      `Cannot read ${file}: ${(error as Error).message}. Check --public-data-dir, or rebuild the data with "npm run data".`,
    );
  }
}

function accountsOf(text: string, source: string): DatasetAccount[] {
  let accounts: unknown;
  try {
    accounts = (JSON.parse(text) as { accounts?: unknown })?.accounts;
  } catch (error) {
    throw new CliError(
      `Cannot parse ${source}: ${(error as Error).message}. Rebuild the data with "npm run data".`,
    );
  }
  if (!Array.isArray(accounts)) {
    throw new CliError(
      `Invalid ${source}: it has no "accounts" list. Rebuild the data with "npm run data".`,
    );
  }
  return accounts as DatasetAccount[];
}

/**
 * Reads units.json and builds the coverage index the app builds from it and
 * `accounts`, or from the public folder's accounts.json when omitted.
 */
export function readCoverageData(
  publicDataDir: string,
  planAccounts?: readonly DatasetAccount[],
): CoverageData {
  const unitsFile = readPublicJson(publicDataDir, "units.json") as {
    units?: { id: string; population: number }[];
  };
  const units = unitsFile?.units;
  const accounts =
    planAccounts ??
    (
      readPublicJson(publicDataDir, "accounts.json") as {
        accounts?: DatasetAccount[];
      }
    )?.accounts;
  if (!Array.isArray(units) || !Array.isArray(accounts)) {
    throw new CliError(
      `units.json needs a "units" list and accounts.json an "accounts" list in ${path.resolve(publicDataDir)}. Rebuild the data with "npm run data".`,
    );
  }
  const index = new CoverageIndex(
    units,
    accounts.map((a) => ({
      unitId: a.unitId,
      potentialCents: toCents(parseMoney(a.potential, "potential")),
    })),
  );
  return {
    unitIds: new Set(units.map((unit) => unit.id)),
    index,
    metricIndex: {
      coverage: index,
      workloadTenths: workloadByUnit(index.indexOf, accounts),
    },
    accounts,
  };
}

/**
 * Takes the accounts pinned by overrides in effect on `asOf` out of their
 * counties, as the app does for the "as of" date of its Accounts tab.
 * Overrides of accounts missing from the dataset, or into a territory that
 * is missing or a region, are left out and listed in `ignored`.
 */
export function pinAccounts(
  data: CoverageData,
  overrides: readonly Override[],
  territories: readonly Territory[],
  asOf: string,
): OverrideFigures {
  const territoryIds = new Set(
    territories.filter((t) => t.kind === "territory").map((t) => t.id),
  );
  return applyOverrides(
    data.metricIndex,
    new Map(data.accounts.map((account) => [account.id, account])),
    effectiveOverrides(overrides, asOf),
    territoryIds,
  );
}

/** Returns today's date in UTC as `YYYY-MM-DD`, the default of `--as-of`. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Checks an `--as-of` value and returns it, or today's date in UTC when
 * omitted. Raises a usage error naming `command` on an invalid date.
 */
export function readAsOf(value: string | undefined, command: string): string {
  if (value === undefined) return todayUtc();
  if (!isIsoDate(value)) {
    throw new CliError(
      `--as-of "${value}" is not a date written as YYYY-MM-DD, such as 2027-01-01. Run "meridian ${command} --help" for the options.`,
      2,
    );
  }
  return value;
}
