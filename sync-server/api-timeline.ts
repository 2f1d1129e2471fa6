import type { IncomingMessage } from "node:http";
import {
  authenticatePerson,
  requireMember,
  type ApiContext,
} from "./api-auth.ts";
import { BinaryBody, rebuildRoomAt } from "./api-versions.ts";
import { HttpError } from "./http-json.ts";
import { thinPoints } from "./timeline-points.ts";

/** One point of a plan's history that the time slider can show. */
export interface TimelinePoint {
  /** Seq of the plan room's update that ends at this point. */
  seq: number;
  /** ISO 8601 time the server stored the update. */
  at: string;
  /** Person whose connection sent the update, or null for the server's own writes. */
  personId: string | null;
  /** That person's display name in the plan, or null when unknown. */
  name: string | null;
}

/**
 * GET /api/plans/<planId>/timeline: points of the plan room's history in seq
 * order, at most 400 spread over it plus the seq of every saved version.
 */
export async function readTimeline(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<{ points: TimelinePoint[] }> {
  const claims = await authenticatePerson(context, request);
  requireMember(context, claims, planId);

  const versionSeqs = new Set(
    context.storage.versions.list(planId).map((version) => version.seq),
  );
  const rows = context.storage.versions.readTimeline(planId);
  const points = thinPoints(rows, (row) => versionSeqs.has(row.seq)).map(
    (row) => ({
      seq: row.seq,
      at: new Date(row.createdAt).toISOString(),
      personId: row.personId,
      name: row.name,
    }),
  );
  return { points };
}

/**
 * GET /api/plans/<planId>/timeline/<seq>/state: one Yjs update that rebuilds
 * the plan room as it was right after update `seq`.
 */
export async function readTimelineState(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
  seqText: string,
): Promise<BinaryBody> {
  const claims = await authenticatePerson(context, request);
  requireMember(context, claims, planId);

  const seq = readSeq(seqText);
  const lastSeq = context.storage.countUpdates(planId);
  if (seq > lastSeq) {
    throw new HttpError(
      404,
      "SEQ_NOT_FOUND",
      `Plan "${planId}" has no update ${seq}; its last update is ${lastSeq}. Pick a seq from GET /api/plans/${planId}/timeline.`,
    );
  }
  return new BinaryBody(rebuildRoomAt(context, planId, seq));
}

function readSeq(text: string): number {
  const seq = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new HttpError(
      400,
      "SEQ_INVALID",
      `Update seq "${text}" is not a positive whole number. Pick a seq from the timeline.`,
    );
  }
  return seq;
}
