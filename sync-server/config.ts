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

  return config;
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
