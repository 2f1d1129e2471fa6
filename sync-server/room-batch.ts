import type { RoomMember } from "./room-member.ts";
import { StorageError, type Storage } from "./storage.ts";
import {
  SqliteUpdateStore,
  type RoomUpdateStore,
} from "./cluster/update-store.ts";

/**
 * Maximum number of updates stored, applied and sent in one turn of the
 * event loop. A room that fell behind drains its queue over several turns,
 * so the first updates of a long queue reach the peers sooner and other
 * rooms' turns interleave.
 */
export const MAX_BATCH_UPDATES = 256;

/** An update waiting in the current batch of a room. */
export interface QueuedUpdate {
  member: RoomMember;
  update: Uint8Array;
  resolve(seq: number): void;
  reject(error: unknown): void;
}

/** An update of a batch and the seq it was stored as. */
export interface StoredEntry {
  entry: QueuedUpdate;
  seq: number;
}

export interface UpdateBatchesOptions {
  room: string;
  storage: Storage;
  updates: RoomUpdateStore;
  /**
   * Records, applies and sends the stored updates of one batch, in seq
   * order, and resolves or rejects each entry.
   */
  applyStored(stored: StoredEntry[]): void;
}

/**
 * Queues the updates a room receives and stores them in batches, so that
 * one commit covers many updates. The batch grows when the store falls
 * behind, which keeps the cost per update down exactly when updates queue.
 *
 * With the SQLite store a batch is the updates of one event-loop turn, at
 * most MAX_BATCH_UPDATES, in one transaction. With an asynchronous store
 * (PostgreSQL) one append is in flight at a time, and the updates that
 * arrive meanwhile go in the next `appendUpdates` call, so a room's
 * throughput is no longer bound by one round trip per update.
 */
export class UpdateBatches {
  private readonly options: UpdateBatchesOptions;
  /** Updates not yet handed to the store. */
  private queued: QueuedUpdate[] = [];
  /** True while an asynchronous append runs. */
  private appending = false;
  /** Asynchronous appends started, counted from 1. */
  appendsStarted = 0;
  /** Asynchronous appends settled. They settle in the order they started. */
  appendsSettled = 0;

  constructor(options: UpdateBatchesOptions) {
    this.options = options;
  }

  /**
   * Queues an update and resolves with its seq once it is stored and
   * applied. Rejects with a StorageError when storing fails.
   */
  write(member: RoomMember, update: Uint8Array): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queued.push({ member, update, resolve, reject });
      if (this.options.updates instanceof SqliteUpdateStore) {
        if (this.queued.length === 1) setImmediate(this.storeQueued);
      } else if (!this.appending) {
        this.appendQueued();
      }
    });
  }

  /**
   * Stores the queued SQLite updates now, or starts the append of the
   * queued updates when none is in flight. An append in flight starts the
   * next one when it settles.
   */
  flush(): void {
    if (this.options.updates instanceof SqliteUpdateStore) {
      while (this.queued.length > 0) this.storeQueued();
    } else if (!this.appending) {
      this.appendQueued();
    }
  }

  /** Wraps a store failure in a StorageError that names the room. */
  storageError(error: unknown): StorageError {
    return new StorageError(
      `Storing an update of room ${this.options.room} failed: ${(error as Error).message}`,
      { cause: error },
    );
  }

  // Stores the updates that every socket delivered in one turn of the event
  // loop, up to MAX_BATCH_UPDATES of them, in one SQLite transaction, then
  // applies and sends them. The rest wait for the next turn. An update that
  // fails alone is rejected alone, and a failed commit rejects the whole
  // batch.
  private storeQueued = (): void => {
    if (this.queued.length === 0) return;
    const queued = this.queued.splice(0, MAX_BATCH_UPDATES);
    if (this.queued.length > 0) setImmediate(this.storeQueued);
    const stored: StoredEntry[] = [];
    const failed = new Set<QueuedUpdate>();
    try {
      this.options.storage.transaction(() => {
        for (const entry of queued) {
          try {
            const seq = this.storeUpdate(entry.member, entry.update);
            stored.push({ entry, seq });
          } catch (error) {
            failed.add(entry);
            entry.reject(error);
          }
        }
      });
    } catch (error) {
      const failure = this.storageError(error);
      for (const entry of queued) {
        if (!failed.has(entry)) entry.reject(failure);
      }
      return;
    }
    this.options.applyStored(stored);
  };

  private storeUpdate(member: RoomMember, update: Uint8Array): number {
    try {
      return this.options.updates.appendUpdate(
        this.options.room,
        update,
        member.personId,
      ) as number;
    } catch (error) {
      throw this.storageError(error);
    }
  }

  // Appends every queued update in one call, which stores them under
  // consecutive seqs, and starts the next append once this one settled and
  // its updates were applied, so a room applies its own updates in seq
  // order. A failed append rejects every update of the batch, before any
  // peer saw one of them. The next append starts inside the settlement of
  // this one, so a shutdown that drains the store's writes waits for it too.
  private appendQueued(): void {
    if (this.queued.length === 0) return;
    const batch = this.queued;
    this.queued = [];
    this.appending = true;
    this.appendsStarted += 1;
    let appended: Promise<number>;
    try {
      appended = Promise.resolve(
        this.options.updates.appendUpdates(
          this.options.room,
          batch.map((entry) => ({
            update: entry.update,
            personId: entry.member.personId,
          })),
        ),
      );
    } catch (error) {
      appended = Promise.reject(error);
    }
    appended
      .then(
        (firstSeq) => {
          this.appendsSettled += 1;
          this.options.applyStored(
            batch.map((entry, index) => ({ entry, seq: firstSeq + index })),
          );
        },
        (error: unknown) => {
          this.appendsSettled += 1;
          const failure = this.storageError(error);
          for (const entry of batch) entry.reject(failure);
        },
      )
      .finally(() => {
        this.appending = false;
        this.appendQueued();
      });
  }
}
