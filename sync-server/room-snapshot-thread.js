// The thread of RoomSnapshotWorker (room-snapshot-worker.ts). Plain
// JavaScript, so it runs without a TypeScript loader in whatever process
// starts it (tsx, vitest). It opens the database only while it reads one
// job's rows or checkpoints, and marks that time in the shared cell. The
// owner's close() waits for it, because the last connection to close is
// the one that checkpoints and deletes the WAL.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import * as Y from "yjs";

const { IDLE, IN_USE, CACHED_ROOMS, CACHE_IDLE_MS, CHECKPOINT_INTERVAL_MS } =
  workerData.limits;
const cell = new Int32Array(workerData.cell);

// The doc of each room built last, so that the next build of a busy room
// applies only the updates since then. Rooms not built for a while are
// dropped, and so is the least recently built beyond the limit.
const built = new Map();

// Runs work(db) on a connection of its own, or returns null once the owner
// closed the storage.
function withDatabase(readonly, work) {
  if (Atomics.compareExchange(cell, 0, IDLE, IN_USE) !== IDLE) return null;
  let db;
  try {
    db = new Database(workerData.file, { readonly, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    return work(db);
  } finally {
    if (db) db.close();
    Atomics.store(cell, 0, IDLE);
    Atomics.notify(cell, 0);
  }
}

function readRows(room, seq) {
  return withDatabase(true, (db) =>
    db.transaction(() => {
      const cached = built.get(room);
      const reusable =
        cached !== undefined &&
        cached.seq <= seq &&
        sameUpdate(db, room, cached.seq, cached.lastUpdate);
      const snapshot = reusable
        ? undefined
        : db
            .prepare(
              "SELECT seq, data FROM snapshots WHERE room = ? AND seq <= ? ORDER BY seq DESC LIMIT 1",
            )
            .get(room, seq);
      let from = 0;
      if (reusable) from = cached.seq;
      else if (snapshot) from = snapshot.seq;
      const updates = db
        .prepare(
          "SELECT seq, data FROM updates WHERE room = ? AND seq > ? AND seq <= ? ORDER BY seq",
        )
        .all(room, from, seq);
      return { cached: reusable ? cached : undefined, snapshot, from, updates };
    })(),
  );
}

// Checks that the update a cached doc ends with is still the stored one,
// so a room whose rows were replaced is built again from its snapshot.
function sameUpdate(db, room, seq, data) {
  if (seq === 0) return true;
  const row = db
    .prepare("SELECT data FROM updates WHERE room = ? AND seq = ?")
    .get(room, seq);
  return row !== undefined && Buffer.compare(row.data, data) === 0;
}

function build(room, seq) {
  const rows = readRows(room, seq);
  if (rows === null) return { closed: true };

  built.delete(room);
  if (rows.updates.length !== seq - rows.from) {
    if (rows.cached) rows.cached.doc.destroy();
    throw new Error(
      "room " +
        room +
        " has " +
        rows.updates.length +
        " stored updates between seq " +
        (rows.from + 1) +
        " and " +
        seq +
        ", expected " +
        (seq - rows.from),
    );
  }

  const doc = rows.cached ? rows.cached.doc : new Y.Doc();
  const failedSeqs = [];
  doc.transact(() => {
    if (rows.snapshot) Y.applyUpdate(doc, rows.snapshot.data);
    for (const row of rows.updates) {
      try {
        Y.applyUpdate(doc, row.data);
      } catch {
        failedSeqs.push(row.seq);
      }
    }
  });
  const state = Y.encodeStateAsUpdate(doc);

  let lastUpdate = null;
  if (rows.updates.length > 0) lastUpdate = rows.updates.at(-1).data;
  else if (rows.cached) lastUpdate = rows.cached.lastUpdate;
  if (lastUpdate === null && seq > 0) {
    doc.destroy();
  } else {
    built.set(room, { doc, seq, lastUpdate, usedAt: Date.now() });
    for (const [name, entry] of built) {
      if (built.size <= CACHED_ROOMS) break;
      built.delete(name);
      entry.doc.destroy();
    }
  }
  return { state, failedSeqs };
}

setInterval(() => {
  for (const [name, entry] of built) {
    if (Date.now() - entry.usedAt < CACHE_IDLE_MS) continue;
    built.delete(name);
    entry.doc.destroy();
  }
}, CACHE_IDLE_MS).unref();

// A PASSIVE checkpoint copies the WAL into the database without taking the
// write lock, so the server's writes go on meanwhile. The server's own
// connection checkpoints only if the WAL outgrows its raised limit.
setInterval(() => {
  try {
    withDatabase(false, (db) => db.pragma("wal_checkpoint(PASSIVE)"));
  } catch (error) {
    parentPort.postMessage({
      checkpointError: String((error && error.message) || error),
    });
  }
}, CHECKPOINT_INTERVAL_MS).unref();

parentPort.on("message", (job) => {
  try {
    const result = build(job.room, job.seq);
    parentPort.postMessage(
      { id: job.id, ...result },
      result.state ? [result.state.buffer] : [],
    );
  } catch (error) {
    parentPort.postMessage({
      id: job.id,
      error: String((error && error.message) || error),
    });
  }
});
