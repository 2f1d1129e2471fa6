import path from "node:path";
import { describe, expect, test } from "vitest";
import {
  ConfigError,
  DEFAULT_MAX_MESSAGE_BYTES,
  readConfig,
} from "../../sync-server/config.ts";

describe("readConfig", () => {
  test("uses defaults for an empty environment", () => {
    expect(readConfig({})).toEqual({
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
    });
  });

  test("reads every variable", () => {
    const config = readConfig({
      PORT: "0",
      HOST: "0.0.0.0",
      DATA_DIR: "/tmp/meridian",
      AUTH_SECRET: "s".repeat(40),
      DURABILITY: "FULL",
      ROOM_IDLE_MS: "500",
      MAX_MESSAGE_BYTES: "65536",
      LOG_LEVEL: "warn",
      WEB_DIR: "/srv/web",
      PUBLIC_DATA_DIR: "/srv/data",
      RATE_LIMIT_MESSAGES_PER_SECOND: "50",
      RATE_LIMIT_MESSAGE_BURST: "200",
      RATE_LIMIT_BYTES_PER_SECOND: "2097152",
      TLS_CERT: "/srv/tls/cert.pem",
      TLS_KEY: "/srv/tls/key.pem",
      DATABASE_URL: "postgres://meridian@127.0.0.1:5432/meridian",
      REDIS_URL: "redis://127.0.0.1:6379",
      CLUSTER_CATCH_UP_MS: "2500",
    });
    expect(config).toEqual({
      port: 0,
      host: "0.0.0.0",
      dataDir: "/tmp/meridian",
      authSecret: "s".repeat(40),
      durability: "full",
      roomIdleMs: 500,
      maxMessageBytes: 65536,
      logLevel: "warn",
      webDir: "/srv/web",
      publicDataDir: "/srv/data",
      rateLimitMessagesPerSecond: 50,
      rateLimitMessageBurst: 200,
      rateLimitBytesPerSecond: 2097152,
      tlsCert: "/srv/tls/cert.pem",
      tlsKey: "/srv/tls/key.pem",
      databaseUrl: "postgres://meridian@127.0.0.1:5432/meridian",
      redisUrl: "redis://127.0.0.1:6379",
      clusterCatchUpMs: 2500,
    });
  });

  test.each([
    ["PORT", "abc", 'PORT "abc" is not a whole number between 0 and 65535'],
    ["PORT", "70000", 'PORT "70000" is not a whole number between 0'],
    ["PORT", "-1", 'PORT "-1" is not a whole number'],
    ["ROOM_IDLE_MS", "1.5", 'ROOM_IDLE_MS "1.5" is not a whole number'],
    [
      "MAX_MESSAGE_BYTES",
      "10",
      'MAX_MESSAGE_BYTES "10" is not a whole number between 1024',
    ],
    ["DURABILITY", "fast", 'DURABILITY "fast" is not "normal" or "full"'],
    ["LOG_LEVEL", "loud", 'LOG_LEVEL "loud" is not one of'],
  ])("rejects %s=%s", (name, value, message) => {
    expect(() => readConfig({ [name]: value })).toThrow(message);
  });

  test.each([
    [
      "DATABASE_URL",
      "not-a-url",
      'DATABASE_URL "not-a-url" is not a URL. Set it to a URL like postgres://',
    ],
    [
      "DATABASE_URL",
      "mysql://root:hunter2@db:3306/meridian",
      'DATABASE_URL "mysql://root:***@db:3306/meridian" has scheme mysql, not postgres or postgresql',
    ],
    [
      "REDIS_URL",
      "http://:hunter2@cache:6379",
      'REDIS_URL "http://:***@cache:6379" has scheme http, not redis or rediss',
    ],
    [
      "REDIS_URL",
      "cache:hunter2@6379",
      'REDIS_URL "cache:***@6379" has scheme cache, not redis or rediss',
    ],
  ])("rejects %s=%s", (name, value, message) => {
    const other =
      name === "DATABASE_URL"
        ? { REDIS_URL: "redis://127.0.0.1:6379" }
        : { DATABASE_URL: "postgres://127.0.0.1/meridian" };
    const read = () => readConfig({ ...other, [name]: value });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(message);
    expect(read).not.toThrow("hunter2");
  });

  test.each([
    ["postgresql://u:p@db/meridian", "rediss://cache:6380"],
    ["postgres://db/meridian", "redis://cache"],
  ])("accepts DATABASE_URL=%s with REDIS_URL=%s", (databaseUrl, redisUrl) => {
    const config = readConfig({
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
    });
    expect(config.databaseUrl).toBe(databaseUrl);
    expect(config.redisUrl).toBe(redisUrl);
  });
});
