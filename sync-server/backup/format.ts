import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/** Value of the `format` field of every plan backup file. */
export const BACKUP_FORMAT = "meridian-plan-backup";

/** Layout version of the backup file; an importer reads only this version. */
export const BACKUP_VERSION = 1;

/** File name extension of a plan backup. */
export const BACKUP_EXTENSION = ".meridian-backup";

/** One stored Yjs update of a room, as the `updates` table has it. */
export interface BackupUpdate {
  seq: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Person whose connection sent it; null for updates the server wrote. */
  personId: string | null;
  /** The update bytes, base64. */
  data: string;
}

/** One registered Yjs client id of a room. */
export interface BackupClientId {
  clientId: number;
  personId: string;
  /** Milliseconds since the epoch. */
  registeredAt: number;
}

/** The stored history of one room: every update, in seq order. */
export interface BackupRoom {
  updates: BackupUpdate[];
  clientIds: BackupClientId[];
}

/** A person of the plan, kept so that history and versions show names. */
export interface BackupPerson {
  personId: string;
  name: string;
  role: string;
  /** Milliseconds since the epoch. */
  joinedAt: number;
  /** Milliseconds since the epoch, or null for a current member. */
  removedAt: number | null;
}

/** A named version of the plan; `seq` counts updates of the plan room. */
export interface BackupVersion {
  id: string;
  name: string;
  note: string;
  seq: number;
  createdBy: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** One entry of the plan's review log. */
export interface BackupReviewEvent {
  id: string;
  action: string;
  status: string;
  contentHash: string;
  planSeq: number;
  comment: string;
  personId: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/**
 * A dataset that the plan document names by sha256. A public dataset ships
 * with every Meridian server, so only its kind and hash are kept; an
 * uploaded dataset carries its bytes, base64.
 */
export type BackupDataset =
  | { kind: string; sha256: string; source: "public" }
  | { kind: string; sha256: string; source: "uploaded"; data: string };

/** Everything a backup restores; the checksum covers exactly this. */
export interface BackupContent {
  /** ISO 8601 time the backup was made. */
  createdAt: string;
  plan: { id: string; name: string; createdAt: number };
  planRoom: BackupRoom;
  reviewRoom: BackupRoom;
  people: BackupPerson[];
  versions: BackupVersion[];
  reviewEvents: BackupReviewEvent[];
  datasets: BackupDataset[];
}

/** The JSON of a backup file before gzip. */
export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** SHA-256 (lowercase hex) of canonicalBackupJson(content). */
  sha256: string;
  content: BackupContent;
}

/**
 * Serialises a JSON value with object keys sorted and no spaces, so that the
 * checksum does not depend on key order after a parse. It is part of format
 * version 1, so it stays separate from the plan content hash's serialiser.
 */
export function canonicalBackupJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalBackupJson(item)).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map(
        (key) =>
          `${JSON.stringify(key)}:${canonicalBackupJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Returns the SHA-256 (lowercase hex) that a backup file stores for `content`. */
export function backupChecksum(content: BackupContent): string {
  return createHash("sha256")
    .update(canonicalBackupJson(content), "utf8")
    .digest("hex");
}

/** Wraps content with its format, version and checksum, and gzips the JSON. */
export function encodeBackup(content: BackupContent): Uint8Array {
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    sha256: backupChecksum(content),
    content,
  };
  return new Uint8Array(gzipSync(JSON.stringify(file)));
}

/**
 * Returns the file name of a backup: the plan name reduced to letters,
 * digits and dashes (the plan id when nothing is left), the UTC date and
 * the extension, such as `fy26-west-2026-12-05.meridian-backup`.
 */
export function backupFileName(
  planName: string,
  planId: string,
  at: Date,
): string {
  const slug = planName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  const date = at.toISOString().slice(0, 10);
  return `${slug || planId}-${date}${BACKUP_EXTENSION}`;
}
