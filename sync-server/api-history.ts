import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_ANCHOR_ID_LENGTH } from "../model/review/anchor.ts";
import {
  authenticatePerson,
  requireMember,
  type ApiContext,
} from "./api-auth.ts";
import { attributeChanges, type HistoryEntry } from "./history/attribution.ts";
import { auditCsv } from "./history/audit-csv.ts";
import { planHistory } from "./history/history-cache.ts";
import { HISTORY_KINDS, type HistoryKind } from "./history/object-fields.ts";
import type { PlanHistory } from "./history/plan-history.ts";
import { HttpError } from "./http-json.ts";

/** A reply body that the router sends as a CSV file download. */
export class CsvBody {
  constructor(
    readonly text: string,
    readonly filename: string,
  ) {}
}

/** Sends a CsvBody as `text/csv` with a download file name. */
export function sendCsv(
  response: ServerResponse,
  status: number,
  body: CsvBody,
): void {
  response.writeHead(status, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Length": Buffer.byteLength(body.text),
    "Content-Disposition": `attachment; filename="${body.filename}"`,
    "Cache-Control": "no-store",
  });
  response.end(body.text);
}

/**
 * GET /api/plans/<planId>/history?kind=county|account|quota|territory&id=ID:
 * the changes of one object, oldest first. Any member may read it.
 */
export async function readObjectHistory(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<{ kind: HistoryKind; id: string; changes: HistoryEntry[] }> {
  const claims = await authenticatePerson(context, request);
  requireMember(context, claims, planId);
  const query = new URL(request.url ?? "", "http://localhost").searchParams;
  const kind = readKind(query.get("kind"));
  const id = readObjectId(query.get("id"));

  const history = replay(context, planId);
  const changes = attributeChanges(
    context.storage,
    planId,
    history.changesOf(kind, id),
  );
  return { kind, id, changes };
}

/**
 * GET /api/plans/<planId>/audit.csv: every recorded change of the plan as
 * CSV with the columns user,time,object,from,to. Editors and reviewers may
 * read it.
 */
export async function readAuditCsv(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<CsvBody> {
  const claims = await authenticatePerson(context, request);
  requireMember(context, claims, planId);
  if (claims.role !== "editor" && claims.role !== "reviewer") {
    throw new HttpError(
      403,
      "EDITOR_OR_REVIEWER_REQUIRED",
      `Only editors and reviewers can download the audit of plan "${planId}"; your role is ${claims.role}. Ask an editor of the plan for a reviewer invite.`,
    );
  }

  const history = replay(context, planId);
  const entries = attributeChanges(context.storage, planId, history.changes);
  context.logger.info(
    { plan: planId, rows: entries.length, by: claims.sub },
    "audit exported",
  );
  return new CsvBody(auditCsv(entries), `${planId}-audit.csv`);
}

function replay(context: ApiContext, planId: string): PlanHistory {
  const history = planHistory(context.storage, planId);
  if (history.failedSeqs.length > 0) {
    context.logger.warn(
      { plan: planId, seqs: history.failedSeqs.slice(0, 10) },
      "history skips stored updates that failed to apply",
    );
  }
  return history;
}

function readKind(value: string | null): HistoryKind {
  if (HISTORY_KINDS.includes(value as HistoryKind)) return value as HistoryKind;
  throw new HttpError(
    400,
    "HISTORY_KIND_INVALID",
    `History kind ${JSON.stringify(value)} is not valid. Send kind=${HISTORY_KINDS.join("|")}.`,
  );
}

function readObjectId(value: string | null): string {
  if (value !== null && value !== "" && value.length <= MAX_ANCHOR_ID_LENGTH)
    return value;
  throw new HttpError(
    400,
    "HISTORY_ID_INVALID",
    `History object id ${JSON.stringify(value)} is missing or longer than ${MAX_ANCHOR_ID_LENGTH} characters. Send the id of a county, account, quota node or territory as id=.`,
  );
}
