import type Database from "better-sqlite3";
import { lazyStatements } from "./storage-schema.ts";

/** One entry of a plan's append-only review log. Times are ms since the epoch. */
export interface ReviewEvent {
  id: string;
  planId: string;
  /** Action taken, such as "request-review" or "approve". */
  action: string;
  /** Plan status after the action. */
  status: string;
  /** Canonical content hash of the plan when the action was taken. */
  contentHash: string;
  /** Seq of the plan room's last stored update at that moment. */
  planSeq: number;
  /** Empty when the person gave no comment. */
  comment: string;
  personId: string;
  createdAt: number;
}

const COLUMNS = `id, plan_id AS planId, action, status,
  content_hash AS contentHash, plan_seq AS planSeq, comment,
  person_id AS personId, created_at AS createdAt`;

/** The `review_events` table; rows are only ever added. */
export class ReviewStore {
  private readonly statements;

  constructor(db: Database.Database, requireTable: () => void) {
    this.statements = lazyStatements(requireTable, () => ({
      insert: db.prepare(
        `INSERT INTO review_events (id, plan_id, action, status, content_hash,
           plan_seq, comment, person_id, created_at)
         VALUES (@id, @planId, @action, @status, @contentHash, @planSeq,
           @comment, @personId, @createdAt)`,
      ),
      list: db.prepare(
        `SELECT ${COLUMNS} FROM review_events WHERE plan_id = ?
         ORDER BY created_at, rowid`,
      ),
    }));
  }

  insert(event: ReviewEvent): void {
    this.statements().insert.run(event);
  }

  /** Lists a plan's review events, oldest first. */
  list(planId: string): ReviewEvent[] {
    return this.statements().list.all(planId) as ReviewEvent[];
  }
}
