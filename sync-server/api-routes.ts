import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiContext } from "./api-auth.ts";
import {
  createPlanFromRequest,
  listPlans,
  openPlanSession,
} from "./api-plans.ts";
import { changeReview, readReview } from "./api-review.ts";
import {
  AttachmentBody,
  downloadBackup,
  importBackupFromRequest,
  sendAttachment,
} from "./api-backup.ts";
import {
  CsvBody,
  readAuditCsv,
  readObjectHistory,
  sendCsv,
} from "./api-history.ts";
import { createScenarioFromRequest } from "./api-scenarios.ts";
import { readTimeline, readTimelineState } from "./api-timeline.ts";
import {
  createInvite,
  listInvites,
  listPeople,
  removePerson,
  revokeInvite,
} from "./api-sharing.ts";
import {
  BinaryBody,
  createVersion,
  listVersions,
  readVersionState,
} from "./api-versions.ts";
import { join, renameSession, session } from "./api.ts";
import { HttpError, requireMethod, sendJson } from "./http-json.ts";
import { readBookingsInsights, readPayInsights } from "./insights/routes.ts";
import { routePay } from "./pay/routes.ts";

type Handler = (
  context: ApiContext,
  request: IncomingMessage,
  params: string[],
) => Promise<unknown>;

/** One API path: its pattern and a handler per method, with the reply status. */
interface Route {
  pattern: RegExp;
  methods: Record<string, { status: number; handle: Handler }>;
}

const SEGMENT = "([^/]+)";

/** Every path below one plan, whose handlers may read the plan's room. */
const PLAN_PATH = new RegExp(`^/api/plans/${SEGMENT}/`);

/** Everything below /api/plans/<planId>/pay goes to the pay router. */
const PAY_PATH = new RegExp(`^/api/plans/${SEGMENT}/pay(/.*)?$`);

const ROUTES: Route[] = [
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/history$`),
    methods: {
      GET: {
        status: 200,
        handle: (c, r, [plan]) => readObjectHistory(c, r, plan),
      },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/audit\\.csv$`),
    methods: {
      GET: { status: 200, handle: (c, r, [plan]) => readAuditCsv(c, r, plan) },
    },
  },
  {
    pattern: /^\/api\/plans\/import$/,
    methods: {
      POST: { status: 201, handle: (c, r) => importBackupFromRequest(c, r) },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/backup$`),
    methods: {
      GET: {
        status: 200,
        handle: (c, r, [plan]) => downloadBackup(c, r, plan),
      },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/review$`),
    methods: {
      GET: { status: 200, handle: (c, r, [plan]) => readReview(c, r, plan) },
      POST: {
        status: 200,
        handle: (c, r, [plan]) => changeReview(c, r, plan),
      },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/timeline$`),
    methods: {
      GET: { status: 200, handle: (c, r, [plan]) => readTimeline(c, r, plan) },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/timeline/${SEGMENT}/state$`),
    methods: {
      GET: {
        status: 200,
        handle: (c, r, [plan, seq]) => readTimelineState(c, r, plan, seq),
      },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/insights/pay$`),
    methods: {
      GET: {
        status: 200,
        handle: (c, r, [plan]) => readPayInsights(c, r, plan),
      },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/insights/bookings$`),
    methods: {
      GET: {
        status: 200,
        handle: (c, r, [plan]) => readBookingsInsights(c, r, plan),
      },
    },
  },
  {
    pattern: /^\/api\/join$/,
    methods: { POST: { status: 200, handle: (c, r) => join(c, r) } },
  },
  {
    pattern: /^\/api\/session$/,
    methods: {
      GET: { status: 200, handle: (c, r) => session(c, r) },
      PATCH: { status: 200, handle: (c, r) => renameSession(c, r) },
    },
  },
  {
    pattern: /^\/api\/plans$/,
    methods: {
      GET: { status: 200, handle: (c, r) => listPlans(c, r) },
      POST: { status: 201, handle: (c, r) => createPlanFromRequest(c, r) },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/session$`),
    methods: {
      POST: {
        status: 200,
        handle: (c, r, [plan]) => openPlanSession(c, r, plan),
      },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/scenarios$`),
    methods: {
      POST: {
        status: 201,
        handle: (c, r, [plan]) => createScenarioFromRequest(c, r, plan),
      },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/invites$`),
    methods: {
      GET: { status: 200, handle: (c, r, [plan]) => listInvites(c, r, plan) },
      POST: {
        status: 201,
        handle: (c, r, [plan]) => createInvite(c, r, plan),
      },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/invites/${SEGMENT}$`),
    methods: {
      DELETE: {
        status: 200,
        handle: (c, r, [plan, invite]) => revokeInvite(c, r, plan, invite),
      },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/people$`),
    methods: {
      GET: { status: 200, handle: (c, r, [plan]) => listPeople(c, r, plan) },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/people/${SEGMENT}$`),
    methods: {
      DELETE: {
        status: 200,
        handle: (c, r, [plan, person]) => removePerson(c, r, plan, person),
      },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/versions$`),
    methods: {
      GET: { status: 200, handle: (c, r, [plan]) => listVersions(c, r, plan) },
      POST: {
        status: 201,
        handle: (c, r, [plan]) => createVersion(c, r, plan),
      },
    },
  },
  {
    pattern: new RegExp(`^/api/plans/${SEGMENT}/versions/${SEGMENT}/state$`),
    methods: {
      GET: {
        status: 200,
        handle: (c, r, [plan, version]) =>
          readVersionState(c, r, plan, version),
      },
    },
  },
];

/**
 * Handles a request for one of the API paths above and sends its reply, then
 * returns true. Returns false when no route matches the path.
 */
export async function routeApi(
  context: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
): Promise<boolean> {
  const planPath = PLAN_PATH.exec(pathname);
  if (planPath) await refreshPlan(context, decodeSegment(planPath[1]));

  const pay = PAY_PATH.exec(pathname);
  if (pay) {
    const planId = decodeSegment(pay[1]);
    await routePay(
      context,
      request,
      response,
      planId,
      pay[2] ?? "",
      decodeSegment,
    );
    return true;
  }

  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;

    const method = request.method ?? "GET";
    requireMethod(method, Object.keys(route.methods));
    const { status, handle } = route.methods[method];
    const params = match.slice(1).map(decodeSegment);
    const body = await handle(context, request, params);
    if (body instanceof BinaryBody) sendBinary(response, status, body.bytes);
    else if (body instanceof AttachmentBody)
      sendAttachment(response, status, body);
    else if (body instanceof CsvBody) sendCsv(response, status, body);
    else sendJson(response, status, body);
    return true;
  }
  return false;
}

// In cluster mode, another node may have stored updates of the plan that the
// SQLite copy every handler reads does not have yet.
// A path naming no plan costs no PostgreSQL query.
async function refreshPlan(context: ApiContext, planId: string): Promise<void> {
  if (!context.refreshPlan || !context.storage.getPlan(planId)) return;
  try {
    await context.refreshPlan(planId);
  } catch (error) {
    context.logger.warn(
      { err: error, plan: planId },
      "reading the plan's updates from PostgreSQL failed",
    );
    throw new HttpError(
      503,
      "CLUSTER_STORE_UNAVAILABLE",
      `The updates of plan "${planId}" could not be read from PostgreSQL. Try again once the database is reachable (see /healthz).`,
    );
  }
}

function sendBinary(
  response: ServerResponse,
  status: number,
  bytes: Uint8Array,
): void {
  response.writeHead(status, {
    "Content-Type": "application/octet-stream",
    "Content-Length": bytes.byteLength,
    "Cache-Control": "no-store",
  });
  response.end(bytes);
}

/** Decodes one percent-encoded path segment; malformed encoding is a 400. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(
      400,
      "INVALID_PATH",
      `The path segment "${segment}" is not valid percent-encoding.`,
    );
  }
}
