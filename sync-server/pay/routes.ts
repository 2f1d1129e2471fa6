import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiContext } from "../api-auth.ts";
import { HttpError, requireMethod, sendJson } from "../http-json.ts";
import { addAdjustment } from "./adjustments.ts";
import { approveStatement, submitStatement } from "./approvals.ts";
import { DetailedHttpError, importDeals, listDeals } from "./deals.ts";
import { addDisputeMessage, raiseDispute, resolveDispute } from "./disputes.ts";
import {
  createPayInvite,
  listPayPeople,
  payMe,
  setPayPerson,
} from "./people.ts";
import { getStatement, listStatements, statementsCsv } from "./statements.ts";
import { whatIf } from "./what-if.ts";

type Handler = (
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
  params: string[],
  url: URL,
) => Promise<unknown>;

/** A CSV reply, which the router sends as a download instead of JSON. */
export interface CsvReply {
  filename: string;
  csv: string;
}

const SEGMENT = "([^/]+)";
const STATEMENT = `/statements/${SEGMENT}/${SEGMENT}`;

/** Pay paths below /api/plans/<planId>/pay, each with a handler per method. */
const ROUTES: { pattern: RegExp; methods: Record<string, Handler> }[] = [
  { pattern: /^\/me$/, methods: { GET: (c, r, plan) => payMe(c, r, plan) } },
  {
    pattern: /^\/people$/,
    methods: { GET: (c, r, plan) => listPayPeople(c, r, plan) },
  },
  {
    pattern: new RegExp(`^/people/${SEGMENT}$`),
    methods: {
      PUT: (c, r, plan, [person]) => setPayPerson(c, r, plan, person),
    },
  },
  {
    pattern: /^\/invites$/,
    methods: { POST: (c, r, plan) => createPayInvite(c, r, plan) },
  },
  {
    pattern: /^\/deals$/,
    methods: {
      GET: (c, r, plan) => listDeals(c, r, plan),
      POST: (c, r, plan) => importDeals(c, r, plan),
    },
  },
  {
    pattern: /^\/statements$/,
    methods: { GET: (c, r, plan) => listStatements(c, r, plan) },
  },
  {
    pattern: /^\/statements\.csv$/,
    methods: { GET: (c, r, plan, _, url) => statementsCsv(c, r, plan, url) },
  },
  {
    pattern: new RegExp(`^${STATEMENT}$`),
    methods: {
      GET: (c, r, plan, [rep, period]) => getStatement(c, r, plan, rep, period),
    },
  },
  {
    pattern: new RegExp(`^${STATEMENT}/submit$`),
    methods: {
      POST: (c, r, plan, [rep, period]) =>
        submitStatement(c, r, plan, rep, period),
    },
  },
  {
    pattern: new RegExp(`^${STATEMENT}/approve$`),
    methods: {
      POST: (c, r, plan, [rep, period]) =>
        approveStatement(c, r, plan, rep, period),
    },
  },
  {
    pattern: new RegExp(`^${STATEMENT}/what-if$`),
    methods: {
      POST: (c, r, plan, [rep, period]) => whatIf(c, r, plan, rep, period),
    },
  },
  {
    pattern: new RegExp(`^${STATEMENT}/disputes$`),
    methods: {
      POST: (c, r, plan, [rep, period]) =>
        raiseDispute(c, r, plan, rep, period),
    },
  },
  {
    pattern: new RegExp(`^/disputes/${SEGMENT}/messages$`),
    methods: {
      POST: (c, r, plan, [dispute]) => addDisputeMessage(c, r, plan, dispute),
    },
  },
  {
    pattern: new RegExp(`^/disputes/${SEGMENT}/resolve$`),
    methods: {
      POST: (c, r, plan, [dispute]) => resolveDispute(c, r, plan, dispute),
    },
  },
  {
    pattern: /^\/adjustments$/,
    methods: { POST: (c, r, plan) => addAdjustment(c, r, plan) },
  },
];

/** Successful replies of POST routes that create something. */
const CREATED = new Set(["/invites", "/adjustments"]);

/**
 * Handles a request below /api/plans/<planId>/pay, where `rest` is the path
 * after "/pay", and sends its reply. A path no route matches is a 404.
 */
export async function routePay(
  context: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
  planId: string,
  rest: string,
  decode: (segment: string) => string,
): Promise<void> {
  for (const route of ROUTES) {
    const match = route.pattern.exec(rest);
    if (!match) continue;

    const method = request.method ?? "GET";
    requireMethod(method, Object.keys(route.methods));
    const params = match.slice(1).map(decode);
    const url = new URL(request.url ?? "/", "http://localhost");
    try {
      const reply = await route.methods[method](
        context,
        request,
        planId,
        params,
        url,
      );
      if (isCsvReply(reply)) sendCsv(response, reply);
      else sendJson(response, CREATED.has(rest) ? 201 : 200, reply);
    } catch (error) {
      if (!(error instanceof DetailedHttpError)) throw error;
      sendJson(response, error.status, {
        error: { code: error.code, message: error.message, ...error.details },
      });
    }
    return;
  }
  throw new HttpError(
    404,
    "NOT_FOUND",
    `No pay API endpoint at ${rest || "/"} of plan "${planId}". The docs list the routes under "Pay".`,
  );
}

function isCsvReply(reply: unknown): reply is CsvReply {
  return (
    typeof reply === "object" &&
    reply !== null &&
    typeof (reply as CsvReply).csv === "string" &&
    typeof (reply as CsvReply).filename === "string"
  );
}

function sendCsv(response: ServerResponse, reply: CsvReply): void {
  response.writeHead(200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Length": Buffer.byteLength(reply.csv),
    "Content-Disposition": `attachment; filename="${reply.filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    "Cache-Control": "no-store",
  });
  response.end(reply.csv);
}
