import type { Storage, StoredRoom } from "../storage.ts";

/** One stored room update and its sequence number. */
export interface StoredUpdate {
  seq: number;
  data: Uint8Array;
}

/**
 * Store of a room's updates and snapshots. The SQLite store returns
 * plain values and the PostgreSQL store returns promises, so the room keeps
 * its synchronous path for the default single-node server.
 */
export interface RoomUpdateStore {
  /** Reads the latest snapshot of a room and the updates stored after it. */
  loadRoom(room: string): StoredRoom | Promise<StoredRoom>;
  /** Appends one update to a room's history and returns its seq. */
  appendUpdate(
    room: string,
    update: Uint8Array,
    personId: string | null,
  ): number | Promise<number>;
  /**
   * Appends several updates to a room in one commit and returns the seq of
   * the first. The others follow it in order.
   */
  appendUpdates(
    room: string,
    updates: { update: Uint8Array; personId: string | null }[],
  ): number | Promise<number>;
  /** Reads the updates of a room stored after `seq`, in order. */
  updatesAfter(
    room: string,
    seq: number,
  ): StoredUpdate[] | Promise<StoredUpdate[]>;
  /** Stores the merged state of `room` as of update `seq`. */
  writeSnapshot(
    room: string,
    seq: number,
    state: Uint8Array,
  ): void | Promise<void>;
}

/** The room updates in the SQLite database of DATA_DIR. */
export class SqliteUpdateStore implements RoomUpdateStore {
  private readonly storage: Storage;

  constructor(storage: Storage) {
    this.storage = storage;
  }

  loadRoom(room: string): StoredRoom {
    return this.storage.loadRoom(room);
  }

  appendUpdate(
    room: string,
    update: Uint8Array,
    personId: string | null,
  ): number {
    return this.storage.appendUpdate(room, update, personId);
  }

  appendUpdates(
    room: string,
    updates: { update: Uint8Array; personId: string | null }[],
  ): number {
    if (updates.length === 0)
      throw new RangeError(`No updates to append to room ${room}.`);
    return this.storage.transaction(() => {
      const seqs = updates.map((entry) =>
        this.storage.appendUpdate(room, entry.update, entry.personId),
      );
      return seqs[0];
    });
  }

  updatesAfter(room: string, seq: number): StoredUpdate[] {
    return this.storage.updatesAfter(room, seq);
  }

  writeSnapshot(room: string, seq: number, state: Uint8Array): void {
    this.storage.writeSnapshot(room, seq, state);
  }
}
