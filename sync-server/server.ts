import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { loadAuthSecret } from "./auth-secret.ts";
import { CloseCode } from "./close-codes.ts";
import { defaultConfig, type ServerConfig } from "./config.ts";
import { DatasetStore } from "./datasets.ts";
import { demoInviteLinks, demoPayAdminLink, seedDemoPlan } from "./demo.ts";
import { createServerEvents, type ServerEvents } from "./events.ts";
import { createRequestHandler } from "./http.ts";
import { publicBaseUrl } from "./links.ts";
import { createLogger, type Logger } from "./log.ts";
import { RoomRegistry } from "./rooms.ts";
import type { Role } from "./roles.ts";
import { StaticFiles } from "./static.ts";
import { Storage } from "./storage.ts";
import { handleUpgrade } from "./upgrade.ts";

export interface StartOptions extends Partial<ServerConfig> {
  /** Logger to use; by default one at `logLevel` writing to stderr. */
  logger?: Logger;
  /** Write a room snapshot after this many updates (default 500). */
  compactAfterUpdates?: number;
  /**
   * Milliseconds between WebSocket pings; a socket that misses one is dropped.
   */
  pingIntervalMs?: number;
  /** Milliseconds `close()` waits for clients to acknowledge the close. */
  closeTimeoutMs?: number;
  /** Test hook: a room's load waits for the returned promise. */
  beforeRoomLoad?: (room: string) => Promise<void> | void;
}

/** A running server. */
export interface RunningServer {
  /** `http://<host>:<port>` as bound, for programs on this machine. */
  url: string;
  /** `ws://<host>:<port>/sync`, the y-websocket server URL. */
  syncUrl: string;
  port: number;
  host: string;
  config: ServerConfig;
  storage: Storage;
  rooms: RoomRegistry;
  events: ServerEvents;
  logger: Logger;
  secret: Uint8Array;
  /**
   * Links with fresh invites to the demo plan, or [] when it does not exist.
   */
  demoLinks(): Promise<{ role: Role; url: string }[]>;
  /** The incentives administrator link to the demo plan, or null without one. */
  demoPayAdminLink(): Promise<string | null>;
  /**
   * Stops accepting, closes clients with 1001, unloads rooms, closes the
   * database.
   */
  close(): Promise<void>;
}

/**
 * Starts one server: opens storage, creates the demo plan on first start,
 * then listens. Resolves once it accepts connections.
 */
export async function startServer(
  options: StartOptions = {},
): Promise<RunningServer> {
  const config: ServerConfig = { ...defaultConfig(), ...definedOnly(options) };
  const logger = options.logger ?? createLogger(config.logLevel);
  const events = createServerEvents();

  const storage = Storage.open(config.dataDir, {
    durability: config.durability,
  });
  let secret: Uint8Array;
  try {
    secret = loadAuthSecret({
      dataDir: config.dataDir,
      envSecret: config.authSecret,
      create: true,
    });
    seedDemoPlan(storage, config.publicDataDir, logger);
  } catch (error) {
    storage.close();
    throw error;
  }

  const rooms = new RoomRegistry({
    storage,
    logger,
    events,
    roomIdleMs: config.roomIdleMs,
    compactAfterUpdates: options.compactAfterUpdates ?? 500,
    beforeLoad: options.beforeRoomLoad,
  });
  let stopping = false;
  const isStopping = () => stopping;
  const boundPort = (): number => (httpServer.address() as AddressInfo).port;

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxMessageBytes,
  });
  const httpServer: http.Server = http.createServer(
    createRequestHandler({
      secret,
      storage,
      publicDataDir: config.publicDataDir,
      publicBaseUrl: (): string => publicBaseUrl(config.host, boundPort()),
      closeSockets: (planId, match, reason) =>
        rooms.closeMembers(planId, match, reason),
      logger,
      datasets: new DatasetStore(config.publicDataDir),
      staticFiles: new StaticFiles(config.webDir),
      isStopping,
      health: () => ({
        rooms: rooms.names().length,
        clients: wss.clients.size,
      }),
    }),
  );
  httpServer.on("upgrade", (request, socket, head) =>
    handleUpgrade(
      {
        wss,
        secret,
        storage,
        rooms,
        logger,
        events,
        maxMessageBytes: config.maxMessageBytes,
        isStopping,
      },
      request,
      socket,
      head,
    ),
  );
  const stopPings = startPings(wss, options.pingIntervalMs ?? 30_000);

  try {
    await listen(httpServer, config.port, config.host);
  } catch (error) {
    stopPings();
    storage.close();
    throw error;
  }
  const port = boundPort();
  const urlHost = config.host.includes(":") ? `[${config.host}]` : config.host;
  logger.info(
    {
      host: config.host,
      port,
      dataDir: config.dataDir,
      durability: config.durability,
    },
    "server listening",
  );

  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    syncUrl: `ws://${urlHost}:${port}/sync`,
    port,
    host: config.host,
    config,
    storage,
    rooms,
    events,
    logger,
    secret,
    demoLinks: () =>
      demoInviteLinks(storage, secret, publicBaseUrl(config.host, port)),
    demoPayAdminLink: () =>
      demoPayAdminLink(storage, secret, publicBaseUrl(config.host, port)),
    close: () => {
      stopping = true;
      closing ??= shutdown({
        httpServer,
        wss,
        rooms,
        storage,
        logger,
        stopPings,
        timeoutMs: options.closeTimeoutMs ?? 2_000,
      });
      return closing;
    },
  };
}

interface ShutdownParts {
  httpServer: http.Server;
  wss: WebSocketServer;
  rooms: RoomRegistry;
  storage: Storage;
  logger: Logger;
  stopPings: () => void;
  timeoutMs: number;
}

// Every update is committed to SQLite before it is broadcast, so shutting
// down has nothing to write: it closes clients, then the database.
async function shutdown(parts: ShutdownParts): Promise<void> {
  parts.logger.info({ clients: parts.wss.clients.size }, "server stopping");
  parts.stopPings();
  const closed = new Promise<void>((resolve) =>
    parts.httpServer.close(() => resolve()),
  );

  await closeClients(parts.wss, parts.timeoutMs);
  parts.httpServer.closeAllConnections();
  await closed;
  parts.rooms.unloadAll();
  parts.storage.close();
  parts.logger.info("server stopped");
}

async function closeClients(wss: WebSocketServer, timeoutMs: number) {
  const clients = [...wss.clients];
  const allClosed = Promise.all(
    clients.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === ws.CLOSED) return resolve();
          ws.once("close", () => resolve());
          ws.close(CloseCode.GOING_AWAY, "The server is shutting down.");
        }),
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([allClosed, timeout]);
  clearTimeout(timer);
  for (const ws of wss.clients) ws.terminate();
}

function startPings(wss: WebSocketServer, intervalMs: number): () => void {
  const alive = new WeakSet<object>();
  wss.on("connection", (ws) => {
    alive.add(ws);
    ws.on("pong", () => alive.add(ws));
  });
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function listen(server: http.Server, port: number, host: string) {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function definedOnly(options: StartOptions): Partial<ServerConfig> {
  const config = defaultConfig();
  const result: Partial<ServerConfig> = {};
  for (const key of Object.keys(config) as (keyof ServerConfig)[]) {
    if (options[key] !== undefined)
      Object.assign(result, { [key]: options[key] });
  }
  return result;
}
