import { createHash, randomUUID } from "node:crypto";
import * as Y from "yjs";
import { renamePlanId } from "../../model/doc/init-plan.ts";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { PLAN_ID_PATTERN, REVIEW_ROOM_SUFFIX } from "../../model/doc/schema.ts";
import { readManifest } from "../manifest.ts";
import { UploadedDatasetStore } from "../uploaded-datasets.ts";
import {
  BackupStore,
  type DataFolders,
  type ImportRows,
  type RoomRows,
  type StoredUpdate,
} from "./backup-store.ts";
import { BackupError } from "./errors.ts";
import type { BackupContent, BackupRoom } from "./format.ts";
import { parseBackup } from "./parse.ts";
import { findRecordProblems } from "./records.ts";

/** How to import a backup. */
export interface ImportOptions {
  /** Plan id to store the plan under instead of the one in the backup. */
  planId?: string;
  /** Recorded as the plan's editor; null when the command line imports. */
  importer: { personId: string; name: string } | null;
}

/** Plan id, name and counts of what an import stored. */
export interface ImportResult {
  planId: string;
  name: string;
  planUpdates: number;
  reviewUpdates: number;
  versions: number;
}

/**
 * Imports a backup file into a server's storage, running every check
 * before anything is written. parseBackup checks the file itself, and
 * findRecordProblems checks its plan, people, versions and review events
 * with the rules of the live routes. Each update must decode and apply to
 * a fresh Y.Doc without missing dependencies, each uploaded dataset's
 * bytes must match its hash, each public dataset must be in this server's
 * manifest.json, and the plan id must be free. Then the uploaded datasets
 * are stored and the database rows are written in one transaction.
 */
export async function importBackup(
  bytes: Uint8Array,
  folders: DataFolders,
  options: ImportOptions,
): Promise<ImportResult> {
  const content = parseBackup(bytes);
  const planId = options.planId ?? content.plan.id;
  const store = BackupStore.open(folders.databaseFile, false);
  try {
    const rows = checkImport(content, planId, folders, store, options);
    const uploads = new UploadedDatasetStore(folders.uploadsDir);
    // Dataset files are named by their hash, so a file left behind by a
    // failed transaction below is one an import of the same backup reuses.
    for (const dataset of content.datasets) {
      if (dataset.source === "uploaded") {
        await uploads.store(Buffer.from(dataset.data, "base64"));
      }
    }
    store.writePlan(rows);
    return {
      planId,
      name: content.plan.name,
      planUpdates: content.planRoom.updates.length,
      reviewUpdates: content.reviewRoom.updates.length,
      versions: content.versions.length,
    };
  } finally {
    store.close();
  }
}

function checkImport(
  content: BackupContent,
  planId: string,
  folders: DataFolders,
  store: BackupStore,
  options: ImportOptions,
): ImportRows {
  requireValidRecords(content);
  requireFreePlanId(store, planId);
  const planRoom = rebuildRoom(content.planRoom, planId, "planRoom");
  const renamed = renamePlanId(planRoom.doc, planId);
  if (renamed !== null) {
    // A copy under a new id names that id in its meta, through one more
    // stored update, so the history before it stays as it was.
    const last = planRoom.rows.updates.at(-1);
    planRoom.rows.updates.push({
      seq: (last?.seq ?? 0) + 1,
      createdAt: Date.now(),
      personId: options.importer?.personId ?? null,
      data: renamed,
    });
    planRoom.rows.snapshot = Y.encodeStateAsUpdate(planRoom.doc);
  }
  const reviewRoom = rebuildRoom(
    content.reviewRoom,
    planId + REVIEW_ROOM_SUFFIX,
    "reviewRoom",
  );
  checkDatasets(content, planRoom.doc, folders);
  planRoom.doc.destroy();
  reviewRoom.doc.destroy();

  const importerId = options.importer?.personId;
  return {
    plan: { ...content.plan, id: planId },
    rooms: [planRoom.rows, reviewRoom.rows],
    formerPeople: content.people.filter((p) => p.personId !== importerId),
    importer: options.importer,
    versions: withFreeIds(store, "versions", content.versions),
    reviewEvents: withFreeIds(store, "review_events", content.reviewEvents),
    at: Date.now(),
  };
}

/** Maximum number of problems that one import error lists. It counts the rest. */
const MAX_LISTED_PROBLEMS = 20;

/**
 * Rejects a backup whose plan, people, versions or review events break the
 * rules of the live routes, listing every problem found.
 */
function requireValidRecords(content: BackupContent): void {
  const problems = findRecordProblems(content);
  if (problems.length === 0) return;

  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const unlisted = problems.length - listed.length;
  const more = unlisted > 0 ? `\n- and ${unlisted} more` : "";
  throw new BackupError(
    "BACKUP_INVALID",
    `The backup contains ${problems.length} invalid ${problems.length === 1 ? "value" : "values"} that Meridian would not accept, so nothing was imported:\n- ${listed.join("\n- ")}${more}\nMake the backup again from the server that has the plan.`,
  );
}

function requireFreePlanId(store: BackupStore, planId: string): void {
  if (!PLAN_ID_PATTERN.test(planId)) {
    throw new BackupError(
      "PLAN_ID_INVALID",
      `Plan id "${planId}" is invalid: use 1 to 64 letters, digits, "_" or "-".`,
    );
  }
  const planIdTaken =
    store.getPlan(planId) !== null ||
    store.countRoomRows(planId) > 0 ||
    store.countRoomRows(planId + REVIEW_ROOM_SUFFIX) > 0;
  if (planIdTaken) {
    throw new BackupError(
      "PLAN_EXISTS",
      `Plan "${planId}" already exists on this server, and an import never overwrites a plan. Import the backup under another plan id.`,
    );
  }
}

/**
 * Decodes every update of a room and applies them in order to a fresh
 * Y.Doc. An update that fails to decode, or a history whose updates leave
 * missing dependencies behind, is rejected.
 */
function rebuildRoom(
  room: BackupRoom,
  name: string,
  field: string,
): { doc: Y.Doc; rows: RoomRows } {
  const doc = new Y.Doc();
  const updates: StoredUpdate[] = [];
  for (const [i, update] of room.updates.entries()) {
    const data = new Uint8Array(Buffer.from(update.data, "base64"));
    try {
      Y.decodeUpdate(data);
      Y.applyUpdate(doc, data);
    } catch (error) {
      doc.destroy();
      throw new BackupError(
        "BACKUP_UPDATE_INVALID",
        `Update ${update.seq} (content.${field}.updates[${i}]) is not a valid Yjs update: ${(error as Error).message}. Make the backup again from the server that has the plan.`,
      );
    }
    updates.push({ ...update, data });
  }
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    doc.destroy();
    throw new BackupError(
      "BACKUP_UPDATE_INVALID",
      `The updates of content.${field} depend on changes the backup does not contain, so the document cannot be rebuilt. Make the backup again from the server that has the plan.`,
    );
  }
  const snapshot = updates.length > 0 ? Y.encodeStateAsUpdate(doc) : null;
  return {
    doc,
    rows: { room: name, updates, clientIds: room.clientIds, snapshot },
  };
}

/**
 * Checks that the backup carries every dataset the rebuilt plan names:
 * uploaded bytes that hash to their name, or a public dataset that this
 * server's manifest.json lists.
 */
function checkDatasets(
  content: BackupContent,
  planDoc: Y.Doc,
  folders: DataFolders,
): void {
  const publicHashes = new Set(
    (readManifest(folders.publicDataDir) ?? []).map((entry) => entry.sha256),
  );
  for (const dataset of content.datasets) {
    if (dataset.source === "public") {
      if (publicHashes.has(dataset.sha256)) continue;
      throw new BackupError(
        "DATASET_MISSING",
        `The plan uses the public ${dataset.kind} dataset ${dataset.sha256}, which this server does not ship (its manifest.json in ${folders.publicDataDir} lists other data). Import on a server with the same Meridian data release, or rebuild this server's data with "npm run data" from that release.`,
      );
    }
    const actual = createHash("sha256")
      .update(Buffer.from(dataset.data, "base64"))
      .digest("hex");
    if (actual !== dataset.sha256) {
      throw new BackupError(
        "DATASET_HASH_MISMATCH",
        `The uploaded ${dataset.kind} dataset in the backup hashes to ${actual}, not ${dataset.sha256} as named. Make the backup again from the server that has the plan.`,
      );
    }
  }

  const named = new PlanDoc(planDoc).readMeta().datasets;
  const carried = new Set(content.datasets.map((dataset) => dataset.sha256));
  for (const [kind, sha256] of Object.entries(named)) {
    if (carried.has(sha256)) continue;
    throw new BackupError(
      "DATASET_MISSING",
      `The plan names the ${kind} dataset ${sha256}, but the backup does not contain it. Make the backup again from the server that has the plan.`,
    );
  }
}

/**
 * Keeps each row's id unless another plan on this server uses it (the
 * backup is imported beside the plan it was made from), then gives it a
 * new one.
 * NOTE: a comment anchored to a version whose id changed still names the
 * old id, which is the version of the original plan.
 */
function withFreeIds<T extends { id: string }>(
  store: BackupStore,
  table: "versions" | "review_events",
  rows: T[],
): T[] {
  const usedIds = store.takenIds(
    table,
    rows.map((row) => row.id),
  );
  return rows.map((row) =>
    usedIds.has(row.id) ? { ...row, id: randomUUID() } : row,
  );
}
