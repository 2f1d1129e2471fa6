import type Database from "better-sqlite3";
import { StorageError } from "./storage-error.ts";

/** Version of the table layout below, kept in SQLite's user_version. */
export const STORAGE_VERSION = 2;

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

/** Table layouts by version; migrating runs every step above the stored one. */
const STEPS = [VERSION_1, VERSION_2];

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
