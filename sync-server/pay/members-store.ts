import type Database from "better-sqlite3";
import { lazyStatements } from "../storage-schema.ts";

/** A person's pay access in one plan, as an invite or an administrator set it. */
export interface PayMemberRecord {
  planId: string;
  personId: string;
  admin: boolean;
  /** Planning rep id the person is, or null. */
  repId: string | null;
  /** Milliseconds since the epoch. */
  updatedAt: number;
  /** Person id of the administrator, or "invite:<id>" for a join. */
  updatedBy: string;
}

interface MemberRow extends Omit<PayMemberRecord, "admin"> {
  admin: number;
}

const COLUMNS = `plan_id AS planId, person_id AS personId, admin,
  rep_id AS repId, updated_at AS updatedAt, updated_by AS updatedBy`;

/** The `pay_members` table. */
export class PayMemberStore {
  private readonly statements;

  constructor(db: Database.Database, requireTable: () => void) {
    this.statements = lazyStatements(requireTable, () => ({
      get: db.prepare(
        `SELECT ${COLUMNS} FROM pay_members WHERE plan_id = ? AND person_id = ?`,
      ),
      upsert: db.prepare(
        `INSERT INTO pay_members (plan_id, person_id, admin, rep_id, updated_at, updated_by)
         VALUES (@planId, @personId, @admin, @repId, @updatedAt, @updatedBy)
         ON CONFLICT (plan_id, person_id) DO UPDATE SET
           admin = excluded.admin, rep_id = excluded.rep_id,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ),
    }));
  }

  get(planId: string, personId: string): PayMemberRecord | null {
    const row = this.statements().get.get(planId, personId) as
      MemberRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** Stores a person's pay access, replacing what they had. */
  set(record: PayMemberRecord): void {
    this.statements().upsert.run({ ...record, admin: record.admin ? 1 : 0 });
  }
}

function fromRow(row: MemberRow): PayMemberRecord {
  return { ...row, admin: row.admin === 1 };
}
