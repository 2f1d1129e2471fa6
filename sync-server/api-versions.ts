import type { IncomingMessage } from "node:http";
import * as Y from "yjs";
import { randomId } from "../model/doc/plan-doc.ts";
import {
  authenticatePerson,
  requireEditor,
  requireMember,
  type ApiContext,
} from "./api-auth.ts";
import { readFields } from "./api.ts";
import { HttpError } from "./http-json.ts";
import type { VersionRecord } from "./versions-store.ts";

export const MAX_VERSION_NAME_CHARS = 80;
export const MAX_VERSION_NOTE_CHARS = 2000;

/** Any C0 or C1 control character, line breaks and tabs included. */
export const NAME_CONTROL_CHARACTER = /\p{Cc}/u;
/** Any C0 or C1 control character except the line breaks \n and \r. */
export const NOTE_CONTROL_CHARACTER = /[^\P{Cc}\n\r]/u;

/** A named version, as the versions API returns it. */
export interface VersionEntry {
  id: string;
  name: string;
  note: string;
  /** Seq of the plan room's last stored update when it was saved. */
  seq: number;
  /** Person id of the editor who saved it. */
  createdBy: string;
  /** That editor's display name in the plan, or null for an unknown person. */
  createdByName: string | null;
  /** ISO 8601 time. */
  createdAt: string;
}

/** A reply body that the router sends as application/octet-stream. */
export class BinaryBody {
  constructor(readonly bytes: Uint8Array) {}
}

/**
 * POST /api/plans/<planId>/versions `{ name, note? }`: saves the plan as it
 * is now under a name. Only editors can save versions.
 */
export async function createVersion(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<VersionEntry> {
  const claims = await authenticatePerson(context, request);
  requireEditor(context, claims, planId, "save plan versions");
  const fields = await readFields(request);
  const name = readVersionName(fields.name);
  const note = readVersionNote(fields.note);

  const version = context.storage.versions.insert({
    id: randomId(),
    planId,
    name,
    note,
    createdBy: claims.sub,
    createdAt: Date.now(),
  });
  context.logger.info(
    { plan: planId, version: version.id, seq: version.seq, by: claims.sub },
    "version saved",
  );
  return describeVersion(version);
}

/** GET /api/plans/<planId>/versions: the plan's versions, newest first. */
export async function listVersions(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<{ versions: VersionEntry[] }> {
  const claims = await authenticatePerson(context, request);
  requireMember(context, claims, planId);
  const versions = context.storage.versions.list(planId).map(describeVersion);
  return { versions };
}

/**
 * GET /api/plans/<planId>/versions/<versionId>/state: one Yjs update that
 * rebuilds the plan room exactly as it was when the version was saved.
 */
export async function readVersionState(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
  versionId: string,
): Promise<BinaryBody> {
  const claims = await authenticatePerson(context, request);
  requireMember(context, claims, planId);
  const version = context.storage.versions.get(versionId);
  if (!version || version.planId !== planId) {
    throw new HttpError(
      404,
      "VERSION_NOT_FOUND",
      `Plan "${planId}" has no version "${versionId}". List the versions with GET /api/plans/${planId}/versions.`,
    );
  }

  return new BinaryBody(rebuildRoomAt(context, planId, version.seq));
}

/** Returns one Yjs update with the state of `room` as of update `seq`. */
export function rebuildRoomAt(
  context: ApiContext,
  room: string,
  seq: number,
): Uint8Array {
  const stored = context.storage.versions.readStateAt(room, seq);
  const doc = new Y.Doc();
  try {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

function describeVersion(version: VersionRecord): VersionEntry {
  return {
    id: version.id,
    name: version.name,
    note: version.note,
    seq: version.seq,
    createdBy: version.createdBy,
    createdByName: version.createdByName,
    createdAt: new Date(version.createdAt).toISOString(),
  };
}

/**
 * Reads a version name: 1 to 80 UTF-16 code units after trimming, with no
 * control characters. The limit counts UTF-16 code units like the HTML
 * `maxlength` of the page's name field, so both sides accept the same names.
 */
function readVersionName(value: unknown): string {
  if (typeof value !== "string") {
    throw new HttpError(
      400,
      "VERSION_NAME_INVALID",
      `Version name ${JSON.stringify(value ?? null)} is not a string. Send a name of 1 to ${MAX_VERSION_NAME_CHARS} characters.`,
    );
  }
  const name = value.trim();
  if (name.length === 0 || name.length > MAX_VERSION_NAME_CHARS) {
    throw new HttpError(
      400,
      "VERSION_NAME_INVALID",
      `Version name ${JSON.stringify(name)} has ${name.length} characters (UTF-16 code units) after trimming. Send a name of 1 to ${MAX_VERSION_NAME_CHARS} characters.`,
    );
  }
  if (NAME_CONTROL_CHARACTER.test(name)) {
    throw new HttpError(
      400,
      "VERSION_NAME_INVALID",
      `Version name ${JSON.stringify(name)} contains a control character such as a line break or tab. Send the name as one line of printable text.`,
    );
  }
  return name;
}

/**
 * Reads an optional version note of at most 2000 UTF-16 code units after
 * trimming. The note may contain line breaks but no other control
 * characters. An absent note reads as "".
 */
function readVersionNote(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") {
    throw new HttpError(
      400,
      "VERSION_NOTE_INVALID",
      `Version note ${JSON.stringify(value)} is not a string. Send text of at most ${MAX_VERSION_NOTE_CHARS} characters, or leave the note out.`,
    );
  }
  const note = value.trim();
  if (note.length > MAX_VERSION_NOTE_CHARS) {
    throw new HttpError(
      400,
      "VERSION_NOTE_INVALID",
      `Version note has ${note.length} characters (UTF-16 code units). Shorten it to at most ${MAX_VERSION_NOTE_CHARS} characters.`,
    );
  }
  const control = NOTE_CONTROL_CHARACTER.exec(note);
  if (control) {
    throw new HttpError(
      400,
      "VERSION_NOTE_INVALID",
      `Version note contains the control character ${JSON.stringify(control[0])} at position ${control.index}. Remove it. A note may contain line breaks but no other control characters.`,
    );
  }
  return note;
}
