import type { Storage } from "../storage.ts";
import { readStorage } from "../pay/room-updates.ts";

/** One stored Yjs update of a room, when it was stored and who sent it. */
export interface SentUpdate {
  seq: number;
  data: Uint8Array;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Person of the connection that sent it, or null for the server's own writes. */
  personId: string | null;
}

/**
 * Reads the updates of a room after `afterSeq`, in seq order, with their
 * time and sender. The `updates` table is append-only, so these are every
 * accepted change of the room since that seq.
 */
export function readSentUpdates(
  storage: Storage,
  room: string,
  afterSeq: number,
): SentUpdate[] {
  const rows = readStorage(
    storage,
    (db) =>
      db
        .prepare(
          `SELECT seq, data, created_at AS createdAt, person_id AS personId
           FROM updates WHERE room = ? AND seq > ? ORDER BY seq`,
        )
        .all(room, afterSeq) as {
        seq: number;
        data: Buffer;
        createdAt: number;
        personId: string | null;
      }[],
  );
  return rows.map((row) => ({
    seq: row.seq,
    data: new Uint8Array(row.data),
    createdAt: row.createdAt,
    personId: row.personId,
  }));
}
