import Database from "better-sqlite3";
import { StorageError } from "../storage-error.ts";
import type {
  BackupClientId,
  BackupPerson,
  BackupReviewEvent,
  BackupVersion,
} from "./format.ts";

/** Storage version that has every table a backup reads and writes. */
const REQUIRED_VERSION = 5;

/** The files of one server that a backup reads or an import writes. */
export interface DataFolders {
  /** The database file of the DATA_DIR. */
  databaseFile: string;
  /** DATA_DIR/datasets, which contains uploaded datasets. */
  uploadsDir: string;
  /** The folder of manifest.json, which lists the public datasets. */
  publicDataDir: string;
}

/** One stored update with its bytes, as read for a backup. */
export interface StoredUpdate {
  seq: number;
  createdAt: number;
  personId: string | null;
  data: Uint8Array;
}

/** A room's rows to write on import. */
export interface RoomRows {
  room: string;
  updates: StoredUpdate[];
  clientIds: BackupClientId[];
  /** Merged state up to the last update, stored as the room's snapshot. */
  snapshot: Uint8Array | null;
}

/** Everything an import writes, already checked. */
export interface ImportRows {
  plan: { id: string; name: string; createdAt: number };
  rooms: RoomRows[];
  /** Stored as removed from the plan, so they keep their names but no access. */
  formerPeople: BackupPerson[];
  importer: { personId: string; name: string } | null;
  versions: BackupVersion[];
  reviewEvents: BackupReviewEvent[];
  at: number;
}

/**
 * Reads and writes the rows of one plan across the tables of a DATA_DIR's
 * database, for backup and import. NOTE: Storage does not expose its
 * connection, so this opens its own connection to the same file; WAL lets
 * it read beside the server, and a write waits for the server's writer.
 */
export class BackupStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string, readonly: boolean): BackupStore {
    const db = new Database(file, { readonly, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version < REQUIRED_VERSION) {
      db.close();
      throw new StorageError(
        `${file} has storage version ${version}, which has no review log or client id registry yet. Start the server once with this data folder to upgrade it, then run the backup again.`,
      );
    }
    return new BackupStore(db);
  }

  /** Runs `read` in one read transaction, so every table is seen at one moment. */
  readConsistently<T>(read: () => T): T {
    return this.db.transaction(read).deferred();
  }

  getPlan(id: string): { id: string; name: string; createdAt: number } | null {
    const row = this.db
      .prepare(
        "SELECT id, name, created_at AS createdAt FROM plans WHERE id = ?",
      )
      .get(id) as { id: string; name: string; createdAt: number } | undefined;
    return row ?? null;
  }

  /** Lists every stored update of a room, in seq order. */
  listUpdates(room: string): StoredUpdate[] {
    const rows = this.db
      .prepare(
        `SELECT seq, created_at AS createdAt, person_id AS personId, data
         FROM updates WHERE room = ? ORDER BY seq`,
      )
      .all(room) as {
      seq: number;
      createdAt: number;
      personId: string | null;
      data: Buffer;
    }[];
    return rows.map((row) => ({ ...row, data: new Uint8Array(row.data) }));
  }

  listClientIds(room: string): BackupClientId[] {
    return this.db
      .prepare(
        `SELECT client_id AS clientId, person_id AS personId,
           registered_at AS registeredAt
         FROM client_ids WHERE room = ? ORDER BY client_id`,
      )
      .all(room) as BackupClientId[];
  }

  /** Lists everyone who ever joined the plan, removed people included. */
  listPeople(planId: string): BackupPerson[] {
    return this.db
      .prepare(
        `SELECT person_id AS personId, name, role, joined_at AS joinedAt,
           removed_at AS removedAt
         FROM people WHERE plan_id = ? ORDER BY joined_at, person_id`,
      )
      .all(planId) as BackupPerson[];
  }

  listVersions(planId: string): BackupVersion[] {
    return this.db
      .prepare(
        `SELECT id, name, note, seq, created_by AS createdBy,
           created_at AS createdAt
         FROM versions WHERE plan_id = ? ORDER BY created_at, rowid`,
      )
      .all(planId) as BackupVersion[];
  }

  listReviewEvents(planId: string): BackupReviewEvent[] {
    return this.db
      .prepare(
        `SELECT id, action, status, content_hash AS contentHash,
           plan_seq AS planSeq, comment, person_id AS personId,
           created_at AS createdAt
         FROM review_events WHERE plan_id = ? ORDER BY created_at, rowid`,
      )
      .all(planId) as BackupReviewEvent[];
  }

  /** Returns those of `ids` that some row of `table` already uses. */
  takenIds(table: "versions" | "review_events", ids: string[]): Set<string> {
    const statement = this.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`);
    return new Set(ids.filter((id) => statement.get(id) !== undefined));
  }

  /** Counts the updates, snapshots and client ids of `room`, so 0 means it is free. */
  countRoomRows(room: string): number {
    const row = this.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM updates WHERE room = @room)
           + (SELECT COUNT(*) FROM snapshots WHERE room = @room)
           + (SELECT COUNT(*) FROM client_ids WHERE room = @room) AS count`,
      )
      .get({ room }) as { count: number };
    return row.count;
  }

  /**
   * Writes a whole plan in one IMMEDIATE transaction, so that a failing
   * statement leaves none of it stored.
   */
  writePlan(rows: ImportRows): void {
    const db = this.db;
    const insertPlan = db.prepare(
      "INSERT INTO plans (id, name, created_at) VALUES (@id, @name, @createdAt)",
    );
    const insertUpdate = db.prepare(
      `INSERT INTO updates (room, seq, data, created_at, person_id)
       VALUES (@room, @seq, @data, @createdAt, @personId)`,
    );
    const insertSnapshot = db.prepare(
      `INSERT INTO snapshots (room, seq, data, created_at)
       VALUES (?, ?, ?, ?)`,
    );
    const insertClientId = db.prepare(
      `INSERT INTO client_ids (room, client_id, person_id, registered_at)
       VALUES (@room, @clientId, @personId, @registeredAt)`,
    );
    const insertPerson = db.prepare(
      `INSERT INTO people (plan_id, person_id, name, role, invite_id,
         joined_at, removed_at, removed_by)
       VALUES (@planId, @personId, @name, @role, NULL, @joinedAt,
         @removedAt, @removedBy)`,
    );
    const insertVersion = db.prepare(
      `INSERT INTO versions (id, plan_id, name, note, seq, created_by, created_at)
       VALUES (@id, @planId, @name, @note, @seq, @createdBy, @createdAt)`,
    );
    const insertReviewEvent = db.prepare(
      `INSERT INTO review_events (id, plan_id, action, status, content_hash,
         plan_seq, comment, person_id, created_at)
       VALUES (@id, @planId, @action, @status, @contentHash, @planSeq,
         @comment, @personId, @createdAt)`,
    );
    const planId = rows.plan.id;

    const write = () => {
      insertPlan.run(rows.plan);
      for (const room of rows.rooms) {
        for (const update of room.updates) {
          insertUpdate.run({ room: room.room, ...update });
        }
        for (const clientId of room.clientIds) {
          insertClientId.run({ room: room.room, ...clientId });
        }
        const last = room.updates.at(-1);
        if (room.snapshot && last) {
          insertSnapshot.run(room.room, last.seq, room.snapshot, rows.at);
        }
      }
      if (rows.importer) {
        insertPerson.run({
          planId,
          personId: rows.importer.personId,
          name: rows.importer.name,
          role: "editor",
          joinedAt: rows.at,
          removedAt: null,
          removedBy: null,
        });
      }
      const removedBy = rows.importer?.personId ?? "import";
      for (const person of rows.formerPeople) {
        insertPerson.run({
          planId,
          personId: person.personId,
          name: person.name,
          role: person.role,
          joinedAt: person.joinedAt,
          removedAt: person.removedAt ?? rows.at,
          removedBy,
        });
      }
      for (const version of rows.versions) {
        insertVersion.run({ planId, ...version });
      }
      for (const event of rows.reviewEvents) {
        insertReviewEvent.run({ planId, ...event });
      }
    };
    db.transaction(write).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
