import Database from "better-sqlite3";
import type { Storage } from "../storage.ts";

/** One stored Yjs update of a room and when the server accepted it. */
export interface TimedUpdate {
  seq: number;
  data: Uint8Array;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/**
 * Runs `read` on a read-only connection to the storage's database file and
 * closes it. WAL mode lets it read beside the server's writer, and it reads
 * every committed write.
 * NOTE: Storage exposes no update times or table counts, so the pay code
 * opens its own connection for each call.
 */
export function readStorage<T>(
  storage: Storage,
  read: (db: Database.Database) => T,
): T {
  const db = new Database(storage.file, {
    readonly: true,
    fileMustExist: true,
  });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/**
 * Reads the updates of a room after `afterSeq`, in seq order, with the time
 * each was stored. The `updates` table is append-only, so these are every
 * accepted change of the room since that seq.
 */
export function readTimedUpdates(
  storage: Storage,
  room: string,
  afterSeq: number,
): TimedUpdate[] {
  const rows = readStorage(
    storage,
    (db) =>
      db
        .prepare(
          `SELECT seq, data, created_at AS createdAt FROM updates
           WHERE room = ? AND seq > ? ORDER BY seq`,
        )
        .all(room, afterSeq) as {
        seq: number;
        data: Buffer;
        createdAt: number;
      }[],
  );
  return rows.map((row) => ({
    seq: row.seq,
    data: new Uint8Array(row.data),
    createdAt: row.createdAt,
  }));
}
