import fs from "node:fs";
import path from "node:path";
import { PLAN_ID_PATTERN } from "../../model/doc/schema.ts";
import { BackupError } from "../../sync-server/backup/errors.ts";
import type { DataFolders } from "../../sync-server/backup/backup-store.ts";
import { readPlanBackup } from "../../sync-server/backup/export.ts";
import { encodeBackup } from "../../sync-server/backup/format.ts";
import { importBackup } from "../../sync-server/backup/import.ts";
import { inviteLinks } from "../../sync-server/links.ts";
import { StorageError } from "../../sync-server/storage.ts";
import { parseOptions } from "../command.ts";
import { CliError } from "../errors.ts";
import {
  openStorage,
  readBaseUrl,
  readDays,
  readSecret,
} from "../server-options.ts";

/** Help of `plan backup` and `plan import`, for the plan command's help. */
export const PLAN_BACKUP_HELP = `plan backup writes one plan, its review comments, versions, history and
uploaded datasets to a backup file (see docs/BACKUP.md). It reads the
database only, so it may run beside the server. Pay data is left out.

plan import checks a backup file completely, then stores the plan in one
transaction under the backup's plan id, or under --id. It prints the plan id
and one invite link per role, as plan create does. The people of the backup
keep their names in the plan's history but get no access: share the links.`;

/** Options of `plan backup` and `plan import`, for the plan command's help. */
export const PLAN_BACKUP_OPTIONS = `  --plan ID               plan to back up (backup, required)
  --out FILE              backup file to write (backup, required)
  --file FILE             backup file to import (import, required)`;

/** `meridian plan backup --plan ID --out FILE`. */
export function backupPlanCommand(argv: string[]): void {
  const { values, positionals } = parseOptions("plan", argv, {
    plan: { type: "string" },
    out: { type: "string" },
    "data-dir": { type: "string", default: "./data" },
    "public-data-dir": { type: "string", default: "./public/data" },
  });
  rejectPositionals(positionals);
  if (values.plan === undefined) throw usage("Missing --plan.");
  if (values.out === undefined) throw usage("Missing --out.");
  const dataDir = path.resolve(values["data-dir"]);
  const out = path.resolve(values.out);

  // The read-only open reports a missing or too old database plainly.
  const storage = openStorage(dataDir, true);
  const folders = dataFolders(storage.file, values["public-data-dir"]);
  storage.close();

  const content = withCliErrors(() => readPlanBackup(folders, values.plan!));
  const bytes = encodeBackup(content);
  writeAtomically(out, bytes);
  console.log(
    `backup: ${out} (${bytes.length} bytes; plan "${content.plan.name}", ${content.planRoom.updates.length} plan updates, ${content.reviewRoom.updates.length} review updates, ${content.versions.length} versions)`,
  );
}

/** `meridian plan import --file FILE [--id ID]`. */
export async function importPlanCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseOptions("plan", argv, {
    file: { type: "string" },
    id: { type: "string" },
    days: { type: "string", default: "30" },
    "data-dir": { type: "string", default: "./data" },
    "public-data-dir": { type: "string", default: "./public/data" },
    "base-url": { type: "string", default: "http://localhost:8080" },
  });
  rejectPositionals(positionals);
  if (values.file === undefined) throw usage("Missing --file.");
  if (values.id !== undefined && !PLAN_ID_PATTERN.test(values.id)) {
    throw usage(
      `--id "${values.id}" is invalid: use 1 to 64 letters, digits, "_" or "-".`,
    );
  }
  const days = readDays("plan", values.days);
  const baseUrl = readBaseUrl("plan", values["base-url"]);
  const dataDir = path.resolve(values["data-dir"]);
  const bytes = readBackupFile(path.resolve(values.file));
  const secret = readSecret(dataDir);

  // A writable open creates the database or brings it to the current layout.
  const storage = openStorage(dataDir, false);
  try {
    const folders = dataFolders(storage.file, values["public-data-dir"]);
    const result = await withCliErrorsAsync(() =>
      importBackup(bytes, folders, { planId: values.id, importer: null }),
    );
    const links = await inviteLinks(
      storage,
      secret,
      baseUrl,
      result.planId,
      days,
    );
    console.log(`plan: ${result.planId}`);
    for (const link of links) console.log(`${link.role}: ${link.url}`);
  } finally {
    storage.close();
  }
}

function dataFolders(databaseFile: string, publicDataDir: string): DataFolders {
  return {
    databaseFile,
    uploadsDir: path.join(path.dirname(databaseFile), "datasets"),
    publicDataDir: path.resolve(publicDataDir),
  };
}

function readBackupFile(file: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (error) {
    throw new CliError(
      `Reading the backup file ${file} failed: ${(error as Error).message}. Check the path given to --file.`,
    );
  }
}

// Written under a temporary name first, so that a failed write never leaves
// a partial backup under the requested name.
function writeAtomically(file: string, bytes: Uint8Array): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    fs.writeFileSync(partial, bytes);
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new CliError(
      `Writing the backup to ${file} failed: ${(error as Error).message}. Check that the folder exists and is writable.`,
    );
  }
}

function withCliErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw toCliError(error);
  }
}

async function withCliErrorsAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toCliError(error);
  }
}

function toCliError(error: unknown): unknown {
  if (error instanceof BackupError) {
    const hint = error.code === "PLAN_EXISTS" ? " Pass --id NEW_ID." : "";
    return new CliError(`${error.message}${hint} (${error.code})`);
  }
  if (error instanceof StorageError) return new CliError(error.message);
  return error;
}

function usage(message: string): CliError {
  return new CliError(
    `${message} Run "meridian plan --help" for the options.`,
    2,
  );
}

function rejectPositionals(positionals: string[]): void {
  if (positionals.length > 0) {
    throw usage(`Unexpected argument "${positionals[0]}".`);
  }
}
