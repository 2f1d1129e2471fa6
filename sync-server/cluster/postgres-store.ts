import pg from "pg";
import * as Y from "yjs";
import type { Logger } from "../log.ts";
import type { StoredRoom } from "../storage.ts";
import type { RoomUpdateStore, StoredUpdate } from "./update-store.ts";

/**
 * First key of the advisory locks that serialize appends to one room. The
 * second key is the hash of the room name.
 */
const ROOM_LOCK_CLASS = 7341;

/** Key of the advisory lock that serializes table creation between nodes. */
const SCHEMA_LOCK = 7_341_000_001;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meridian_room_updates (
  room text NOT NULL,
  seq bigint NOT NULL,
  data bytea NOT NULL,
  created_at bigint NOT NULL,
  person_id text,
  PRIMARY KEY (room, seq)
);
CREATE TABLE IF NOT EXISTS meridian_room_snapshots (
  room text NOT NULL,
  seq bigint NOT NULL,
  data bytea NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (room, seq)
);`;

export interface PostgresStoreOptions {
  databaseUrl: string;
  logger: Logger;
  /**
   * Reads a room from the SQLite database. A room that PostgreSQL does not
   * have yet starts from it, because plans are still created in SQLite.
   */
  readLocalRoom: (room: string) => StoredRoom;
}

/** Room updates and snapshots in PostgreSQL, shared by every server node. */
export class PostgresUpdateStore implements RoomUpdateStore {
  private readonly pool: pg.Pool;
  private readonly options: PostgresStoreOptions;

  private constructor(pool: pg.Pool, options: PostgresStoreOptions) {
    this.pool = pool;
    this.options = options;
  }

  /** Connects and creates the tables when missing. */
  static async open(
    options: PostgresStoreOptions,
  ): Promise<PostgresUpdateStore> {
    const pool = new pg.Pool({ connectionString: options.databaseUrl });
    pool.on("error", (error) =>
      options.logger.error({ err: error }, "idle PostgreSQL connection failed"),
    );
    try {
      await createTables(pool);
    } catch (error) {
      await pool.end();
      throw new Error(
        `Connecting to PostgreSQL at DATABASE_URL failed: ${(error as Error).message}. Check that the server runs and the URL names a database this user may create tables in.`,
        { cause: error },
      );
    }
    return new PostgresUpdateStore(pool, options);
  }

  async loadRoom(room: string): Promise<StoredRoom> {
    const stored = await this.readRoom(room);
    if (stored.lastSeq > 0) return stored;

    const copied = await this.copyLocalRoom(room);
    return copied ? this.readRoom(room) : stored;
  }

  // Appends to one room run one at a time across all nodes, under a lock
  // held until the commit. So the insert, whose statement starts after the
  // lock is taken, reads every committed seq and takes the next one.
  async appendUpdate(
    room: string,
    update: Uint8Array,
    personId: string | null,
  ): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [
        ROOM_LOCK_CLASS,
        room,
      ]);
      const result = await client.query<{ seq: string }>(
        `INSERT INTO meridian_room_updates (room, seq, data, created_at, person_id)
         SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4
         FROM meridian_room_updates WHERE room = $1
         RETURNING seq`,
        [room, update, Date.now(), personId],
      );
      await client.query("COMMIT");
      return Number(result.rows[0].seq);
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async updatesAfter(room: string, seq: number): Promise<StoredUpdate[]> {
    const result = await this.pool.query<{ seq: string; data: Buffer }>(
      "SELECT seq, data FROM meridian_room_updates WHERE room = $1 AND seq > $2 ORDER BY seq",
      [room, seq],
    );
    return result.rows.map((row) => ({
      seq: Number(row.seq),
      data: new Uint8Array(row.data),
    }));
  }

  async writeSnapshot(
    room: string,
    seq: number,
    state: Uint8Array,
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO meridian_room_snapshots (room, seq, data, created_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (room, seq) DO UPDATE SET data = EXCLUDED.data, created_at = EXCLUDED.created_at`,
      [room, seq, state, Date.now()],
    );
  }

  /** Waits for running queries, then closes every connection. */
  close(): Promise<void> {
    return this.pool.end();
  }

  private async readRoom(room: string): Promise<StoredRoom> {
    const snapshot = await this.pool.query<{ seq: string; data: Buffer }>(
      "SELECT seq, data FROM meridian_room_snapshots WHERE room = $1 ORDER BY seq DESC LIMIT 1",
      [room],
    );
    const snapshotRow = snapshot.rows[0];
    const snapshotSeq = snapshotRow ? Number(snapshotRow.seq) : 0;
    const updates = await this.updatesAfter(room, snapshotSeq);
    return {
      snapshot: snapshotRow ? new Uint8Array(snapshotRow.data) : null,
      snapshotSeq,
      updates: updates.map((update) => update.data),
      lastSeq: updates.at(-1)?.seq ?? snapshotSeq,
    };
  }

  // Stores the room's SQLite state as its seq 1. Nodes that copy the same
  // room at once store the same plan, and the first insert wins.
  private async copyLocalRoom(room: string): Promise<boolean> {
    const local = this.options.readLocalRoom(room);
    const parts = local.snapshot
      ? [local.snapshot, ...local.updates]
      : local.updates;
    if (parts.length === 0) return false;

    await this.pool.query(
      `INSERT INTO meridian_room_updates (room, seq, data, created_at, person_id)
       VALUES ($1, 1, $2, $3, NULL)
       ON CONFLICT (room, seq) DO NOTHING`,
      [room, Y.mergeUpdates(parts), Date.now()],
    );
    this.options.logger.info(
      { room, sqliteSeq: local.lastSeq },
      "room copied from SQLite to PostgreSQL",
    );
    return true;
  }
}

async function createTables(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [SCHEMA_LOCK]);
    await client.query(SCHEMA);
    await client.query("SELECT pg_advisory_unlock($1)", [SCHEMA_LOCK]);
  } finally {
    client.release();
  }
}
