import type { Anchor } from "../../../model/review/anchor.ts";
import { ApiError, apiRequest } from "../../session/api.ts";

/** Anchor kinds that have a change history. */
export type HistoryKind = "county" | "account" | "quota" | "territory";

export type FieldValue = string | boolean | null;

/** One change of one field, as GET /api/plans/<plan>/history returns it. */
export interface HistoryEntry {
  seq: number;
  /** ISO 8601 UTC time the server stored the change. */
  time: string;
  kind: HistoryKind;
  id: string;
  object: string;
  field: string;
  from: FieldValue;
  to: FieldValue;
  /** Territory names at the time of the change, for territory-valued fields. */
  fromName: string | null;
  toName: string | null;
  clientId: number | null;
  attribution: "client" | "sender" | "unattributed";
  personId: string | null;
  personName: string | null;
  sentBy: string | null;
  sentByName: string | null;
}

/** Returns true when the anchor's kind has a change history. */
export function hasHistory(
  anchor: Anchor,
): anchor is Anchor & { kind: HistoryKind } {
  return anchor.kind !== "version";
}

/** Loads the changes of one object, oldest first. */
export async function fetchObjectHistory(
  planId: string,
  token: string,
  anchor: Anchor & { kind: HistoryKind },
): Promise<HistoryEntry[]> {
  const query = new URLSearchParams({ kind: anchor.kind, id: anchor.id });
  const body = (await apiRequest(
    `/api/plans/${encodeURIComponent(planId)}/history?${query}`,
    { headers: { authorization: `Bearer ${token}` } },
  )) as { changes: HistoryEntry[] };
  return body.changes;
}

/**
 * Downloads the plan's audit CSV, reporting the share received (0 to 1)
 * while the server sends a length. Raises ApiError with the server's
 * message when it rejects the request.
 */
export async function fetchAuditCsv(
  planId: string,
  token: string,
  onProgress: (share: number | null) => void,
): Promise<Blob> {
  const path = `/api/plans/${encodeURIComponent(planId)}/audit.csv`;
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { authorization: `Bearer ${token}` },
    });
  } catch {
    throw new ApiError(
      "unreachable",
      "Could not reach the Meridian server for the audit. Check your connection, then try again.",
      0,
    );
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiError(
      body?.error?.code ?? `http_${response.status}`,
      body?.error?.message ??
        `The server rejected the audit download with HTTP ${response.status}.`,
      response.status,
    );
  }
  return readWithProgress(response, onProgress);
}

async function readWithProgress(
  response: Response,
  onProgress: (share: number | null) => void,
): Promise<Blob> {
  const total = Number(response.headers.get("content-length"));
  const reader = response.body?.getReader();
  if (!reader || !(total > 0)) {
    onProgress(null);
    return response.blob();
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(Math.min(1, received / total));
  }
  return new Blob(chunks as BlobPart[], { type: "text/csv" });
}
