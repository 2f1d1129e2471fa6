import type Database from "better-sqlite3";
import type { Role } from "./roles.ts";
import { lazyStatements } from "./storage-schema.ts";

/** Creator of an invite that no person made: the start links and the CLI. */
export const SERVER_CREATOR = "server";

/** Pay role an invite can grant besides its plan role. */
export type InvitePayRole = "admin";

/** One invite link. Times are milliseconds since the epoch. */
export interface InviteRecord {
  id: string;
  planId: string;
  role: Role;
  /** Person id of the editor who made it, or "server". */
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
  /** "admin" for an incentives administrator invite, else null. */
  payRole: InvitePayRole | null;
  /** Rep id of a personal pay invite, which works once; else null. */
  repId: string | null;
  /** Person who joined with a personal pay invite, or null while unused. */
  usedBy: string | null;
}

/** An invite to store; the pay fields default to null. */
export type NewInvite = Omit<
  InviteRecord,
  "revokedAt" | "revokedBy" | "payRole" | "repId" | "usedBy"
> &
  Partial<Pick<InviteRecord, "payRole" | "repId">>;

const BASE_COLUMNS = `id, plan_id AS planId, role, created_by AS createdBy,
  created_at AS createdAt, expires_at AS expiresAt,
  revoked_at AS revokedAt, revoked_by AS revokedBy`;

// A database of storage version 2 opened read-only has no pay columns.
const PAY_COLUMNS = "pay_role AS payRole, rep_id AS repId, used_by AS usedBy";
const NO_PAY_COLUMNS = "NULL AS payRole, NULL AS repId, NULL AS usedBy";

/** The `invites` table. */
export class InviteStore {
  private readonly statements;

  constructor(
    db: Database.Database,
    requireTable: () => void,
    hasPayColumns: boolean,
  ) {
    const COLUMNS = `${BASE_COLUMNS}, ${hasPayColumns ? PAY_COLUMNS : NO_PAY_COLUMNS}`;
    // Prepared on first use, because a read-only database of an older
    // layout has no such table and still serves plans and updates.
    this.statements = lazyStatements(requireTable, () => ({
      insert: db.prepare(
        hasPayColumns
          ? `INSERT INTO invites (id, plan_id, role, created_by, created_at, expires_at, pay_role, rep_id)
             VALUES (@id, @planId, @role, @createdBy, @createdAt, @expiresAt, @payRole, @repId)
             ON CONFLICT (id) DO NOTHING`
          : `INSERT INTO invites (id, plan_id, role, created_by, created_at, expires_at)
             VALUES (@id, @planId, @role, @createdBy, @createdAt, @expiresAt)
             ON CONFLICT (id) DO NOTHING`,
      ),
      get: db.prepare(`SELECT ${COLUMNS} FROM invites WHERE id = ?`),
      // Pay invites grant pay access, so only the pay API lists them and the
      // plan's share list leaves them out.
      listActive: db.prepare(
        `SELECT ${COLUMNS} FROM invites
         WHERE plan_id = ? AND revoked_at IS NULL AND expires_at > ?
         ${hasPayColumns ? "AND pay_role IS NULL AND rep_id IS NULL" : ""}
         ORDER BY created_at, rowid`,
      ),
      listActivePay: db.prepare(
        `SELECT ${COLUMNS} FROM invites
         WHERE plan_id = ? AND revoked_at IS NULL AND expires_at > ?
         ${hasPayColumns ? "AND (pay_role IS NOT NULL OR rep_id IS NOT NULL)" : "AND 0"}
         ORDER BY created_at, rowid`,
      ),
      countActive: db.prepare(
        `SELECT COUNT(*) AS count FROM invites
         WHERE plan_id = ? AND revoked_at IS NULL AND expires_at > ?
         ${hasPayColumns ? "AND pay_role IS NULL AND rep_id IS NULL" : ""}`,
      ),
      revoke: db.prepare(
        `UPDATE invites SET revoked_at = ?, revoked_by = ?
         WHERE id = ? AND revoked_at IS NULL`,
      ),
      markUsed: hasPayColumns
        ? db.prepare(
            `UPDATE invites SET used_by = ? WHERE id = ? AND used_by IS NULL`,
          )
        : null,
    }));
  }

  /** Stores an invite; an id that is already stored keeps its row. */
  insert(invite: NewInvite): void {
    this.statements().insert.run({ payRole: null, repId: null, ...invite });
  }

  get(id: string): InviteRecord | null {
    const row = this.statements().get.get(id) as InviteRecord | undefined;
    return row ?? null;
  }

  /**
   * Lists a plan's invites without pay grants that are neither revoked nor
   * expired at `now`.
   */
  listActive(planId: string, now = Date.now()): InviteRecord[] {
    return this.statements().listActive.all(planId, now) as InviteRecord[];
  }

  /** Lists a plan's pay invites that are neither revoked nor expired at `now`. */
  listActivePay(planId: string, now = Date.now()): InviteRecord[] {
    return this.statements().listActivePay.all(planId, now) as InviteRecord[];
  }

  countActive(planId: string, now = Date.now()): number {
    const row = this.statements().countActive.get(planId, now) as {
      count: number;
    };
    return row.count;
  }

  /**
   * Records the person who used a single-use invite. Returns false when
   * someone used it already.
   */
  markUsed(id: string, personId: string): boolean {
    const markUsed = this.statements().markUsed;
    if (markUsed === null) return false;
    return markUsed.run(personId, id).changes > 0;
  }

  /** Marks an invite revoked; returns false when it was revoked already. */
  revoke(id: string, revokedBy: string, at = Date.now()): boolean {
    return this.statements().revoke.run(at, revokedBy, id).changes > 0;
  }
}
