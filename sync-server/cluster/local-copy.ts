import Database from "better-sqlite3";
import type { Durability } from "../config.ts";

/** One stored room update with the time it was stored and who sent it. */
export interface RoomRow {
  seq: number;
  data: Uint8Array;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Person of the connection that sent it, or null for the server's own writes. */
  personId: string | null;
}

/** A room's whole stored history in SQLite. */
export interface LocalRoomHistory {
  rows: RoomRow[];
  /** The latest snapshot, or null when the room has none. */
  snapshot: { seq: number; data: Uint8Array } | null;
}

interface SqlRow {
  seq: number;
  data: Buffer;
  createdAt: number;
  personId: string | null;
}

/**
 * The `updates` and `snapshots` tables of the SQLite database in DATA_DIR,
 * kept as a copy of the room updates that cluster nodes store in
 * PostgreSQL. Versions, history, timeline, pay, review status, backups and
 * the command line read rooms from SQLite, so with this copy they see the
 * edits made on every node. Rows keep PostgreSQL's seqs, which are the
 * seqs SQLite had before the room moved to PostgreSQL, so versions saved
 * before keep pointing at the same state.
 *
 * It has a connection of its own, so the node's other SQLite work keeps its
 * prepared statements.
 */
export class LocalRoomCopy {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file: string, durability: Durability) {
    this.db = new Database(file, { fileMustExist: true });
    this.db.pragma("busy_timeout = 5000");
    this.db.pragma(
      `synchronous = ${durability === "full" ? "FULL" : "NORMAL"}`,
    );
    this.statements = {
      rows: this.db.prepare(
        `SELECT seq, data, created_at AS createdAt, person_id AS personId
         FROM updates WHERE room = ? ORDER BY seq`,
      ),
      latestSnapshot: this.db.prepare(
        "SELECT seq, data FROM snapshots WHERE room = ? ORDER BY seq DESC LIMIT 1",
      ),
      seqsBetween: this.db.prepare(
        "SELECT seq FROM updates WHERE room = ? AND seq > ? AND seq <= ? ORDER BY seq",
      ),
      storedData: this.db.prepare(
        "SELECT data FROM updates WHERE room = ? AND seq = ?",
      ),
      upsert: this.db.prepare(
        `INSERT OR REPLACE INTO updates (room, seq, data, created_at, person_id)
         VALUES (@room, @seq, @data, @createdAt, @personId)`,
      ),
      insertSnapshot: this.db.prepare(
        "INSERT OR REPLACE INTO snapshots (room, seq, data, created_at) VALUES (?, ?, ?, ?)",
      ),
    };
  }

  /** Reads every stored update of a room and its latest snapshot. */
  readRoom(room: string): LocalRoomHistory {
    const rows = (this.statements.rows.all(room) as SqlRow[]).map(toRoomRow);
    const snapshot = this.statements.latestSnapshot.get(room) as
      { seq: number; data: Buffer } | undefined;
    return {
      rows,
      snapshot: snapshot
        ? { seq: snapshot.seq, data: new Uint8Array(snapshot.data) }
        : null,
    };
  }

  /** Returns the seqs in `after + 1 .. upTo` that the copy lacks. */
  missingSeqs(room: string, after: number, upTo: number): number[] {
    const present = new Set(
      (
        this.statements.seqsBetween.all(room, after, upTo) as { seq: number }[]
      ).map((row) => row.seq),
    );
    const missing: number[] = [];
    for (let seq = after + 1; seq <= upTo; seq++) {
      if (!present.has(seq)) missing.push(seq);
    }
    return missing;
  }

  /**
   * Stores rows that PostgreSQL has in one transaction. Returns the seqs
   * whose SQLite row held other bytes and was replaced: such a row was
   * written to SQLite outside the cluster (by the command line, say), and
   * PostgreSQL's row is the one every node applied.
   */
  write(room: string, rows: readonly RoomRow[]): number[] {
    // IMMEDIATE takes the write lock before the first read. A deferred
    // transaction that read first fails at once with SQLITE_BUSY_SNAPSHOT
    // when another node wrote meanwhile, where this one waits its turn.
    return this.db
      .transaction(() => {
        const replaced: number[] = [];
        for (const row of rows) {
          const stored = this.statements.storedData.get(room, row.seq) as
            { data: Buffer } | undefined;
          if (stored && Buffer.compare(stored.data, row.data) === 0) continue;
          if (stored) replaced.push(row.seq);
          this.statements.upsert.run({ room, ...row });
        }
        return replaced;
      })
      .immediate();
  }

  /** Stores the merged state of a room as of update `seq`. */
  writeSnapshot(room: string, seq: number, state: Uint8Array): void {
    this.statements.insertSnapshot.run(room, seq, state, Date.now());
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toRoomRow(row: SqlRow): RoomRow {
  return {
    seq: row.seq,
    data: new Uint8Array(row.data),
    createdAt: row.createdAt,
    personId: row.personId,
  };
}
