import type Database from "better-sqlite3";
import { lazyStatements } from "../storage-schema.ts";

export type DisputeStatus = "open" | "accepted" | "rejected";

/** A rep's dispute of one statement line. Times are milliseconds since the epoch. */
export interface DisputeRecord {
  id: string;
  repId: string;
  periodId: string;
  /** Id of the disputed payout line. */
  lineId: string;
  reason: string;
  status: DisputeStatus;
  raisedBy: string;
  raisedAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
}

/** One message on a dispute, in the order written. */
export interface DisputeMessageRecord {
  disputeId: string;
  personId: string;
  text: string;
  at: number;
}

const COLUMNS = `id, rep_id AS repId, period_id AS periodId, line_id AS lineId,
  reason, status, raised_by AS raisedBy, raised_at AS raisedAt,
  resolved_at AS resolvedAt, resolved_by AS resolvedBy`;

/** The `disputes` and `dispute_messages` tables. */
export class DisputeStore {
  private readonly statements;

  constructor(db: Database.Database, requireTable: () => void) {
    this.statements = lazyStatements(requireTable, () => ({
      insert: db.prepare(
        `INSERT INTO disputes (plan_id, id, rep_id, period_id, line_id, reason,
           status, raised_by, raised_at)
         VALUES (@planId, @id, @repId, @periodId, @lineId, @reason, 'open',
           @raisedBy, @raisedAt)`,
      ),
      get: db.prepare(
        `SELECT ${COLUMNS} FROM disputes WHERE plan_id = ? AND id = ?`,
      ),
      listOfStatement: db.prepare(
        `SELECT ${COLUMNS} FROM disputes
         WHERE plan_id = ? AND rep_id = ? AND period_id = ?
         ORDER BY raised_at, id`,
      ),
      resolve: db.prepare(
        `UPDATE disputes SET status = ?, resolved_at = ?, resolved_by = ?
         WHERE plan_id = ? AND id = ? AND status = 'open'`,
      ),
      messages: db.prepare(
        `SELECT dispute_id AS disputeId, person_id AS personId, text, at
         FROM dispute_messages WHERE plan_id = ? AND dispute_id = ?
         ORDER BY seq`,
      ),
      appendMessage: db.prepare(
        `INSERT INTO dispute_messages (plan_id, dispute_id, seq, person_id, text, at)
         SELECT @planId, @disputeId, COALESCE(MAX(seq), 0) + 1, @personId, @text, @at
         FROM dispute_messages WHERE plan_id = @planId AND dispute_id = @disputeId`,
      ),
    }));
  }

  /** Stores a new open dispute. */
  insert(
    planId: string,
    dispute: Omit<DisputeRecord, "status" | "resolvedAt" | "resolvedBy">,
  ): void {
    this.statements().insert.run({ planId, ...dispute });
  }

  get(planId: string, id: string): DisputeRecord | null {
    const row = this.statements().get.get(planId, id) as
      DisputeRecord | undefined;
    return row ?? null;
  }

  /** Lists the disputes of one rep's statement for one period, oldest first. */
  listOfStatement(
    planId: string,
    repId: string,
    periodId: string,
  ): DisputeRecord[] {
    return this.statements().listOfStatement.all(
      planId,
      repId,
      periodId,
    ) as DisputeRecord[];
  }

  /** Closes an open dispute; returns false when it was closed already. */
  resolve(
    planId: string,
    id: string,
    outcome: Exclude<DisputeStatus, "open">,
    personId: string,
    at: number,
  ): boolean {
    const result = this.statements().resolve.run(
      outcome,
      at,
      personId,
      planId,
      id,
    );
    return result.changes > 0;
  }

  messages(planId: string, disputeId: string): DisputeMessageRecord[] {
    return this.statements().messages.all(
      planId,
      disputeId,
    ) as DisputeMessageRecord[];
  }

  appendMessage(planId: string, message: DisputeMessageRecord): void {
    this.statements().appendMessage.run({ planId, ...message });
  }
}
