import type Database from "better-sqlite3";
import type { Role } from "./roles.ts";
import { lazyStatements } from "./storage-schema.ts";

/** Creator of an invite that no person made: the start links and the CLI. */
export const SERVER_CREATOR = "server";

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
}

const COLUMNS = `id, plan_id AS planId, role, created_by AS createdBy,
  created_at AS createdAt, expires_at AS expiresAt,
  revoked_at AS revokedAt, revoked_by AS revokedBy`;

/** The `invites` table. */
export class InviteStore {
  private readonly statements;

  constructor(db: Database.Database, requireTable: () => void) {
    // Prepared on first use, because a read-only database of an older
    // layout has no such table and still serves plans and updates.
    this.statements = lazyStatements(requireTable, () => ({
      insert: db.prepare(
        `INSERT INTO invites (id, plan_id, role, created_by, created_at, expires_at)
         VALUES (@id, @planId, @role, @createdBy, @createdAt, @expiresAt)
         ON CONFLICT (id) DO NOTHING`,
      ),
      get: db.prepare(`SELECT ${COLUMNS} FROM invites WHERE id = ?`),
      listActive: db.prepare(
        `SELECT ${COLUMNS} FROM invites
         WHERE plan_id = ? AND revoked_at IS NULL AND expires_at > ?
         ORDER BY created_at, rowid`,
      ),
      countActive: db.prepare(
        `SELECT COUNT(*) AS count FROM invites
         WHERE plan_id = ? AND revoked_at IS NULL AND expires_at > ?`,
      ),
      revoke: db.prepare(
        `UPDATE invites SET revoked_at = ?, revoked_by = ?
         WHERE id = ? AND revoked_at IS NULL`,
      ),
    }));
  }

  /** Stores an invite; an id that is already stored keeps its row. */
  insert(invite: Omit<InviteRecord, "revokedAt" | "revokedBy">): void {
    this.statements().insert.run(invite);
  }

  get(id: string): InviteRecord | null {
    const row = this.statements().get.get(id) as InviteRecord | undefined;
    return row ?? null;
  }

  /** Lists a plan's invites that are neither revoked nor expired at `now`. */
  listActive(planId: string, now = Date.now()): InviteRecord[] {
    return this.statements().listActive.all(planId, now) as InviteRecord[];
  }

  countActive(planId: string, now = Date.now()): number {
    const row = this.statements().countActive.get(planId, now) as {
      count: number;
    };
    return row.count;
  }

  /** Marks an invite revoked; returns false when it was revoked already. */
  revoke(id: string, revokedBy: string, at = Date.now()): boolean {
    return this.statements().revoke.run(at, revokedBy, id).changes > 0;
  }
}
