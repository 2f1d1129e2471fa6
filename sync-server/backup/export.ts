import fs from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { REVIEW_ROOM_SUFFIX } from "../../model/doc/schema.ts";
import { readManifest } from "../manifest.ts";
import {
  BackupStore,
  type DataFolders,
  type StoredUpdate,
} from "./backup-store.ts";
import { BackupError } from "./errors.ts";
import type { BackupContent, BackupDataset, BackupRoom } from "./format.ts";

/**
 * Reads everything a backup of `planId` contains, as one consistent read
 * of the database, plus the uploaded datasets the plan names. Throws a
 * BackupError when the plan does not exist or names a dataset that is on
 * neither list, because such a backup could not be restored.
 */
export function readPlanBackup(
  source: DataFolders,
  planId: string,
  now = new Date(),
): BackupContent {
  const store = BackupStore.open(source.databaseFile, true);
  try {
    const rows = store.readConsistently(() => {
      const plan = store.getPlan(planId);
      if (!plan) return null;
      return {
        plan,
        planUpdates: store.listUpdates(planId),
        planClientIds: store.listClientIds(planId),
        reviewUpdates: store.listUpdates(planId + REVIEW_ROOM_SUFFIX),
        reviewClientIds: store.listClientIds(planId + REVIEW_ROOM_SUFFIX),
        people: store.listPeople(planId),
        versions: store.listVersions(planId),
        reviewEvents: store.listReviewEvents(planId),
      };
    });
    if (rows === null) {
      throw new BackupError(
        "PLAN_NOT_FOUND",
        `Plan "${planId}" does not exist in ${source.databaseFile}. Check the plan id with "meridian plan list".`,
      );
    }

    const named = namedDatasets(rows.planUpdates);
    return {
      createdAt: now.toISOString(),
      plan: rows.plan,
      planRoom: backupRoom(rows.planUpdates, rows.planClientIds),
      reviewRoom: backupRoom(rows.reviewUpdates, rows.reviewClientIds),
      people: rows.people,
      versions: rows.versions,
      reviewEvents: rows.reviewEvents,
      datasets: readDatasets(source, planId, named),
    };
  } finally {
    store.close();
  }
}

function backupRoom(
  updates: StoredUpdate[],
  clientIds: BackupRoom["clientIds"],
): BackupRoom {
  return {
    updates: updates.map((update) => ({
      seq: update.seq,
      createdAt: update.createdAt,
      personId: update.personId,
      data: Buffer.from(update.data).toString("base64"),
    })),
    clientIds,
  };
}

/** Rebuilds the plan from its updates and returns `meta.datasets`. */
function namedDatasets(updates: StoredUpdate[]): Record<string, string> {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update.data);
    });
    return new PlanDoc(doc).readMeta().datasets;
  } finally {
    doc.destroy();
  }
}

function readDatasets(
  source: DataFolders,
  planId: string,
  named: Record<string, string>,
): BackupDataset[] {
  const publicHashes = new Set(
    (readManifest(source.publicDataDir) ?? []).map((entry) => entry.sha256),
  );
  const datasets: BackupDataset[] = [];
  for (const [kind, sha256] of Object.entries(named).sort()) {
    if (publicHashes.has(sha256)) {
      datasets.push({ kind, sha256, source: "public" });
      continue;
    }
    const file = path.join(source.uploadsDir, `${sha256}.json`);
    if (!/^[0-9a-f]{64}$/.test(sha256) || !fs.existsSync(file)) {
      throw new BackupError(
        "DATASET_MISSING",
        `Plan "${planId}" names the ${kind} dataset ${sha256}, which is neither in ${path.join(source.publicDataDir, "manifest.json")} nor uploaded in ${source.uploadsDir}. Import the ${kind} data into the plan again, then make the backup.`,
      );
    }
    const data = fs.readFileSync(file).toString("base64");
    datasets.push({ kind, sha256, source: "uploaded", data });
  }
  return datasets;
}
