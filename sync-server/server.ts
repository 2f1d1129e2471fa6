import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import { createSecureContext } from "node:tls";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { loadAuthSecret } from "./auth-secret.ts";
import { healthReport } from "./cluster/health.ts";
import { openCluster, type ClusterNode } from "./cluster/start.ts";
import { CloseCode } from "./close-codes.ts";
import { defaultConfig, type ServerConfig } from "./config.ts";
import { DatasetStore } from "./datasets.ts";
import { demoInviteLinks, demoPayAdminLink, seedDemoPlan } from "./demo.ts";
import { createServerEvents, type ServerEvents } from "./events.ts";
import { createRequestHandler } from "./http.ts";
import { publicBaseUrl } from "./links.ts";
import { createLogger, type Logger } from "./log.ts";
import { rateLimitFor } from "./rate-limit.ts";
import { RoomRegistry } from "./rooms.ts";
import type { Role } from "./roles.ts";
import { StaticFiles } from "./static.ts";
import { Storage } from "./storage.ts";
import { handleUpgrade } from "./upgrade.ts";
import { logTlsClientErrors } from "./tls-client-errors.ts";

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
  /**
   * `http://<host>:<port>` as bound (`https` with TLS), for programs on this
   * machine.
   */
  url: string;
  /** `ws://<host>:<port>/sync` (`wss` with TLS), the y-websocket server URL. */
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

  // Read before storage opens, so a missing certificate file fails the
  // start without leaving a database open.
  const tls = readTlsFiles(config);
  const scheme = tls ? "https" : "http";
  const linkBase = (port: number): string =>
    publicBaseUrl(config.host, port).replace(/^http:/, `${scheme}:`);

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

  let cluster: ClusterNode | null;
  try {
    cluster = await openCluster(config, storage, logger);
  } catch (error) {
    storage.close();
    throw error;
  }

  const rooms = new RoomRegistry({
    storage,
    updates: cluster?.updates,
    peers: cluster?.peers,
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
  const handleRequest = createRequestHandler({
    secret,
    storage,
    publicDataDir: config.publicDataDir,
    publicBaseUrl: (): string => linkBase(boundPort()),
    closeSockets: (planId, match, reason) =>
      rooms.closeMembers(planId, match, reason),
    refreshPlan: cluster ? (planId) => cluster.refreshPlan(planId) : undefined,
    logger,
    datasets: new DatasetStore(config.publicDataDir),
    staticFiles: new StaticFiles(config.webDir),
    isStopping,
    health: () =>
      healthReport(
        { rooms: rooms.names().length, clients: wss.clients.size },
        cluster,
      ),
  });
  const httpServer: http.Server | https.Server = tls
    ? https.createServer(tls, handleRequest)
    : http.createServer(handleRequest);
  if (tls) logTlsClientErrors(httpServer as https.Server, logger);
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
        rateLimit: rateLimitFor(config.maxMessageBytes, {
          messagesPerSecond: config.rateLimitMessagesPerSecond,
          messageBurst: config.rateLimitMessageBurst,
          bytesPerSecond: config.rateLimitBytesPerSecond,
        }),
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
    await cluster?.close();
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
      tls: tls !== null,
    },
    "server listening",
  );

  let closing: Promise<void> | null = null;
  return {
    url: `${scheme}://${urlHost}:${port}`,
    syncUrl: `${tls ? "wss" : "ws"}://${urlHost}:${port}/sync`,
    port,
    host: config.host,
    config,
    storage,
    rooms,
    events,
    logger,
    secret,
    demoLinks: () => demoInviteLinks(storage, secret, linkBase(port)),
    demoPayAdminLink: () => demoPayAdminLink(storage, secret, linkBase(port)),
    close: () => {
      stopping = true;
      closing ??= shutdown({
        httpServer,
        wss,
        rooms,
        storage,
        cluster,
        logger,
        stopPings,
        timeoutMs: options.closeTimeoutMs ?? 2_000,
      });
      return closing;
    },
  };
}

/**
 * Reads the certificate and key files named by `tlsCert` and `tlsKey`, or
 * returns null when neither is set.
 */
function readTlsFiles(
  config: ServerConfig,
): { cert: Buffer; key: Buffer } | null {
  if (config.tlsCert === undefined && config.tlsKey === undefined) return null;
  if (config.tlsCert === undefined || config.tlsKey === undefined) {
    throw new Error(
      "TLS needs both a certificate (TLS_CERT) and a key (TLS_KEY); only one is set.",
    );
  }
  const files = {
    cert: readTlsFile("TLS_CERT", config.tlsCert),
    key: readTlsFile("TLS_KEY", config.tlsKey),
  };
  try {
    createSecureContext(files);
  } catch (error) {
    throw new Error(
      `TLS_CERT ${config.tlsCert} and TLS_KEY ${config.tlsKey} do not form a usable certificate: ${(error as Error).message}. Check that both are PEM files and that the key belongs to the certificate.`,
      { cause: error },
    );
  }
  return files;
}

function readTlsFile(name: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new Error(
      `${name} file ${file} could not be read: ${(error as Error).message}. Point ${name} to a readable PEM file.`,
      { cause: error },
    );
  }
}

interface ShutdownParts {
  httpServer: http.Server | https.Server;
  wss: WebSocketServer;
  rooms: RoomRegistry;
  storage: Storage;
  cluster: ClusterNode | null;
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
  // Waits for updates still being written to PostgreSQL.
  await parts.cluster?.close();
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

function listen(
  server: http.Server | https.Server,
  port: number,
  host: string,
) {
  return new Promise<void>((resolve, reject) => {
    const fail = (error: Error) =>
      reject(explainListenError(error, port, host));
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      resolve();
    });
  });
}

/**
 * Rewords the listen errors an operator can fix through PORT or HOST, and
 * returns any other error unchanged.
 */
function explainListenError(error: Error, port: number, host: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") {
    return new Error(
      `Another process uses port ${port} on ${host}. Stop it or set PORT to a free port (PORT=0 picks one).`,
      { cause: error },
    );
  }
  if (code === "EACCES") {
    return new Error(
      `Listening on port ${port} on ${host} was denied (${code}): ports below 1024 need extra privileges. Set PORT to 1024 or higher (PORT=0 picks a free one).`,
      { cause: error },
    );
  }
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") {
    return new Error(
      `HOST ${host} is not an address of this machine (${code}). Set HOST to one of its addresses, such as 127.0.0.1 or 0.0.0.0.`,
      { cause: error },
    );
  }
  return error;
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
