import type Database from "better-sqlite3";
import { lazyStatements } from "../storage-schema.ts";
import type {
  AdjustmentEntry,
  LedgerRecord,
} from "../../model/incentives/ledger/index.ts";

interface RecordRow extends Omit<LedgerRecord, "statement"> {
  statement: string | null;
}

/**
 * The append-only `pay_records` and `pay_adjustments` tables. SQLite
 * triggers abort any UPDATE or DELETE on them, so this store only appends.
 */
export class LedgerStore {
  private readonly statements;

  constructor(db: Database.Database, requireTable: () => void) {
    this.statements = lazyStatements(requireTable, () => ({
      records: db.prepare(
        `SELECT seq, kind, rep_id AS repId, period_id AS periodId, digest,
           statement, person_id AS personId, at
         FROM pay_records WHERE plan_id = ? ORDER BY seq`,
      ),
      // The next seq is computed in the same statement, as for room updates.
      appendRecord: db.prepare(
        `INSERT INTO pay_records
           (plan_id, seq, kind, rep_id, period_id, digest, statement, person_id, at)
         SELECT @planId, COALESCE(MAX(seq), 0) + 1, @kind, @repId, @periodId,
           @digest, @statement, @personId, @at
         FROM pay_records WHERE plan_id = @planId
         RETURNING seq`,
      ),
      adjustments: db.prepare(
        `SELECT id, rep_id AS repId, period_id AS periodId, amount, reason,
           dispute_id AS disputeId, person_id AS personId, at
         FROM pay_adjustments WHERE plan_id = ? ORDER BY at, id`,
      ),
      appendAdjustment: db.prepare(
        `INSERT INTO pay_adjustments
           (plan_id, id, rep_id, period_id, amount, reason, dispute_id, person_id, at)
         VALUES (@planId, @id, @repId, @periodId, @amount, @reason, @disputeId,
           @personId, @at)`,
      ),
    }));
  }

  /** Lists a plan's submissions and approvals in the order they were made. */
  records(planId: string): LedgerRecord[] {
    const rows = this.statements().records.all(planId) as RecordRow[];
    return rows.map((row) => ({
      ...row,
      statement: row.statement === null ? null : JSON.parse(row.statement),
    }));
  }

  /** Appends a submission or approval and returns it with its seq. */
  appendRecord(
    planId: string,
    record: Omit<LedgerRecord, "seq">,
  ): LedgerRecord {
    const row = this.statements().appendRecord.get({
      planId,
      ...record,
      statement:
        record.statement === null ? null : JSON.stringify(record.statement),
    }) as { seq: number };
    return { ...record, seq: row.seq };
  }

  /** Lists a plan's adjustments in the order they were entered. */
  adjustments(planId: string): AdjustmentEntry[] {
    return this.statements().adjustments.all(planId) as AdjustmentEntry[];
  }

  appendAdjustment(planId: string, entry: AdjustmentEntry): void {
    this.statements().appendAdjustment.run({ planId, ...entry });
  }
}
