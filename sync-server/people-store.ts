import type Database from "better-sqlite3";
import type { Role } from "./roles.ts";
import { lazyStatements } from "./storage-schema.ts";

/** A person's membership of one plan. Times are milliseconds since the epoch. */
export interface MemberRecord {
  planId: string;
  personId: string;
  name: string;
  role: Role;
  /** Invite the person joined with; null for the plan's creator. */
  inviteId: string | null;
  joinedAt: number;
  removedAt: number | null;
  removedBy: string | null;
}

/** A plan a person belongs to, with the plan's name. */
export interface MembershipRecord {
  planId: string;
  planName: string;
  role: Role;
  joinedAt: number;
  planCreatedAt: number;
}

const COLUMNS = `plan_id AS planId, person_id AS personId, name, role,
  invite_id AS inviteId, joined_at AS joinedAt, removed_at AS removedAt,
  removed_by AS removedBy`;

/** The `people` table: who joined which plan, and who was removed. */
export class PeopleStore {
  private readonly statements;

  constructor(db: Database.Database, requireTable: () => void) {
    this.statements = lazyStatements(requireTable, () => ({
      insert: db.prepare(
        `INSERT INTO people (plan_id, person_id, name, role, invite_id, joined_at)
         VALUES (@planId, @personId, @name, @role, @inviteId, @joinedAt)
         ON CONFLICT (plan_id, person_id) DO NOTHING`,
      ),
      get: db.prepare(
        `SELECT ${COLUMNS} FROM people WHERE plan_id = ? AND person_id = ?`,
      ),
      rename: db.prepare(
        `UPDATE people SET name = ? WHERE person_id = ? AND removed_at IS NULL`,
      ),
      listMembers: db.prepare(
        `SELECT ${COLUMNS} FROM people
         WHERE plan_id = ? AND removed_at IS NULL
         ORDER BY joined_at, person_id`,
      ),
      countMembers: db.prepare(
        `SELECT COUNT(*) AS count FROM people
         WHERE plan_id = ? AND removed_at IS NULL`,
      ),
      listMemberships: db.prepare(
        `SELECT people.plan_id AS planId, plans.name AS planName, people.role,
           people.joined_at AS joinedAt, plans.created_at AS planCreatedAt
         FROM people JOIN plans ON plans.id = people.plan_id
         WHERE people.person_id = ? AND people.removed_at IS NULL
         ORDER BY plans.name COLLATE NOCASE, plans.id`,
      ),
      remove: db.prepare(
        `UPDATE people SET removed_at = ?, removed_by = ?
         WHERE plan_id = ? AND person_id = ? AND removed_at IS NULL`,
      ),
    }));
  }

  /** Stores a membership; a person already recorded for the plan keeps the row. */
  insert(member: Omit<MemberRecord, "removedAt" | "removedBy">): void {
    this.statements().insert.run(member);
  }

  get(planId: string, personId: string): MemberRecord | null {
    const row = this.statements().get.get(planId, personId) as
      MemberRecord | undefined;
    return row ?? null;
  }

  /** Sets a person's name in every plan they belong to. */
  rename(personId: string, name: string): void {
    this.statements().rename.run(name, personId);
  }

  /** Lists the people of a plan who were not removed, earliest first. */
  listMembers(planId: string): MemberRecord[] {
    return this.statements().listMembers.all(planId) as MemberRecord[];
  }

  countMembers(planId: string): number {
    const row = this.statements().countMembers.get(planId) as {
      count: number;
    };
    return row.count;
  }

  /** Lists the plans a person belongs to, by plan name. */
  listMemberships(personId: string): MembershipRecord[] {
    return this.statements().listMemberships.all(
      personId,
    ) as MembershipRecord[];
  }

  /** Marks a person removed from a plan; returns false when they were not a member. */
  remove(
    planId: string,
    personId: string,
    removedBy: string,
    at = Date.now(),
  ): boolean {
    const result = this.statements().remove.run(
      at,
      removedBy,
      planId,
      personId,
    );
    return result.changes > 0;
  }
}
