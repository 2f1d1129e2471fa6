import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";
import { quotePlanId } from "./api-auth.ts";
import { checkAccess } from "./access.ts";
import { CloseCode, closeReason } from "./close-codes.ts";
import { Connection } from "./connection.ts";
import type { ServerEvents } from "./events.ts";
import { redactUrl, type Logger } from "./log.ts";
import type { RateLimit } from "./rate-limit.ts";
import { parseRoomName, type RoomName } from "./roles.ts";
import type { RoomRegistry } from "./rooms.ts";
import type { Storage } from "./storage.ts";
import { TokenError, verifyToken, type TokenClaims } from "./tokens.ts";

/**
 * Path prefix of the WebSocket endpoint; the y-websocket client appends the
 * room.
 */
export const SYNC_PATH = "/sync/";

export interface UpgradeContext {
  wss: WebSocketServer;
  secret: Uint8Array;
  storage: Storage;
  rooms: RoomRegistry;
  logger: Logger;
  events: ServerEvents;
  maxMessageBytes: number;
  rateLimit: RateLimit;
  isStopping: () => boolean;
}

type Admission =
  | { ok: true; claims: TokenClaims; room: RoomName }
  | { ok: false; code: number; reason: string };

/**
 * Handles an HTTP upgrade to `/sync/<room>?token=...`. Every request on that
 * path becomes a WebSocket, and a rejected one is closed with 4401 or 4403
 * and a reason, because a browser gets only code 1006 for a rejected upgrade.
 */
export function handleUpgrade(
  context: UpgradeContext,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  // The peer's address is read now, because a socket that failed has none.
  const peer = {
    path: redactUrl(request.url ?? ""),
    remoteAddress: request.socket.remoteAddress,
    remotePort: request.socket.remotePort,
  };
  socket.on("error", (error) => logSocketError(context.logger, peer, error));
  const url = new URL(request.url ?? "/", "http://localhost");
  if (!url.pathname.startsWith(SYNC_PATH)) {
    socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
    return;
  }

  admit(context, url).then(
    (admission) => accept(context, request, socket, head, admission),
    (error: unknown) => {
      context.logger.error(
        { err: error, url: redactUrl(request.url ?? "") },
        "upgrade failed",
      );
      socket.destroy();
    },
  );
}

/**
 * Error codes of a peer that went away, as a browser does on every reload
 * or closed tab. They are normal, so they are logged at debug.
 */
const PEER_GONE_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

// The listener stays on the socket after the upgrade, so it also reports
// errors of the WebSocket connection that follows.
function logSocketError(
  logger: Logger,
  peer: { path: string; remoteAddress?: string; remotePort?: number },
  error: Error,
): void {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && PEER_GONE_CODES.has(code)) {
    logger.debug({ ...peer, code }, "client closed the sync socket");
    return;
  }
  logger.warn({ ...peer, err: error }, "sync socket error");
}

async function admit(context: UpgradeContext, url: URL): Promise<Admission> {
  if (context.isStopping()) {
    return {
      ok: false,
      code: CloseCode.GOING_AWAY,
      reason: "The server is shutting down.",
    };
  }

  let claims: TokenClaims;
  try {
    claims = await verifyToken(context.secret, url.searchParams.get("token"));
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    return { ok: false, code: CloseCode.UNAUTHORIZED, reason: error.message };
  }

  const roomPath = url.pathname.slice(SYNC_PATH.length);
  const room = parseRoomName(roomPath);
  if (!room) {
    return {
      ok: false,
      code: CloseCode.FORBIDDEN,
      reason: `Invalid room "${roomPath}": expected a plan id or <plan id>.review.`,
    };
  }
  if (claims.plan !== room.planId) {
    return {
      ok: false,
      code: CloseCode.FORBIDDEN,
      reason: `This token is for plan "${claims.plan}", not "${room.planId}".`,
    };
  }
  return checkRecords(context, claims, room);
}

// It is synchronous, so accept() runs it again right before the connection
// joins its room. An invite revoked or a person removed during the
// handshake is then still caught.
function checkRecords(
  context: UpgradeContext,
  claims: TokenClaims,
  room: RoomName,
): Admission {
  if (!context.storage.getPlan(room.planId)) {
    return {
      ok: false,
      code: CloseCode.FORBIDDEN,
      reason: `Plan ${quotePlanId(room.planId)} does not exist on this server.`,
    };
  }
  const denial = checkAccess(context.storage, claims);
  if (denial) {
    return { ok: false, code: CloseCode.FORBIDDEN, reason: denial.reason };
  }
  return { ok: true, claims, room };
}

function accept(
  context: UpgradeContext,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  checked: Admission,
): void {
  // The token check is asynchronous, so a handshake that began before
  // close() can finish after the clients were closed. Joining then would
  // keep the HTTP server open forever.
  if (context.isStopping()) {
    socket.destroy();
    return;
  }
  context.wss.handleUpgrade(request, socket, head, (ws) => {
    addTooBigReason(ws, context.maxMessageBytes);
    context.wss.emit("connection", ws, request);
    const admission = recheck(context, checked);
    if (!admission.ok) {
      context.logger.warn(
        {
          url: redactUrl(request.url ?? ""),
          closeCode: admission.code,
          reason: admission.reason,
        },
        "connection rejected",
      );
      ws.close(admission.code, closeReason(admission.reason));
      return;
    }

    const room = context.rooms.acquire(admission.room);
    new Connection({
      ws,
      socket,
      claims: admission.claims,
      room,
      logger: context.logger,
      events: context.events,
      rateLimit: context.rateLimit,
      onClose: () => context.rooms.release(room),
    });
  });
}

function recheck(context: UpgradeContext, checked: Admission): Admission {
  if (!checked.ok) return checked;
  try {
    return checkRecords(context, checked.claims, checked.room);
  } catch (error) {
    context.logger.error({ err: error }, "access check failed");
    return {
      ok: false,
      code: CloseCode.INTERNAL_ERROR,
      reason: "The server could not check your access; reconnect later.",
    };
  }
}

// ws 8 closes a socket whose message exceeds maxPayload with 1009 and no
// reason (receiverOnError in ws/lib/websocket.js). Wrapping close on this
// one socket gives the client a reason it can show.
function addTooBigReason(ws: WebSocket, maxMessageBytes: number): void {
  const close = ws.close.bind(ws);
  ws.close = (code?: number, reason?: string | Buffer) => {
    if (code === CloseCode.MESSAGE_TOO_BIG && reason === undefined) {
      close(code, `Message larger than ${maxMessageBytes} bytes.`);
      return;
    }
    close(code, reason);
  };
}
