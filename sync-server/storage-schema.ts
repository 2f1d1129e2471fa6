import type Database from "better-sqlite3";
import { StorageError } from "./storage-error.ts";

/** Version of the table layout below, kept in SQLite's user_version. */
export const STORAGE_VERSION = 5;

// `updates` is append-only: every accepted Yjs update of every room, in the
// order the server applied it, so that any past state can be rebuilt.
// `snapshots` contains the merged state of a room up to `seq`, so loading a
// room reads one snapshot and the updates after it, not its whole history.
const VERSION_1 = `
CREATE TABLE IF NOT EXISTS plans (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS updates (
  room TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  person_id TEXT,
  PRIMARY KEY (room, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (
  room TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (room, seq)
) WITHOUT ROWID;
`;

// `invites` has one row per invite link, so a link can be listed and revoked
// before its token expires. `people` has one row per person and plan; a
// removed person keeps the row with `removed_at` set, so that their person
// token stays rejected.
const VERSION_2 = `
CREATE TABLE IF NOT EXISTS invites (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL,
  role TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER,
  revoked_by TEXT
);
CREATE INDEX IF NOT EXISTS invites_by_plan ON invites (plan_id, created_at);
CREATE TABLE IF NOT EXISTS people (
  plan_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  invite_id TEXT,
  joined_at INTEGER NOT NULL,
  removed_at INTEGER,
  removed_by TEXT,
  PRIMARY KEY (plan_id, person_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS people_by_person ON people (person_id);
`;

// Pay data of each plan, kept out of every Yjs document because it is
// confidential. `pay_members` contains a person's pay access when it was set
// by an invite or an administrator. `pay_records` (submissions and
// approvals) and `pay_adjustments` are append-only: triggers abort any UPDATE
// or DELETE, so an approved statement can never be changed in place. A
// personal invite (rep_id set) is single use: `used_by` names the person who
// joined with it.
const VERSION_3 = `
ALTER TABLE invites ADD COLUMN pay_role TEXT;
ALTER TABLE invites ADD COLUMN rep_id TEXT;
ALTER TABLE invites ADD COLUMN used_by TEXT;
CREATE TABLE IF NOT EXISTS pay_members (
  plan_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  admin INTEGER NOT NULL,
  rep_id TEXT,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (plan_id, person_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS deals (
  plan_id TEXT NOT NULL,
  id TEXT NOT NULL,
  deal TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  imported_by TEXT NOT NULL,
  PRIMARY KEY (plan_id, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pay_records (
  plan_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('submitted', 'approved')),
  rep_id TEXT NOT NULL,
  period_id TEXT NOT NULL,
  digest TEXT NOT NULL,
  statement TEXT,
  person_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (plan_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS pay_records_no_update BEFORE UPDATE ON pay_records
BEGIN SELECT RAISE(ABORT, 'pay_records is append-only: append a new record instead of updating one'); END;
CREATE TRIGGER IF NOT EXISTS pay_records_no_delete BEFORE DELETE ON pay_records
BEGIN SELECT RAISE(ABORT, 'pay_records is append-only: records cannot be deleted'); END;
CREATE TABLE IF NOT EXISTS pay_adjustments (
  plan_id TEXT NOT NULL,
  id TEXT NOT NULL,
  rep_id TEXT NOT NULL,
  period_id TEXT NOT NULL,
  amount TEXT NOT NULL,
  reason TEXT NOT NULL,
  dispute_id TEXT,
  person_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (plan_id, id)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS pay_adjustments_no_update BEFORE UPDATE ON pay_adjustments
BEGIN SELECT RAISE(ABORT, 'pay_adjustments is append-only: enter a new adjustment instead of updating one'); END;
CREATE TRIGGER IF NOT EXISTS pay_adjustments_no_delete BEFORE DELETE ON pay_adjustments
BEGIN SELECT RAISE(ABORT, 'pay_adjustments is append-only: enter an opposite adjustment instead of deleting one'); END;
CREATE TABLE IF NOT EXISTS disputes (
  plan_id TEXT NOT NULL,
  id TEXT NOT NULL,
  rep_id TEXT NOT NULL,
  period_id TEXT NOT NULL,
  line_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
  raised_by TEXT NOT NULL,
  raised_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolved_by TEXT,
  PRIMARY KEY (plan_id, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS disputes_by_statement ON disputes (plan_id, rep_id, period_id);
CREATE TABLE IF NOT EXISTS dispute_messages (
  plan_id TEXT NOT NULL,
  dispute_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  person_id TEXT NOT NULL,
  text TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (plan_id, dispute_id, seq)
) WITHOUT ROWID;
`;

// `versions` has one row per named version of a plan. `seq` is the last
// update of the plan room that was stored when the version was saved, so
// replaying the room's updates up to `seq` rebuilds the plan at that point.
const VERSION_4 = `
CREATE TABLE IF NOT EXISTS versions (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL,
  name TEXT NOT NULL,
  note TEXT NOT NULL,
  seq INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_by_plan ON versions (plan_id, created_at);
`;

// `client_ids` registers each Yjs client id of a room to the person whose
// authenticated connection announced it first, so that history can name
// the author of each change even when another connection relayed it.
// `review_events` is the append-only log of a plan's review status:
// requests for review, approvals with the content hash they approve,
// send-backs and publications.
const VERSION_5 = `
CREATE TABLE IF NOT EXISTS client_ids (
  room TEXT NOT NULL,
  client_id INTEGER NOT NULL,
  person_id TEXT NOT NULL,
  registered_at INTEGER NOT NULL,
  PRIMARY KEY (room, client_id)
);
CREATE TABLE IF NOT EXISTS review_events (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL,
  action TEXT NOT NULL,
  status TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  plan_seq INTEGER NOT NULL,
  comment TEXT NOT NULL,
  person_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS review_events_by_plan ON review_events (plan_id, created_at);
CREATE TRIGGER IF NOT EXISTS review_events_no_update BEFORE UPDATE ON review_events
BEGIN SELECT RAISE(ABORT, 'review_events is append-only'); END;
CREATE TRIGGER IF NOT EXISTS review_events_no_delete BEFORE DELETE ON review_events
BEGIN SELECT RAISE(ABORT, 'review_events is append-only'); END;
`;

/** Table layouts by version; migrating runs every step above the stored one. */
const STEPS = [VERSION_1, VERSION_2, VERSION_3, VERSION_4, VERSION_5];

/**
 * Brings a database to STORAGE_VERSION and returns the version it has
 * afterwards. A read-only database keeps an older layout, and only the
 * tables that layout has can be read from it.
 */
export function migrate(
  db: Database.Database,
  file: string,
  readonly: boolean,
): number {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > STORAGE_VERSION) {
    throw new StorageError(
      `${file} was written by a newer Meridian (storage version ${version}, this one reads ${STORAGE_VERSION}). Upgrade Meridian before opening it.`,
    );
  }
  if (version === STORAGE_VERSION) return version;
  if (readonly) {
    if (version > 0) return version;
    throw new StorageError(
      `${file} has no Meridian tables yet. Start the server once with this data folder to create them.`,
    );
  }

  db.transaction(() => {
    for (const step of STEPS.slice(version)) db.exec(step);
    db.pragma(`user_version = ${STORAGE_VERSION}`);
  })();
  return STORAGE_VERSION;
}

/**
 * Returns a function that prepares statements on its first call, after
 * `requireTables` confirmed that the layout has their tables.
 */
export function lazyStatements<T>(
  requireTables: () => void,
  prepare: () => T,
): () => T {
  let prepared: T | null = null;
  return () => {
    if (prepared === null) {
      requireTables();
      prepared = prepare();
    }
    return prepared;
  };
}
