import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./free-port.ts";
import { ensureDebianBinary } from "./install.ts";
import { stopProcess, waitUntilReady } from "./process.ts";

const BIN_DIR = "/usr/lib/postgresql/15/bin";

/**
 * PostgreSQL refuses to run as root, so the cluster runs as this user,
 * created when missing.
 */
const SERVICE_USER = "postgres";

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust auth, no password. */
  url: string;
  port: number;
  /** Stops the server and removes its data folder. */
  stop(): Promise<void>;
  /**
   * Stops the server as a crash does (`pg_ctl stop --mode immediate`): every
   * session ends at once, without a checkpoint. The data folder stays.
   */
  stopImmediately(): Promise<void>;
  /** Starts the server again on the same port and data after a stop. */
  restart(): Promise<void>;
}

export interface PostgresOptions {
  /**
   * Flushes commits to disk as a production server does. Off by default,
   * because test data is thrown away.
   */
  fsync?: boolean;
}

/**
 * Starts a private PostgreSQL 15 cluster on a free loopback port, with its
 * data in a new temporary folder that `stop()` removes. Installs Debian's
 * postgresql package when the binaries are missing.
 */
export async function startPostgres(
  options: PostgresOptions = {},
): Promise<TestPostgres> {
  const fsync = options.fsync ?? false;
  ensureDebianBinary(path.join(BIN_DIR, "initdb"), ["postgresql-15"]);
  ensureServiceUser();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-pg-"));
  run("chown", [SERVICE_USER, dataDir]);
  run("runuser", [
    "-u",
    SERVICE_USER,
    "--",
    path.join(BIN_DIR, "initdb"),
    "--pgdata",
    dataDir,
    "--username",
    SERVICE_USER,
    "--auth",
    "trust",
    "--encoding",
    "UTF8",
    "--no-sync",
  ]);

  const port = await freePort();
  const url = `postgres://${SERVICE_USER}@127.0.0.1:${port}/postgres`;
  let server: PostgresProcess;
  try {
    server = await launch(dataDir, port, url, fsync);
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  let removed = false;
  return {
    url,
    port,
    stop: async () => {
      if (removed) return;
      removed = true;
      await server.stop("fast");
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    stopImmediately: () => server.stop("immediate"),
    restart: async () => {
      await server.stop("fast");
      server = await launch(dataDir, port, url, fsync);
    },
  };
}

interface PostgresProcess {
  /**
   * Stops the server with pg_ctl and waits for it to exit. On a stopped
   * server pg_ctl fails and changes nothing.
   */
  stop(mode: "fast" | "immediate"): Promise<void>;
}

/** Runs postgres on `dataDir` and resolves once it responds on `port`. */
async function launch(
  dataDir: string,
  port: number,
  url: string,
  fsync: boolean,
): Promise<PostgresProcess> {
  let log = "";
  const child = spawn(
    "runuser",
    [
      "-u",
      SERVICE_USER,
      "--",
      path.join(BIN_DIR, "postgres"),
      "-D",
      dataDir,
      "-p",
      String(port),
      "-k",
      dataDir,
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `fsync=${fsync ? "on" : "off"}`,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => (log += chunk));

  const stop = async (mode: "fast" | "immediate") => {
    // runuser may exit before the server it started, so pg_ctl waits for
    // the server to exit before the caller goes on. The fast mode ends
    // sessions and writes a checkpoint, the immediate mode ends them at once.
    spawnSync(
      "runuser",
      [
        "-u",
        SERVICE_USER,
        "--",
        path.join(BIN_DIR, "pg_ctl"),
        "stop",
        "--pgdata",
        dataDir,
        "--mode",
        mode,
        "--wait",
      ],
      { encoding: "utf8" },
    );
    await stopProcess(child, "SIGINT", 10_000);
  };
  try {
    await waitUntilReady(
      child,
      () => ping(url),
      30_000,
      () => `PostgreSQL on port ${port} (log: ${log.slice(-1000)})`,
    );
  } catch (error) {
    await stop("fast");
    throw error;
  }
  return { stop };
}

async function ping(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => {});
  }
}

function ensureServiceUser(): void {
  if (spawnSync("id", ["-u", SERVICE_USER]).status === 0) return;
  run("useradd", ["--system", "--no-create-home", SERVICE_USER]);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.status === 0) return;
  throw new Error(
    `"${command} ${args.join(" ")}" failed (exit ${result.status}): ${result.error?.message ?? ""}${result.stderr}`,
  );
}
