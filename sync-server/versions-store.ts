import type Database from "better-sqlite3";
import { lazyStatements } from "./storage-schema.ts";

/** One named version of a plan. Times are milliseconds since the epoch. */
export interface VersionRecord {
  id: string;
  planId: string;
  name: string;
  /** Empty when the editor gave no note. */
  note: string;
  /** Seq of the last stored update of the plan room when it was saved. */
  seq: number;
  /** Person id of the editor who saved it. */
  createdBy: string;
  /** That person's display name in the plan, or null when unknown. */
  createdByName: string | null;
  createdAt: number;
}

/** A version to store. Its seq is read from the room in the same statement. */
export type NewVersion = Omit<VersionRecord, "seq" | "createdByName">;

/** Stored state of a plan room up to a version's seq. */
export interface StoredVersionState {
  /** Merged state up to `snapshotSeq`, or null when no snapshot fits. */
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  /** Updates after the snapshot up to the version's seq, in order. */
  updates: Uint8Array[];
}

/** One stored update of a plan room, without its bytes, for the timeline. */
export interface TimelineRow {
  seq: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Person whose connection sent the update, or null for the server's own writes. */
  personId: string | null;
  /** That person's display name in the plan, or null when unknown. */
  name: string | null;
}

const COLUMNS = `v.id, v.plan_id AS planId, v.name, v.note, v.seq,
  v.created_by AS createdBy, p.name AS createdByName, v.created_at AS createdAt`;

/** The `versions` table, and the room history that rebuilds a version. */
export class VersionStore {
  private readonly statements;

  constructor(db: Database.Database, requireTable: () => void) {
    // Prepared on first use, because a read-only database of an older
    // layout has no such table and still serves plans and updates.
    this.statements = lazyStatements(requireTable, () => ({
      // The seq is read in the same statement, so it is the room's last
      // stored update even when another update is stored concurrently.
      insert: db.prepare(
        `INSERT INTO versions (id, plan_id, name, note, seq, created_by, created_at)
         SELECT @id, @planId, @name, @note, COALESCE(MAX(seq), 0), @createdBy, @createdAt
         FROM updates WHERE room = @planId
         RETURNING seq`,
      ),
      get: db.prepare(
        `SELECT ${COLUMNS} FROM versions v
         LEFT JOIN people p ON p.plan_id = v.plan_id AND p.person_id = v.created_by
         WHERE v.id = ?`,
      ),
      list: db.prepare(
        `SELECT ${COLUMNS} FROM versions v
         LEFT JOIN people p ON p.plan_id = v.plan_id AND p.person_id = v.created_by
         WHERE v.plan_id = ?
         ORDER BY v.created_at DESC, v.rowid DESC`,
      ),
      snapshotAtOrBefore: db.prepare(
        `SELECT seq, data FROM snapshots WHERE room = ? AND seq <= ?
         ORDER BY seq DESC LIMIT 1`,
      ),
      timeline: db.prepare(
        `SELECT u.seq, u.created_at AS createdAt, u.person_id AS personId,
           p.name AS name
         FROM updates u
         LEFT JOIN people p ON p.plan_id = @planId AND p.person_id = u.person_id
         WHERE u.room = @planId ORDER BY u.seq`,
      ),
      updatesBetween: db.prepare(
        `SELECT data FROM updates WHERE room = ? AND seq > ? AND seq <= ?
         ORDER BY seq`,
      ),
    }));
  }

  /** Stores a version at the plan room's last stored update and returns it. */
  insert(version: NewVersion): VersionRecord {
    const row = this.statements().insert.get(version) as { seq: number };
    const stored = this.get(version.id);
    return stored ?? { ...version, seq: row.seq, createdByName: null };
  }

  get(id: string): VersionRecord | null {
    const row = this.statements().get.get(id) as VersionRecord | undefined;
    return row ?? null;
  }

  /** Lists a plan's versions, newest first. */
  list(planId: string): VersionRecord[] {
    return this.statements().list.all(planId) as VersionRecord[];
  }

  /** Lists every stored update of a plan room in seq order, without its bytes. */
  readTimeline(planId: string): TimelineRow[] {
    return this.statements().timeline.all({ planId }) as TimelineRow[];
  }

  /**
   * Reads what rebuilds `room` as of update `seq`: the latest snapshot at or
   * before `seq` and the updates after it up to `seq`.
   */
  readStateAt(room: string, seq: number): StoredVersionState {
    const statements = this.statements();
    const snapshot = statements.snapshotAtOrBefore.get(room, seq) as
      { seq: number; data: Buffer } | undefined;
    const snapshotSeq = snapshot?.seq ?? 0;
    const rows = statements.updatesBetween.all(room, snapshotSeq, seq) as {
      data: Buffer;
    }[];
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
      snapshotSeq,
      updates: rows.map((row) => new Uint8Array(row.data)),
    };
  }
}
