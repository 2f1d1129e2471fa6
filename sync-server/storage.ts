import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Durability } from "./config.ts";
import { InviteStore } from "./invite-store.ts";
import { PayStores } from "./pay/stores.ts";
import { PeopleStore } from "./people-store.ts";
import { StorageError } from "./storage-error.ts";
import { migrate } from "./storage-schema.ts";
import { VersionStore } from "./versions-store.ts";
import { ClientIdStore } from "./client-id-store.ts";
import { ReviewStore } from "./review-store.ts";
import {
  RoomSnapshotWorker,
  type BuiltSnapshot,
} from "./room-snapshot-worker.ts";

export { StorageError };

export const DATABASE_FILE = "meridian.db";

/**
 * WAL pages at which this connection checkpoints once a worker checkpoints
 * in the background: 10,000 pages of 4 KiB, ten times SQLite's default.
 */
const WORKER_WAL_PAGES = 10_000;

export interface PlanRecord {
  id: string;
  name: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** Stored state of a room: the data that rebuilds its document. */
export interface StoredRoom {
  /**
   * Merged state up to `snapshotSeq`, or null when the room has no snapshot.
   */
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  /** Updates after the snapshot, in order. */
  updates: Uint8Array[];
  /** Sequence number of the last stored update, 0 for an empty room. */
  lastSeq: number;
}

export interface StorageOptions {
  durability?: Durability;
  /** Open an existing database for reading only (the CLI does). */
  readonly?: boolean;
}

/**
 * The SQLite database of one DATA_DIR: plans, room updates and snapshots,
 * invites, the people of each plan, their pay data, named plan versions,
 * the registry of Yjs client ids and the review log.
 */
export class Storage {
  readonly file: string;
  /** Table layout version of the file; older only when opened read-only. */
  readonly version: number;
  readonly invites: InviteStore;
  readonly people: PeopleStore;
  readonly pay: PayStores;
  readonly versions: VersionStore;
  readonly clientIds: ClientIdStore;
  readonly reviews: ReviewStore;
  private readonly db: Database.Database;
  private readonly statements;
  /** Started by the first `buildSnapshot`, so most opens start no thread. */
  private snapshotWorker: RoomSnapshotWorker | null = null;

  private constructor(file: string, db: Database.Database, version: number) {
    this.file = file;
    this.db = db;
    this.version = version;
    const requireAccessTables = () =>
      this.requireVersion(2, "no invites or people");
    this.invites = new InviteStore(db, requireAccessTables, version >= 3);
    this.people = new PeopleStore(db, requireAccessTables);
    this.pay = new PayStores(db, () => this.requireVersion(3, "no pay tables"));
    this.versions = new VersionStore(db, () =>
      this.requireVersion(4, "no plan versions"),
    );
    this.clientIds = new ClientIdStore(db, () =>
      this.requireVersion(5, "no client id registry"),
    );
    this.reviews = new ReviewStore(db, () =>
      this.requireVersion(5, "no review log"),
    );
    this.statements = {
      listPlans: db.prepare(
        "SELECT id, name, created_at AS createdAt FROM plans ORDER BY created_at, id",
      ),
      getPlan: db.prepare(
        "SELECT id, name, created_at AS createdAt FROM plans WHERE id = ?",
      ),
      insertPlan: db.prepare(
        "INSERT INTO plans (id, name, created_at) VALUES (?, ?, ?)",
      ),
      // The next seq is computed in the same statement, so it stays right
      // even if the caller's count of the room's updates is off.
      appendUpdate: db.prepare(
        `INSERT INTO updates (room, seq, data, created_at, person_id)
         SELECT @room, COALESCE(MAX(seq), 0) + 1, @data, @createdAt, @personId
         FROM updates WHERE room = @room
         RETURNING seq`,
      ),
      latestSnapshot: db.prepare(
        "SELECT seq, data FROM snapshots WHERE room = ? ORDER BY seq DESC LIMIT 1",
      ),
      updatesAfter: db.prepare(
        "SELECT seq, data FROM updates WHERE room = ? AND seq > ? ORDER BY seq",
      ),
      insertSnapshot: db.prepare(
        "INSERT OR REPLACE INTO snapshots (room, seq, data, created_at) VALUES (?, ?, ?, ?)",
      ),
      countUpdates: db.prepare(
        "SELECT COUNT(*) AS count FROM updates WHERE room = ?",
      ),
    };
  }

  /**
   * Opens (and for writing, creates) `<dataDir>/meridian.db`. Writers use
   * WAL with synchronous=NORMAL, which keeps every committed update when the
   * process is killed, or synchronous=FULL, which also survives power loss.
   */
  static open(dataDir: string, options: StorageOptions = {}): Storage {
    const file = path.join(dataDir, DATABASE_FILE);
    if (options.readonly && !fs.existsSync(file)) {
      throw new StorageError(
        `No Meridian database at ${file}. Check the data folder, or start the server once with DATA_DIR=${dataDir} to create it.`,
      );
    }
    if (!options.readonly) makeDataDir(dataDir);

    const db = new Database(file, { readonly: options.readonly ?? false });
    db.pragma("busy_timeout = 5000");
    if (!options.readonly) {
      db.pragma("journal_mode = WAL");
      db.pragma(
        `synchronous = ${options.durability === "full" ? "FULL" : "NORMAL"}`,
      );
    }
    const version = migrate(db, file, options.readonly ?? false);
    return new Storage(file, db, version);
  }

  listPlans(): PlanRecord[] {
    return this.statements.listPlans.all() as PlanRecord[];
  }

  getPlan(id: string): PlanRecord | null {
    return (this.statements.getPlan.get(id) as PlanRecord | undefined) ?? null;
  }

  /**
   * Stores a new plan and its first document state in one transaction, and
   * runs `alsoRun` in the same transaction (to record the plan's creator).
   */
  createPlan(
    plan: { id: string; name: string },
    firstUpdate: Uint8Array,
    alsoRun: () => void = () => {},
  ) {
    const now = Date.now();
    this.db.transaction(() => {
      this.statements.insertPlan.run(plan.id, plan.name, now);
      this.statements.appendUpdate.run({
        room: plan.id,
        data: firstUpdate,
        createdAt: now,
        personId: null,
      });
      alsoRun();
    })();
  }

  /** Appends one update to a room's history and returns its seq. */
  appendUpdate(
    room: string,
    update: Uint8Array,
    personId: string | null,
  ): number {
    const row = this.statements.appendUpdate.get({
      room,
      data: update,
      createdAt: Date.now(),
      personId,
    }) as { seq: number };
    return row.seq;
  }

  /**
   * Stores the merged state of `room` as of update `seq`. Older updates stay.
   */
  writeSnapshot(room: string, seq: number, state: Uint8Array): void {
    this.statements.insertSnapshot.run(room, seq, state, Date.now());
  }

  /**
   * Builds the merged state of `room` up to update `seq` from the stored
   * rows, in a worker thread, so the caller's thread stays free meanwhile.
   * The first call starts the worker, which from then on also checkpoints
   * the WAL. Rejects with a StorageError when building fails or the
   * storage closes.
   */
  buildSnapshot(room: string, seq: number): Promise<BuiltSnapshot> {
    if (!this.snapshotWorker) {
      this.snapshotWorker = new RoomSnapshotWorker(this.file);
      // The worker checkpoints the WAL every second, so that the commits
      // of this connection do not. This limit only bounds the WAL's size
      // if the worker falls behind or fails.
      this.db.pragma(`wal_autocheckpoint = ${WORKER_WAL_PAGES}`);
    }
    return this.snapshotWorker.build(room, seq);
  }

  /** Reads the latest snapshot of a room and the updates stored after it. */
  loadRoom(room: string): StoredRoom {
    const snapshot = this.statements.latestSnapshot.get(room) as
      { seq: number; data: Buffer } | undefined;
    const snapshotSeq = snapshot?.seq ?? 0;
    const rows = this.statements.updatesAfter.all(room, snapshotSeq) as {
      seq: number;
      data: Buffer;
    }[];
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
      snapshotSeq,
      updates: rows.map((row) => new Uint8Array(row.data)),
      lastSeq: rows.at(-1)?.seq ?? snapshotSeq,
    };
  }

  /** Reads the updates of a room stored after `seq`, in order. */
  updatesAfter(room: string, seq: number): { seq: number; data: Uint8Array }[] {
    const rows = this.statements.updatesAfter.all(room, seq) as {
      seq: number;
      data: Buffer;
    }[];
    return rows.map((row) => ({
      seq: row.seq,
      data: new Uint8Array(row.data),
    }));
  }

  /** Number of updates ever stored for a room, snapshots aside. */
  countUpdates(room: string): number {
    return (this.statements.countUpdates.get(room) as { count: number }).count;
  }

  /** Runs `work` in one transaction, so that it stores all or nothing. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /**
   * Stops the snapshot worker, then closes the database. The server's
   * connection closes last, so SQLite checkpoints and deletes the WAL.
   */
  close(): void {
    this.snapshotWorker?.close();
    if (this.db.open) this.db.close();
  }

  private requireVersion(version: number, missing: string): void {
    if (this.version >= version) return;
    throw new StorageError(
      `${this.file} has storage version ${this.version}, which has ${missing} yet. Start the server once with this data folder to upgrade it.`,
    );
  }
}

/**
 * Creates the data folder and its parents. A path through an existing file
 * fails with EEXIST or ENOTDIR, which this rewords to name the setting.
 */
function makeDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EEXIST" && code !== "ENOTDIR") throw error;
    const problem =
      code === "EEXIST"
        ? "names a file, not a folder"
        : "has a file, not a folder, as one of its parents";
    throw new StorageError(
      `DATA_DIR ${dataDir} ${problem} (${code}). Set DATA_DIR to a folder path; the server creates the folder when it is missing.`,
      { cause: error },
    );
  }
}
