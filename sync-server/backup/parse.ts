import { gunzipSync } from "node:zlib";
import { BackupError } from "./errors.ts";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  backupChecksum,
  type BackupContent,
  type BackupDataset,
  type BackupPerson,
  type BackupReviewEvent,
  type BackupRoom,
  type BackupVersion,
} from "./format.ts";

/**
 * Largest backup JSON an import unpacks: 512 MiB, close to the longest
 * string V8 can hold (about 2^29 characters), which JSON.parse needs.
 */
export const MAX_BACKUP_JSON_BYTES = 512 * 1024 * 1024;

const SHA256 = /^[0-9a-f]{64}$/;
const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const REDO = "Make the backup again from the server that has the plan.";

/**
 * Unpacks a backup file and checks its gzip, JSON, format, version,
 * checksum and the shape of every field. Returns the content; throws a
 * BackupError that states what is wrong and what to do.
 */
export function parseBackup(
  bytes: Uint8Array,
  maxJsonBytes = MAX_BACKUP_JSON_BYTES,
): BackupContent {
  const json = readJson(gunzip(bytes, maxJsonBytes));
  const file = json as Record<string, unknown>;

  if (file.format !== BACKUP_FORMAT) {
    throw new BackupError(
      "BACKUP_WRONG_FORMAT",
      `The file's format is ${JSON.stringify(file.format ?? null)}, not "${BACKUP_FORMAT}", so it is not a Meridian plan backup. Choose a .meridian-backup file made with "Download backup" or "meridian plan backup".`,
    );
  }
  if (file.version !== BACKUP_VERSION) {
    throw new BackupError(
      "BACKUP_WRONG_VERSION",
      `The backup has format version ${JSON.stringify(file.version ?? null)}; this Meridian reads version ${BACKUP_VERSION}. Import it on a Meridian that reads that version, or upgrade this one.`,
    );
  }
  const checksum = backupChecksum(file.content as BackupContent);
  if (file.sha256 !== checksum) {
    throw new BackupError(
      "BACKUP_CHECKSUM_MISMATCH",
      `The backup's content hashes to ${checksum}, but the file records ${JSON.stringify(file.sha256 ?? null)}: the file was changed or damaged after it was made. ${REDO}`,
    );
  }
  return readContent(file.content);
}

function gunzip(bytes: Uint8Array, maxJsonBytes: number): Buffer {
  if (bytes.length === 0) {
    throw new BackupError(
      "BACKUP_NOT_GZIP",
      'The file is empty, so it is not a Meridian plan backup. Choose a .meridian-backup file made with "Download backup" or "meridian plan backup".',
    );
  }
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new BackupError(
      "BACKUP_NOT_GZIP",
      `The file is not gzip-compressed (it starts with bytes ${hexStart(bytes)}), so it is not a Meridian plan backup. Choose a .meridian-backup file.`,
    );
  }
  try {
    return gunzipSync(bytes, { maxOutputLength: maxJsonBytes });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new BackupError(
        "BACKUP_TOO_LARGE",
        `The backup unpacks to more than ${maxJsonBytes} bytes, the most an import reads. Back up a smaller plan, or split its uploaded datasets.`,
      );
    }
    throw new BackupError(
      "BACKUP_DAMAGED",
      `The backup file is truncated or damaged: gzip reports "${(error as Error).message}". Download or copy the file again; ${REDO.toLowerCase()}`,
    );
  }
}

function hexStart(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, 4)).toString("hex");
}

function readJson(text: Buffer): unknown {
  try {
    const json: unknown = JSON.parse(text.toString("utf8"));
    if (json !== null && typeof json === "object" && !Array.isArray(json)) {
      return json;
    }
  } catch (error) {
    throw new BackupError(
      "BACKUP_NOT_JSON",
      `The unpacked backup is not valid JSON: ${(error as Error).message}. ${REDO}`,
    );
  }
  throw new BackupError(
    "BACKUP_NOT_JSON",
    `The unpacked backup is JSON but not an object. ${REDO}`,
  );
}

/** Checks the shape of `content`, naming the first field that is wrong. */
function readContent(value: unknown): BackupContent {
  const content = object(value, "content");
  const plan = object(content.plan, "content.plan");
  return {
    createdAt: string(content.createdAt, "content.createdAt"),
    plan: {
      id: string(plan.id, "content.plan.id"),
      name: string(plan.name, "content.plan.name"),
      createdAt: integer(plan.createdAt, "content.plan.createdAt"),
    },
    planRoom: readRoom(content.planRoom, "content.planRoom"),
    reviewRoom: readRoom(content.reviewRoom, "content.reviewRoom"),
    people: array(content.people, "content.people").map(readPerson),
    versions: array(content.versions, "content.versions").map(readVersion),
    reviewEvents: array(content.reviewEvents, "content.reviewEvents").map(
      readReviewEvent,
    ),
    datasets: array(content.datasets, "content.datasets").map(readDataset),
  };
}

function readRoom(value: unknown, at: string): BackupRoom {
  const room = object(value, at);
  let lastSeq = 0;
  const updates = array(room.updates, `${at}.updates`).map((item, i) => {
    const where = `${at}.updates[${i}]`;
    const update = object(item, where);
    const seq = integer(update.seq, `${where}.seq`);
    if (seq <= lastSeq) {
      invalid(`${where}.seq`, seq, `a seq above ${lastSeq}, the one before`);
    }
    lastSeq = seq;
    return {
      seq,
      createdAt: integer(update.createdAt, `${where}.createdAt`),
      personId: nullable(update.personId, `${where}.personId`),
      data: base64(update.data, `${where}.data`),
    };
  });
  const clientIds = array(room.clientIds, `${at}.clientIds`).map((item, i) => {
    const where = `${at}.clientIds[${i}]`;
    const entry = object(item, where);
    return {
      clientId: integer(entry.clientId, `${where}.clientId`),
      personId: string(entry.personId, `${where}.personId`),
      registeredAt: integer(entry.registeredAt, `${where}.registeredAt`),
    };
  });
  return { updates, clientIds };
}

function readPerson(value: unknown, i: number): BackupPerson {
  const at = `content.people[${i}]`;
  const person = object(value, at);
  const removedAt = person.removedAt ?? null;
  return {
    personId: string(person.personId, `${at}.personId`),
    name: string(person.name, `${at}.name`),
    role: string(person.role, `${at}.role`),
    joinedAt: integer(person.joinedAt, `${at}.joinedAt`),
    removedAt:
      removedAt === null ? null : integer(removedAt, `${at}.removedAt`),
  };
}

function readVersion(value: unknown, i: number): BackupVersion {
  const at = `content.versions[${i}]`;
  const version = object(value, at);
  return {
    id: string(version.id, `${at}.id`),
    name: string(version.name, `${at}.name`),
    note: string(version.note, `${at}.note`),
    seq: integer(version.seq, `${at}.seq`),
    createdBy: string(version.createdBy, `${at}.createdBy`),
    createdAt: integer(version.createdAt, `${at}.createdAt`),
  };
}

function readReviewEvent(value: unknown, i: number): BackupReviewEvent {
  const at = `content.reviewEvents[${i}]`;
  const event = object(value, at);
  return {
    id: string(event.id, `${at}.id`),
    action: string(event.action, `${at}.action`),
    status: string(event.status, `${at}.status`),
    contentHash: string(event.contentHash, `${at}.contentHash`),
    planSeq: integer(event.planSeq, `${at}.planSeq`),
    comment: string(event.comment, `${at}.comment`),
    personId: string(event.personId, `${at}.personId`),
    createdAt: integer(event.createdAt, `${at}.createdAt`),
  };
}

function readDataset(value: unknown, i: number): BackupDataset {
  const at = `content.datasets[${i}]`;
  const dataset = object(value, at);
  const kind = string(dataset.kind, `${at}.kind`);
  const sha256 = string(dataset.sha256, `${at}.sha256`);
  if (!SHA256.test(sha256)) {
    invalid(`${at}.sha256`, sha256, "64 lowercase hex digits");
  }
  if (dataset.source === "public") return { kind, sha256, source: "public" };
  if (dataset.source === "uploaded") {
    const data = base64(dataset.data, `${at}.data`);
    return { kind, sha256, source: "uploaded", data };
  }
  return invalid(`${at}.source`, dataset.source, '"public" or "uploaded"');
}

function object(value: unknown, at: string): Record<string, unknown> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  return invalid(at, value, "an object");
}

function array(value: unknown, at: string): unknown[] {
  return Array.isArray(value) ? value : invalid(at, value, "an array");
}

function string(value: unknown, at: string): string {
  return typeof value === "string" ? value : invalid(at, value, "a string");
}

function nullable(value: unknown, at: string): string | null {
  return value === null ? null : string(value, at);
}

function integer(value: unknown, at: string): number {
  return Number.isSafeInteger(value) && (value as number) >= 0
    ? (value as number)
    : invalid(at, value, "an integer of 0 or more");
}

function base64(value: unknown, at: string): string {
  const text = string(value, at);
  return BASE64.test(text) ? text : invalid(at, "…", "base64 text");
}

function invalid(at: string, value: unknown, expected: string): never {
  const preview = JSON.stringify(value ?? null) ?? String(value);
  throw new BackupError(
    "BACKUP_INVALID",
    `${at} is ${preview.length > 60 ? `${preview.slice(0, 60)}…` : preview}, expected ${expected}. ${REDO}`,
  );
}
