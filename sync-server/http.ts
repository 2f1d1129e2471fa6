import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { authenticatePerson, type ApiContext } from "./api-auth.ts";
import { uploadAccountsDataset } from "./api-datasets.ts";
import { decodeSegment, routeApi } from "./api-routes.ts";
import type { DatasetStore } from "./datasets.ts";
import { HttpError, requireMethod, sendError, sendJson } from "./http-json.ts";
import { redactUrl } from "./log.ts";
import { IMMUTABLE, sendFile, type StaticFiles } from "./static.ts";
import { SYNC_PATH } from "./upgrade.ts";
import { UploadedDatasetStore } from "./uploaded-datasets.ts";

/** The reply of `GET /healthz` while the server is not stopping. */
export interface HealthReport {
  /** False when a service the server needs is down, so /healthz is a 503. */
  ready: boolean;
  /** Small figures added to the reply body. */
  figures: Record<string, unknown>;
}

export interface HttpContext extends ApiContext {
  datasets: DatasetStore;
  staticFiles: StaticFiles;
  isStopping: () => boolean;
  health: () => Promise<HealthReport>;
}

const DATASET_PATH = /^\/api\/datasets\/([^/]+)$/;
const ACCOUNTS_UPLOAD_PATH = /^\/api\/plans\/([^/]+)\/datasets\/accounts$/;

/**
 * Routes one HTTP request: the API, health, and the web app for everything
 * else.
 */
export function createRequestHandler(context: HttpContext) {
  // Uploaded datasets sit next to the database, in DATA_DIR/datasets.
  const uploads = new UploadedDatasetStore(
    path.join(path.dirname(context.storage.file), "datasets"),
  );
  return (request: IncomingMessage, response: ServerResponse): void => {
    route(context, uploads, request, response).catch((error: unknown) => {
      if (error instanceof HttpError) {
        if (error.status >= 500)
          context.logger.error({ err: error }, "request failed");
        replyError(response, error);
        return;
      }
      context.logger.error(
        { err: error, url: redactUrl(request.url ?? "") },
        "request failed",
      );
      replyError(
        response,
        new HttpError(
          500,
          "INTERNAL_ERROR",
          "The server failed to handle the request. The server log has the details.",
        ),
      );
    });
  };
}

async function route(
  context: HttpContext,
  uploads: UploadedDatasetStore,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://localhost");
  const method = request.method ?? "GET";
  const pathname = url.pathname;
  response.setHeader("X-Content-Type-Options", "nosniff");
  context.logger.debug(
    { method, url: redactUrl(request.url ?? "") },
    "request",
  );

  if (pathname === "/healthz") return replyHealth(context, response);

  const upload = ACCOUNTS_UPLOAD_PATH.exec(pathname);
  if (upload) {
    requireMethod(method, ["POST"]);
    const planId = decodeSegment(upload[1]);
    const reply = await uploadAccountsDataset(
      context,
      uploads,
      request,
      response,
      planId,
    );
    return sendJson(response, 201, reply);
  }

  if (await routeApi(context, request, response, pathname)) return;

  const dataset = DATASET_PATH.exec(pathname);
  if (dataset) {
    requireMethod(method, ["GET", "HEAD"]);
    const file = await findDataset(context, uploads, request, dataset[1]);
    return sendFile(
      request,
      response,
      file.path,
      file,
      IMMUTABLE,
      `"${dataset[1]}"`,
    );
  }

  if (pathname === "/api" || pathname.startsWith("/api/")) {
    throw new HttpError(404, "NOT_FOUND", `No API endpoint at ${pathname}.`);
  }

  if (pathname.startsWith(SYNC_PATH)) {
    throw new HttpError(
      426,
      "UPGRADE_REQUIRED",
      `${pathname} is a WebSocket endpoint. Connect with a WebSocket client such as y-websocket.`,
    );
  }

  requireMethod(method, ["GET", "HEAD"]);
  await context.staticFiles.serve(request, response, pathname);
}

async function replyHealth(
  context: HttpContext,
  response: ServerResponse,
): Promise<void> {
  if (context.isStopping()) {
    return sendJson(response, 503, { status: "stopping" });
  }
  const report = await context.health();
  if (context.isStopping()) {
    return sendJson(response, 503, { status: "stopping" });
  }
  const status = report.ready ? "ok" : "unavailable";
  sendJson(response, report.ready ? 200 : 503, { status, ...report.figures });
}

/**
 * Finds a dataset among the public ones of manifest.json, then among the
 * uploaded ones. Public datasets are served to anyone; an uploaded one only
 * with a valid person token, because it contains a plan's accounts.
 */
async function findDataset(
  context: HttpContext,
  uploads: UploadedDatasetStore,
  request: IncomingMessage,
  sha256: string,
) {
  try {
    return await context.datasets.find(sha256);
  } catch (error) {
    if (!(error instanceof HttpError) || error.code !== "DATASET_NOT_FOUND")
      throw error;
    const uploaded = await uploads.find(sha256);
    if (uploaded === null) throw error;
    await authenticatePerson(context, request);
    return uploaded;
  }
}

// A reply that failed halfway through a file can only be cut off.
function replyError(response: ServerResponse, error: HttpError): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendError(response, error);
}
