import { Worker } from "node:worker_threads";
import { StorageError } from "./storage-error.ts";

/** The worker's source, plain JavaScript beside this file. */
const THREAD_FILE = "./room-snapshot-thread.js";

/** Values of the cell shared with the worker: its database use. */
const IDLE = 0;
const IN_USE = 1;
const CLOSED = 2;
/** Maximum time `close()` waits for the worker to close its connection. */
const CLOSE_WAIT_MS = 5_000;
/** Rooms whose last built doc the worker keeps, to build the next one from. */
const CACHED_ROOMS = 4;
/** A kept doc not built on for this long is dropped. */
const CACHE_IDLE_MS = 60_000;
/** Time between the worker's WAL checkpoints. */
const CHECKPOINT_INTERVAL_MS = 1_000;

/** A room's merged state as of a seq, built from its stored rows. */
export interface BuiltSnapshot {
  state: Uint8Array;
  /** Seqs of stored updates that Yjs failed to apply, left out of `state`. */
  failedSeqs: number[];
}

interface WorkerReply {
  id?: number;
  checkpointError?: string;
  state?: Uint8Array;
  failedSeqs?: number[];
  closed?: boolean;
  error?: string;
}

interface PendingJob {
  resolve(snapshot: BuiltSnapshot): void;
  reject(error: unknown): void;
}

/**
 * A worker thread that builds room snapshots from the database file and
 * checkpoints its WAL. A build reads a room's latest snapshot and the
 * updates after it up to a seq, applies them to a Y.Doc and encodes it.
 * Encoding a busy room takes tens of milliseconds of CPU, and a checkpoint
 * waits for the disk, which on the server's own thread would hold up every
 * room's updates for that long.
 */
export class RoomSnapshotWorker {
  private readonly file: string;
  private readonly cell = new Int32Array(new SharedArrayBuffer(4));
  private worker: Worker | null = null;
  private readonly pending = new Map<number, PendingJob>();
  private nextId = 1;
  private readonly checkpointErrors = new Set<string>();

  constructor(file: string) {
    this.file = file;
  }

  /**
   * Builds the merged state of `room` up to and including update `seq`.
   * Rejects with a StorageError when the worker fails, when a stored update
   * in the range is missing, or once `close()` ran.
   */
  build(room: string, seq: number): Promise<BuiltSnapshot> {
    if (Atomics.load(this.cell, 0) === CLOSED)
      return Promise.reject(this.closedError(room));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, room, seq });
    });
  }

  /**
   * Stops the worker. Waits, blocking the thread for up to 5 seconds, while
   * the worker has the database open, so the caller's connection closes
   * last. Jobs still pending reject.
   */
  close(): void {
    const deadline = Date.now() + CLOSE_WAIT_MS;
    while (Atomics.compareExchange(this.cell, 0, IDLE, CLOSED) === IN_USE) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      Atomics.wait(this.cell, 0, IN_USE, left);
    }
    Atomics.store(this.cell, 0, CLOSED);
    const worker = this.worker;
    this.worker = null;
    if (worker) void worker.terminate();
    this.failPending(
      new StorageError(`${this.file} closed before the snapshot was built.`),
    );
  }

  private start(): Worker {
    const worker = new Worker(new URL(THREAD_FILE, import.meta.url), {
      workerData: {
        file: this.file,
        cell: this.cell.buffer,
        limits: {
          IDLE,
          IN_USE,
          CACHED_ROOMS,
          CACHE_IDLE_MS,
          CHECKPOINT_INTERVAL_MS,
        },
      },
    });
    // A worker never keeps the server process alive.
    worker.unref();
    worker.on("message", (reply: WorkerReply) => this.settle(reply));
    worker.on("error", (error) => {
      this.worker = null;
      this.failPending(
        new StorageError(`The snapshot worker failed: ${error.message}`, {
          cause: error,
        }),
      );
    });
    worker.on("exit", (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failPending(
        new StorageError(`The snapshot worker exited with code ${code}.`),
      );
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: WorkerReply): void {
    if (reply.checkpointError !== undefined) {
      this.warnCheckpointFailed(reply.checkpointError);
      return;
    }
    const job = this.pending.get(reply.id!);
    if (!job) return;
    this.pending.delete(reply.id!);
    if (reply.state) {
      job.resolve({ state: reply.state, failedSeqs: reply.failedSeqs ?? [] });
    } else if (reply.closed) {
      job.reject(
        new StorageError(`${this.file} closed before the snapshot was built.`),
      );
    } else {
      job.reject(
        new StorageError(
          `Building a snapshot from ${this.file} failed: ${reply.error}`,
        ),
      );
    }
  }

  // The storage has no logger, so a failed checkpoint becomes a process
  // warning, once per distinct message. Writes go on, and the server's
  // connection checkpoints once the WAL reaches its raised limit.
  private warnCheckpointFailed(message: string): void {
    if (this.checkpointErrors.has(message)) return;
    this.checkpointErrors.add(message);
    process.emitWarning(
      `The snapshot worker's WAL checkpoint of ${this.file} failed: ${message}`,
      { code: "MERIDIAN_CHECKPOINT_FAILED" },
    );
  }

  private failPending(error: StorageError): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }

  private closedError(room: string): StorageError {
    return new StorageError(
      `Cannot build a snapshot of room ${room}: ${this.file} is closed.`,
    );
  }
}
