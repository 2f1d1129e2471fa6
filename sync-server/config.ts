import path from "node:path";

/** SQLite durability level for stored updates. */
export type Durability = "normal" | "full";

export const LOG_LEVELS = [
  "fatal",
  "error",
  "warn",
  "info",
  "debug",
  "trace",
  "silent",
] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings of one server, read from the environment by `readConfig`. */
export interface ServerConfig {
  /** TCP port; 0 picks a free one. */
  port: number;
  host: string;
  /** Folder of the SQLite database and the generated auth secret. */
  dataDir: string;
  /**
   * Token signing secret; when undefined, the one stored in `dataDir` is used.
   */
  authSecret: string | undefined;
  /**
   * "normal" is synchronous=NORMAL (survives a killed process), "full" also
   * survives power loss.
   */
  durability: Durability;
  /** Milliseconds a room with no connections stays in memory. */
  roomIdleMs: number;
  /** Largest WebSocket message accepted, in bytes. */
  maxMessageBytes: number;
  logLevel: LogLevel;
  /** Built web app (vite output). */
  webDir: string;
  /** Reference datasets, their manifest.json and demo-plan.json. */
  publicDataDir: string;
  /** Messages a second one connection may send on average; undefined is 100. */
  rateLimitMessagesPerSecond: number | undefined;
  /** Messages one connection may send at once; undefined is 1000. */
  rateLimitMessageBurst: number | undefined;
  /** Bytes a second one connection may send on average; undefined is 1 MiB. */
  rateLimitBytesPerSecond: number | undefined;
  /**
   * PEM certificate chain file. With `tlsKey`, the server serves HTTPS and
   * WSS instead of HTTP and WS.
   */
  tlsCert: string | undefined;
  /** PEM private key file of `tlsCert`. */
  tlsKey: string | undefined;
  /**
   * PostgreSQL URL of the shared room update store. With `redisUrl`, the
   * server runs as one node of a cluster.
   */
  databaseUrl: string | undefined;
  /** Redis URL of the pub/sub that fans updates out between nodes. */
  redisUrl: string | undefined;
  /**
   * Milliseconds between reads of each loaded room's missed updates from
   * PostgreSQL, in cluster mode.
   */
  clusterCatchUpMs: number;
}

/** 32 MiB: an offline catch-up of a large plan must fit in one sync message. */
export const DEFAULT_MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

export function defaultConfig(): ServerConfig {
  return {
    port: 8080,
    host: "127.0.0.1",
    dataDir: path.resolve("data"),
    authSecret: undefined,
    durability: "normal",
    roomIdleMs: 30_000,
    maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
    logLevel: "info",
    webDir: path.resolve("dist/web"),
    publicDataDir: path.resolve("public/data"),
    rateLimitMessagesPerSecond: undefined,
    rateLimitMessageBurst: undefined,
    rateLimitBytesPerSecond: undefined,
    tlsCert: undefined,
    tlsKey: undefined,
    databaseUrl: undefined,
    redisUrl: undefined,
    clusterCatchUpMs: 10_000,
  };
}

/** An invalid configuration value, named with the variable that contains it. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads the server configuration from environment variables, falling back to
 * the defaults. Throws a ConfigError naming the first invalid variable.
 */
export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const config = defaultConfig();
  const value = (name: string) => {
    const raw = env[name];
    return raw === undefined || raw.trim() === "" ? undefined : raw.trim();
  };

  const port = value("PORT");
  if (port !== undefined) config.port = readInteger("PORT", port, 0, 65535);

  config.host = value("HOST") ?? config.host;

  const dataDir = value("DATA_DIR");
  if (dataDir !== undefined) config.dataDir = path.resolve(dataDir);

  config.authSecret = value("AUTH_SECRET");

  const durability = value("DURABILITY");
  if (durability !== undefined) config.durability = readDurability(durability);

  const idle = value("ROOM_IDLE_MS");
  if (idle !== undefined)
    config.roomIdleMs = readInteger("ROOM_IDLE_MS", idle, 0, 86_400_000);

  const maxBytes = value("MAX_MESSAGE_BYTES");
  if (maxBytes !== undefined) {
    config.maxMessageBytes = readInteger(
      "MAX_MESSAGE_BYTES",
      maxBytes,
      1024,
      1024 * 1024 * 1024,
    );
  }

  const level = value("LOG_LEVEL");
  if (level !== undefined) config.logLevel = readLogLevel(level);

  const webDir = value("WEB_DIR");
  if (webDir !== undefined) config.webDir = path.resolve(webDir);

  const publicDataDir = value("PUBLIC_DATA_DIR");
  if (publicDataDir !== undefined)
    config.publicDataDir = path.resolve(publicDataDir);

  readRateLimit(config, value);
  readTls(config, value);
  readCluster(config, value);
  return config;
}

function readRateLimit(
  config: ServerConfig,
  value: (name: string) => string | undefined,
): void {
  const max = 1024 * 1024 * 1024;
  const messages = value("RATE_LIMIT_MESSAGES_PER_SECOND");
  if (messages !== undefined) {
    config.rateLimitMessagesPerSecond = readInteger(
      "RATE_LIMIT_MESSAGES_PER_SECOND",
      messages,
      1,
      max,
    );
  }
  const burst = value("RATE_LIMIT_MESSAGE_BURST");
  if (burst !== undefined) {
    config.rateLimitMessageBurst = readInteger(
      "RATE_LIMIT_MESSAGE_BURST",
      burst,
      1,
      max,
    );
  }
  const bytes = value("RATE_LIMIT_BYTES_PER_SECOND");
  if (bytes !== undefined) {
    config.rateLimitBytesPerSecond = readInteger(
      "RATE_LIMIT_BYTES_PER_SECOND",
      bytes,
      1,
      max,
    );
  }
}

function readTls(
  config: ServerConfig,
  value: (name: string) => string | undefined,
): void {
  const cert = value("TLS_CERT");
  const key = value("TLS_KEY");
  if ((cert === undefined) !== (key === undefined)) {
    const missing = cert === undefined ? "TLS_CERT" : "TLS_KEY";
    throw new ConfigError(
      `${missing} is missing: TLS needs both TLS_CERT and TLS_KEY. Set ${missing} to its PEM file or unset the other one to serve plain HTTP.`,
    );
  }
  if (cert !== undefined) config.tlsCert = path.resolve(cert);
  if (key !== undefined) config.tlsKey = path.resolve(key);
}

function readInteger(
  name: string,
  raw: string,
  min: number,
  max: number,
): number {
  const number = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new ConfigError(
      `${name} "${raw}" is not a whole number between ${min} and ${max}. Set it to a value in that range or unset it for the default.`,
    );
  }
  return number;
}

function readDurability(raw: string): Durability {
  const lower = raw.toLowerCase();
  if (lower === "normal" || lower === "full") return lower;
  throw new ConfigError(
    `DURABILITY "${raw}" is not "normal" or "full". Use "full" to survive power loss at the cost of one fsync per update.`,
  );
}

function readLogLevel(raw: string): LogLevel {
  const level = LOG_LEVELS.find((l) => l === raw.toLowerCase());
  if (level) return level;
  throw new ConfigError(
    `LOG_LEVEL "${raw}" is not one of ${LOG_LEVELS.join(", ")}.`,
  );
}

function readCluster(
  config: ServerConfig,
  value: (name: string) => string | undefined,
): void {
  const databaseUrl = value("DATABASE_URL");
  if (databaseUrl !== undefined) {
    config.databaseUrl = readUrl(
      "DATABASE_URL",
      databaseUrl,
      ["postgres:", "postgresql:"],
      "postgres://user:password@host:5432/database",
    );
  }
  const redisUrl = value("REDIS_URL");
  if (redisUrl !== undefined) {
    config.redisUrl = readUrl(
      "REDIS_URL",
      redisUrl,
      ["redis:", "rediss:"],
      "redis://host:6379 (rediss:// for TLS)",
    );
  }
  const catchUp = value("CLUSTER_CATCH_UP_MS");
  if (catchUp !== undefined) {
    config.clusterCatchUpMs = readInteger(
      "CLUSTER_CATCH_UP_MS",
      catchUp,
      100,
      86_400_000,
    );
  }
  if ((config.databaseUrl === undefined) === (config.redisUrl === undefined))
    return;
  const missing =
    config.databaseUrl === undefined ? "DATABASE_URL" : "REDIS_URL";
  throw new ConfigError(
    `${missing} is missing. Cluster mode needs both DATABASE_URL (PostgreSQL) and REDIS_URL; set both, or unset both for the single-node SQLite server.`,
  );
}

/**
 * Checks that `raw` parses as a URL with one of `schemes` (each with its
 * colon, as `URL.protocol` returns it), so that a typo fails the start
 * instead of turning into a DNS or login error of the client library.
 */
function readUrl(
  name: string,
  raw: string,
  schemes: readonly string[],
  example: string,
): string {
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (url !== null && schemes.includes(url.protocol)) return raw;

  const reason =
    url === null
      ? "is not a URL"
      : `has scheme ${url.protocol.slice(0, -1)}, not ${schemes.map((scheme) => scheme.slice(0, -1)).join(" or ")}`;
  throw new ConfigError(
    `${name} "${maskPassword(raw, url)}" ${reason}. Set it to a URL like ${example}.`,
  );
}

/**
 * Replaces the password of a URL with ***, so that an error message can
 * show the rest of the value. Text without a URL password, such as
 * "host:secret@x" that parses with scheme "host:", is masked from a ":" up
 * to the next "@".
 */
export function maskPassword(raw: string, url: URL | null): string {
  if (url !== null && url.password !== "") {
    // Replacing in the raw text keeps the value as the operator typed it,
    // where URL.href would percent-encode or normalise parts of it. The
    // userinfo ends at the last "@" before the path, query or fragment, and
    // the password starts after its first ":".
    const start = raw.indexOf("//") + 2;
    const authorityEnd = raw.slice(start).search(/[/?#]/);
    const end = authorityEnd === -1 ? raw.length : start + authorityEnd;
    const at = raw.lastIndexOf("@", end);
    const colon = raw.indexOf(":", start);
    if (start >= 2 && at > start && colon >= start && colon < at) {
      return `${raw.slice(0, colon + 1)}***${raw.slice(at)}`;
    }
    url.password = "***";
    return url.href;
  }
  return raw.replace(/:[^:@/]*@/, ":***@");
}
