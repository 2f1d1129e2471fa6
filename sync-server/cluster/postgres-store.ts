import pg from "pg";
import * as Y from "yjs";
import type { Logger } from "../log.ts";
import type { StoredRoom } from "../storage.ts";
import { InFlight } from "./in-flight.ts";
import type { LocalRoomCopy, RoomRow } from "./local-copy.ts";
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
);
CREATE OR REPLACE FUNCTION meridian_append_room_updates(
  p_room text, p_data bytea[], p_created_at bigint, p_person_ids text[]
) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  last_seq bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(${ROOM_LOCK_CLASS}, hashtext(p_room));
  SELECT COALESCE(MAX(seq), 0) INTO last_seq
  FROM meridian_room_updates WHERE room = p_room;
  INSERT INTO meridian_room_updates (room, seq, data, created_at, person_id)
  SELECT p_room, last_seq + item.n, item.data, p_created_at, p_person_ids[item.n]
  FROM unnest(p_data) WITH ORDINALITY AS item(data, n);
  RETURN last_seq + 1;
END $$;`;

/**
 * Milliseconds to wait for a new connection, or for a free one when every
 * pooled connection is busy. Without a limit, a write to a server that
 * accepts TCP but never responds would wait forever, and with it every later
 * write to the same room.
 */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Milliseconds to wait for one query's result. A write that times out fails
 * like any other, so its connection closes and the client resends.
 */
const QUERY_TIMEOUT_MS = 15_000;

export interface PostgresStoreOptions {
  databaseUrl: string;
  logger: Logger;
  /** Milliseconds to wait for a connection, 5000 by default. */
  connectTimeoutMs?: number;
  /** Milliseconds to wait for a query's result, 15000 by default. */
  queryTimeoutMs?: number;
  /**
   * The SQLite copy of the rooms in DATA_DIR. A room that PostgreSQL does
   * not have yet starts from its rows there, because plans are still created
   * in SQLite, and every update stored in PostgreSQL is copied back to it.
   */
  local?: LocalRoomCopy;
  /**
   * Reads a room from SQLite when there is no `local` copy. PostgreSQL then
   * gets its merged state as seq 1, and nothing is copied back.
   */
  readLocalRoom?: (room: string) => StoredRoom;
}

/** Milliseconds between a failed copy to SQLite and the refresh that retries it. */
const LOCAL_RETRY_MS = 1_000;

/** Rows per INSERT when a room's SQLite history moves to PostgreSQL. */
const COPY_CHUNK_ROWS = 2_000;

/** Room updates and snapshots in PostgreSQL, shared by every server node. */
export class PostgresUpdateStore implements RoomUpdateStore {
  private readonly pool: pg.Pool;
  private readonly options: PostgresStoreOptions;
  /** Appends and snapshot writes that have not finished. */
  private readonly writes = new InFlight();
  /** Per room, the seq up to which the SQLite copy was found complete. */
  private readonly localComplete = new Map<string, number>();
  /** Per room, the refresh of the SQLite copy that is running. */
  private readonly refreshing = new Map<string, Promise<void>>();
  /** Per room, the refresh planned after a failed copy. */
  private readonly refreshTimers = new Map<string, NodeJS.Timeout>();

  private constructor(pool: pg.Pool, options: PostgresStoreOptions) {
    this.pool = pool;
    this.options = options;
  }

  /** Connects and creates the tables when missing. */
  static async open(
    options: PostgresStoreOptions,
  ): Promise<PostgresUpdateStore> {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      query_timeout: options.queryTimeoutMs ?? QUERY_TIMEOUT_MS,
      keepAlive: true,
    });
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

  appendUpdate(
    room: string,
    update: Uint8Array,
    personId: string | null,
  ): Promise<number> {
    return this.appendUpdates(room, [{ update, personId }]);
  }

  /**
   * Appends several updates to a room in one statement and one commit, and
   * returns the seq of the first. The others follow it in order.
   */
  appendUpdates(
    room: string,
    updates: { update: Uint8Array; personId: string | null }[],
  ): Promise<number> {
    if (updates.length === 0)
      throw new RangeError(`No updates to append to room ${room}.`);
    return this.writes.track(this.insertUpdates(room, updates));
  }

  // Appends to one room run one at a time across all nodes, under a lock
  // that meridian_append_room_updates takes and the commit of the statement
  // frees. It reads the last seq after the lock is taken, and in a VOLATILE
  // function each statement reads what was committed before it started, so
  // it reads every committed seq and continues from the last. One statement
  // is one round trip, where a transaction of BEGIN, lock, INSERT and
  // COMMIT would take four.
  private async insertUpdates(
    room: string,
    updates: { update: Uint8Array; personId: string | null }[],
  ): Promise<number> {
    const createdAt = Date.now();
    const result = await this.pool.query<{ seq: string }>(
      "SELECT meridian_append_room_updates($1, $2, $3, $4) AS seq",
      [
        room,
        updates.map((entry) => entry.update),
        createdAt,
        updates.map((entry) => entry.personId),
      ],
    );
    const first = Number(result.rows[0].seq);
    this.copyToLocal(
      room,
      updates.map((entry, index) => ({
        seq: first + index,
        data: entry.update,
        createdAt,
        personId: entry.personId,
      })),
    );
    return first;
  }

  // The update is committed in PostgreSQL, so a failure here loses nothing.
  // A refresh a second later reads the rows from PostgreSQL, so the copy
  // fills without waiting for a request.
  private copyToLocal(room: string, rows: RoomRow[]): void {
    if (!this.options.local) return;
    try {
      this.logReplaced(room, this.options.local.write(room, rows));
    } catch (error) {
      this.options.logger.warn(
        { err: error, room, seq: rows[0]?.seq, updates: rows.length },
        "copying stored updates to SQLite failed; a refresh copies them",
      );
      this.scheduleRefresh(room);
    }
  }

  private scheduleRefresh(room: string): void {
    if (this.refreshTimers.has(room)) return;
    const timer = setTimeout(() => {
      this.refreshTimers.delete(room);
      this.refreshLocalCopy(room).catch((error: unknown) => {
        this.options.logger.warn(
          { err: error, room },
          "refreshing the SQLite copy failed; trying again",
        );
        this.scheduleRefresh(room);
      });
    }, LOCAL_RETRY_MS);
    timer.unref();
    this.refreshTimers.set(room, timer);
  }

  private logReplaced(room: string, seqs: number[]): void {
    if (seqs.length === 0) return;
    this.options.logger.warn(
      { room, seqs },
      "SQLite held other updates at these seqs, written outside the cluster; PostgreSQL's replaced them",
    );
  }

  /**
   * Copies the updates of `room` that PostgreSQL has and its SQLite copy
   * lacks, so that a read of SQLite returns every update stored before the
   * call. A copy missed when a node stopped between its PostgreSQL commit
   * and its SQLite write is filled here too. Calls for one room share one
   * refresh.
   */
  refreshLocalCopy(room: string): Promise<void> {
    if (!this.options.local) return Promise.resolve();
    let running = this.refreshing.get(room);
    if (running === undefined) {
      running = this.fillLocalCopy(room, this.options.local).finally(() =>
        this.refreshing.delete(room),
      );
      this.refreshing.set(room, running);
    }
    return running;
  }

  private async fillLocalCopy(
    room: string,
    local: LocalRoomCopy,
  ): Promise<void> {
    const last = await this.pool.query<{ seq: string }>(
      "SELECT COALESCE(MAX(seq), 0) AS seq FROM meridian_room_updates WHERE room = $1",
      [room],
    );
    const lastSeq = Number(last.rows[0].seq);
    const complete = this.localComplete.get(room) ?? 0;
    if (lastSeq <= complete) return;

    const missing = local.missingSeqs(room, complete, lastSeq);
    if (missing.length > 0) {
      const rows = await this.pool.query<{
        seq: string;
        data: Buffer;
        created_at: string;
        person_id: string | null;
      }>(
        `SELECT seq, data, created_at, person_id FROM meridian_room_updates
         WHERE room = $1 AND seq = ANY($2::bigint[]) ORDER BY seq`,
        [room, missing],
      );
      this.logReplaced(
        room,
        local.write(
          room,
          rows.rows.map((row) => ({
            seq: Number(row.seq),
            data: new Uint8Array(row.data),
            createdAt: Number(row.created_at),
            personId: row.person_id,
          })),
        ),
      );
      this.options.logger.debug(
        { room, updates: rows.rows.length },
        "SQLite copy of the room refreshed from PostgreSQL",
      );
    }
    this.localComplete.set(room, lastSeq);
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
    await this.writes.track(
      this.pool.query(
        `INSERT INTO meridian_room_snapshots (room, seq, data, created_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (room, seq) DO UPDATE SET data = EXCLUDED.data, created_at = EXCLUDED.created_at`,
        [room, seq, state, Date.now()],
      ),
    );
    // A snapshot only shortens reads, so SQLite can do without one.
    try {
      this.options.local?.writeSnapshot(room, seq, state);
    } catch (error) {
      this.options.logger.warn(
        { err: error, room, seq },
        "copying a snapshot to SQLite failed",
      );
    }
  }

  /**
   * Runs `SELECT 1` and resolves once PostgreSQL returned the result, or
   * rejects with the error or after `timeoutMs`.
   */
  async ping(timeoutMs: number): Promise<void> {
    // node-postgres 8 reads query_timeout per query, but its types lack it.
    const query: pg.QueryConfig & { query_timeout: number } = {
      text: "SELECT 1",
      query_timeout: timeoutMs,
    };
    await this.pool.query(query);
  }

  /**
   * Waits for the appends and snapshot writes that have started, including
   * those a room queues behind them, for at most `timeoutMs`. Returns how
   * many were still running then.
   */
  drainWrites(timeoutMs: number): Promise<number> {
    return this.writes.drain(timeoutMs);
  }

  /** Waits for running queries, then closes every connection. */
  close(): Promise<void> {
    for (const timer of this.refreshTimers.values()) clearTimeout(timer);
    this.refreshTimers.clear();
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

  // Moves the room's SQLite history to PostgreSQL with its seqs, so that
  // versions saved before keep their meaning. The room's lock makes a node
  // that copies at the same time find the rows there and copy nothing.
  private async copyLocalRoom(room: string): Promise<boolean> {
    if (!this.options.local) return this.copyMergedLocalRoom(room);
    const local = this.options.local.readRoom(room);
    if (local.rows.length === 0) return false;

    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [
        ROOM_LOCK_CLASS,
        room,
      ]);
      const stored = await client.query(
        "SELECT 1 FROM meridian_room_updates WHERE room = $1 LIMIT 1",
        [room],
      );
      if (stored.rows.length === 0) {
        await insertRows(client, room, local.rows);
        if (local.snapshot) {
          await client.query(
            `INSERT INTO meridian_room_snapshots (room, seq, data, created_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (room, seq) DO NOTHING`,
            [room, local.snapshot.seq, local.snapshot.data, Date.now()],
          );
        }
      }
      await client.query("COMMIT");
      if (stored.rows.length === 0) {
        this.options.logger.info(
          { room, updates: local.rows.length, seq: local.rows.at(-1)!.seq },
          "room copied from SQLite to PostgreSQL",
        );
      }
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    return true;
  }

  // Without a SQLite copy the room starts from its merged state as seq 1.
  // Nodes that copy the same room at once store the same plan, and the first
  // insert wins.
  private async copyMergedLocalRoom(room: string): Promise<boolean> {
    const local = this.options.readLocalRoom?.(room);
    if (!local) return false;
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

async function insertRows(
  client: pg.PoolClient,
  room: string,
  rows: readonly RoomRow[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += COPY_CHUNK_ROWS) {
    const chunk = rows.slice(start, start + COPY_CHUNK_ROWS);
    await client.query(
      `INSERT INTO meridian_room_updates (room, seq, data, created_at, person_id)
       SELECT $1, item.seq, item.data, item.created_at, item.person_id
       FROM unnest($2::bigint[], $3::bytea[], $4::bigint[], $5::text[])
         AS item(seq, data, created_at, person_id)`,
      [
        room,
        chunk.map((row) => row.seq),
        chunk.map((row) => row.data),
        chunk.map((row) => row.createdAt),
        chunk.map((row) => row.personId),
      ],
    );
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
