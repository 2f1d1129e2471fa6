import { ApiError, readJoinReply, type JoinReply } from "../../session/api.ts";
import { saveSession } from "../../session/stored-sessions.ts";

/** Bytes moved so far and the total, or null while the total is unknown. */
export type Progress = (loaded: number, total: number | null) => void;

/** A downloaded backup file and the name the server gave it. */
export interface BackupDownload {
  blob: Blob;
  fileName: string;
}

/**
 * Downloads the plan's backup file with an editor's token, reporting the
 * bytes received. Throws an ApiError with the server's code and message.
 */
export async function fetchBackup(
  token: string,
  planId: string,
  onProgress: Progress,
): Promise<BackupDownload> {
  const path = `/api/plans/${encodeURIComponent(planId)}/backup`;
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { authorization: `Bearer ${token}` },
    });
  } catch {
    throw unreachable();
  }
  if (!response.ok) throw await replyError(response, path);

  const total = Number(response.headers.get("content-length")) || null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let loaded = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress(loaded, total);
  }
  return {
    blob: new Blob(chunks, { type: "application/octet-stream" }),
    fileName: fileNameOf(response) ?? `${planId}.meridian-backup`,
  };
}

/** The reply of an import: a person token for the new plan and its name. */
export type ImportReply = JoinReply & { name: string };

/**
 * Uploads a backup file for import with a token of a plan the person
 * edits, reporting the bytes sent. `asNewPlan` stores it under a new
 * random id instead of the backup's. Throws an ApiError with the server's
 * code and message.
 */
export function uploadBackup(
  token: string,
  file: Blob,
  asNewPlan: boolean,
  onProgress: Progress,
): Promise<ImportReply> {
  const path = `/api/plans/import${asNewPlan ? "?id=new" : ""}`;
  // XMLHttpRequest, because fetch reports no upload progress.
  const request = new XMLHttpRequest();
  request.open("POST", path);
  request.setRequestHeader("authorization", `Bearer ${token}`);
  request.setRequestHeader("content-type", "application/gzip");
  request.responseType = "json";
  request.upload.onprogress = (event) =>
    onProgress(event.loaded, event.lengthComputable ? event.total : null);

  return new Promise((resolve, reject) => {
    request.onerror = () => reject(unreachable());
    request.onload = () => {
      const body: unknown = request.response;
      if (request.status !== 201) {
        reject(errorOf(body, path, request.status));
        return;
      }
      try {
        const reply = readJoinReply(body);
        resolve({ ...reply, name: String((body as { name?: unknown }).name) });
      } catch (error) {
        reject(error);
      }
    };
    request.send(file);
  });
}

/** Stores the importer's session for the imported plan, as a new plan's. */
export function rememberImport(reply: ImportReply): void {
  saveSession({
    token: reply.token,
    person: reply.person,
    planId: reply.planId,
    role: reply.role,
    expiresAt: reply.expiresAt,
    inviteDigest: null,
    planName: reply.name,
  });
}

/** Saves a blob as a file through a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  // The click starts the download at once; the URL is freed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Formats progress as "1.2 of 3.4 MB" or "1.2 MB". */
export function describeProgress(loaded: number, total: number | null) {
  const mb = (bytes: number) => (bytes / 1_000_000).toFixed(1);
  return total === null
    ? `${mb(loaded)} MB`
    : `${mb(loaded)} of ${mb(total)} MB`;
}

function fileNameOf(response: Response): string | null {
  const header = response.headers.get("content-disposition") ?? "";
  return /filename="([^"]+)"/.exec(header)?.[1] ?? null;
}

async function replyError(response: Response, path: string) {
  const body: unknown = await response.json().catch(() => null);
  return errorOf(body, path, response.status);
}

function errorOf(body: unknown, path: string, status: number): ApiError {
  const error = (body as { error?: { code?: string; message?: string } })
    ?.error;
  return new ApiError(
    error?.code ?? `http_${status}`,
    error?.message ?? `The server rejected ${path} with HTTP ${status}.`,
    status,
  );
}

function unreachable(): ApiError {
  return new ApiError(
    "unreachable",
    `Could not reach the Meridian server at ${window.location.host}. Check your connection or that the server is running, then try again.`,
    0,
  );
}
