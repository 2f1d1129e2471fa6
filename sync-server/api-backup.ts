import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import {
  authenticatePerson,
  requireEditor,
  type ApiContext,
} from "./api-auth.ts";
import { issuePersonToken, type SessionBody } from "./api.ts";
import type { DataFolders } from "./backup/backup-store.ts";
import { BackupError, type BackupErrorCode } from "./backup/errors.ts";
import { readPlanBackup } from "./backup/export.ts";
import { backupFileName, encodeBackup } from "./backup/format.ts";
import { importBackup } from "./backup/import.ts";
import { HttpError } from "./http-json.ts";
import { newPlanId } from "./plans.ts";
import { MIN_PERSON_TOKEN_SECONDS, type TokenClaims } from "./tokens.ts";

/**
 * Largest backup file an import accepts: 256 MiB, room for a plan with a
 * few uploaded account lists of the 64 MiB an upload may have.
 */
export const MAX_BACKUP_UPLOAD_BYTES = 256 * 1024 * 1024;

/** A binary reply that the browser saves as a file named `fileName`. */
export class AttachmentBody {
  constructor(
    readonly bytes: Uint8Array,
    readonly fileName: string,
  ) {}
}

/**
 * Sends an AttachmentBody as application/octet-stream with a download file
 * name, which backupFileName keeps to ASCII letters, digits, "-" and ".".
 */
export function sendAttachment(
  response: ServerResponse,
  status: number,
  body: AttachmentBody,
): void {
  response.writeHead(status, {
    "Content-Type": "application/octet-stream",
    "Content-Length": body.bytes.byteLength,
    "Content-Disposition": `attachment; filename="${body.fileName}"`,
    "Cache-Control": "no-store",
  });
  response.end(body.bytes);
}

/**
 * GET /api/plans/<planId>/backup: an editor downloads the whole plan as one
 * backup file (see docs/BACKUP.md).
 */
export async function downloadBackup(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<AttachmentBody> {
  const claims = await authenticatePerson(context, request);
  requireEditor(context, claims, planId, "download backups");

  const now = new Date();
  let content;
  try {
    content = readPlanBackup(dataFolders(context), planId, now);
  } catch (error) {
    throw rejection(context, error, "backup failed", {
      plan: planId,
      person: claims.sub,
    });
  }
  const bytes = encodeBackup(content);
  context.logger.info(
    {
      plan: planId,
      person: claims.sub,
      bytes: bytes.length,
      updates: content.planRoom.updates.length,
    },
    "backup downloaded",
  );
  return new AttachmentBody(
    bytes,
    backupFileName(content.plan.name, planId, now),
  );
}

/**
 * POST /api/plans/import: a person who may create plans on this server
 * (an editor of any plan) sends a backup file as the body. The plan is
 * stored under the backup's id, or under a new random id with `?id=new`,
 * or under `?id=<id>`. The importer becomes its editor and gets a person
 * token for it, as for a new plan.
 */
export async function importBackupFromRequest(
  context: ApiContext,
  request: IncomingMessage,
): Promise<SessionBody & { token: string; name: string }> {
  const claims = await authenticatePerson(context, request);
  if (claims.role !== "editor") {
    throw new HttpError(
      403,
      "EDITOR_REQUIRED",
      `Only editors can import plans; your role in plan "${claims.plan}" is ${claims.role}. Send the token of a plan you edit.`,
    );
  }
  const requestedId = new URL(
    request.url ?? "/",
    "http://localhost",
  ).searchParams.get("id");
  const planId =
    requestedId === "new" ? newPlanId(context.storage) : requestedId;
  const bytes = await readBackupBody(request);

  const personName =
    context.storage.people.get(claims.plan, claims.sub)?.name ?? claims.name;
  let result;
  try {
    result = await importBackup(bytes, dataFolders(context), {
      planId: planId ?? undefined,
      importer: { personId: claims.sub, name: personName },
    });
  } catch (error) {
    throw rejection(context, error, "plan import rejected", {
      plan: planId,
      person: claims.sub,
      bytes: bytes.length,
    });
  }
  context.logger.info(
    {
      plan: result.planId,
      person: claims.sub,
      from: claims.plan,
      updates: result.planUpdates,
      versions: result.versions,
    },
    "plan imported",
  );

  const reply = await issuePersonToken(context, {
    personId: claims.sub,
    name: personName,
    planId: result.planId,
    role: "editor",
    invite: undefined,
    expiresAt: lifetimeFromNow(claims),
  });
  return { ...reply, name: result.name };
}

function dataFolders(context: ApiContext): DataFolders {
  return {
    databaseFile: context.storage.file,
    uploadsDir: path.join(path.dirname(context.storage.file), "datasets"),
    publicDataDir: context.publicDataDir,
  };
}

async function readBackupBody(request: IncomingMessage): Promise<Uint8Array> {
  const tooLarge = () =>
    new HttpError(
      413,
      "BACKUP_TOO_LARGE",
      `The backup file is larger than ${MAX_BACKUP_UPLOAD_BYTES / 1024 / 1024} MiB, the most this server accepts. Import it with "meridian plan import" on the server's machine instead.`,
    );
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > MAX_BACKUP_UPLOAD_BYTES) throw tooLarge();

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BACKUP_UPLOAD_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** HTTP status of each reason an import or backup fails. */
const STATUS: Record<BackupErrorCode, number> = {
  PLAN_NOT_FOUND: 404,
  DATASET_MISSING: 422,
  BACKUP_TOO_LARGE: 413,
  BACKUP_NOT_GZIP: 400,
  BACKUP_DAMAGED: 400,
  BACKUP_NOT_JSON: 400,
  BACKUP_WRONG_FORMAT: 400,
  BACKUP_WRONG_VERSION: 400,
  BACKUP_CHECKSUM_MISMATCH: 400,
  BACKUP_INVALID: 400,
  BACKUP_UPDATE_INVALID: 400,
  DATASET_HASH_MISMATCH: 400,
  PLAN_ID_INVALID: 400,
  PLAN_EXISTS: 409,
};

/**
 * Logs a BackupError with its code and the ids involved and returns it as
 * an HttpError. Any other error is returned as it is, for the router to log.
 */
function rejection(
  context: ApiContext,
  error: unknown,
  message: string,
  ids: Record<string, unknown>,
): unknown {
  if (!(error instanceof BackupError)) return error;
  context.logger.warn({ ...ids, code: error.code, err: error }, message);
  return new HttpError(STATUS[error.code], error.code, error.message);
}

// The token sent lends its lifetime, at least 30 days, counted from now, as
// creating a plan does.
function lifetimeFromNow(claims: TokenClaims): number {
  const lifetime = Math.max(claims.exp - claims.iat, MIN_PERSON_TOKEN_SECONDS);
  return Math.floor(Date.now() / 1000) + lifetime;
}
