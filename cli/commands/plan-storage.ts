import { uploadedDatasetsIn } from "./public-data.ts";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import { DATABASE_FILE, StorageError } from "../../sync-server/storage.ts";
import { CliError } from "../errors.ts";
import { openStorage } from "../server-options.ts";
import { IMPORT_ORIGIN, type PlanConnection } from "./plan-connection.ts";

/**
 * Opens a plan in the data folder's database for an edit while no server
 * runs. A running server keeps the rooms it has loaded in memory and
 * snapshots them, so an update written beside it could be left out of its
 * next snapshot. The edit is therefore rejected while any other process has
 * the database open for writing.
 */
export function openStoredPlan(
  dataDir: string,
  planId: string,
): PlanConnection {
  const file = path.join(dataDir, DATABASE_FILE);
  // A read-only open first, so that a missing database is reported as such.
  openStorage(dataDir, true).close();
  requireSoleUser(file);

  const storage = openStorage(dataDir, false);
  let plan;
  try {
    plan = loadPlanDoc(storage, planId);
  } catch (error) {
    storage.close();
    if (error instanceof StorageError) throw new CliError(error.message);
    throw error;
  }

  return {
    plan,
    description: file,
    async write(change) {
      const updates: Uint8Array[] = [];
      const collect = (update: Uint8Array) => updates.push(update);
      plan.doc.on("update", collect);
      try {
        plan.doc.transact(() => change(plan), IMPORT_ORIGIN);
      } finally {
        plan.doc.off("update", collect);
      }
      if (updates.length === 0) return;
      try {
        storage.appendUpdate(planId, Y.mergeUpdates(updates), null);
      } catch (error) {
        throw new CliError(
          `Storing the import in ${file} failed: ${(error as Error).message}. Nothing was changed; run the import again.`,
        );
      }
      storage.close();
      // NOTE: a server that opened the database between the first check and
      // the write may have loaded the plan without this update. This second
      // check reports that case but cannot undo it.
      try {
        requireSoleUser(file);
      } catch {
        throw new CliError(
          `The import was stored in ${file}, but a server opened the database meanwhile and may not have loaded it. Run the import again with --server URL --token TOKEN, which repeats only the moves still missing.`,
        );
      }
    },
    readUploaded: uploadedDatasetsIn(dataDir),
    close: () => storage.close(),
  };
}

/**
 * Throws unless this process can take SQLite's exclusive lock on the
 * database, which fails while a server (or any writer) has it open.
 */
function requireSoleUser(file: string): void {
  if (!fs.existsSync(file)) return;
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 0");
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
  } catch (error) {
    if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
    throw new CliError(
      `${file} is open in another process, most likely a running Meridian server. Import through the server with --server URL --token TOKEN (an editor's token), or stop the server and run again.`,
    );
  } finally {
    db.close();
  }
}
