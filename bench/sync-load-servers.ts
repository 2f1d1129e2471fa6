import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Storage } from "../sync-server/storage.ts";
import { signInvite } from "../sync-server/tokens.ts";

// The sync servers that bench/sync-load.ts compares, each started as a child
// process on 127.0.0.1, and readers of a process's CPU time and memory.

export type ServerKind = "meridian" | "reference";

export interface ServerStartOptions {
  /** Plans stored in Meridian's database before it starts, each with `initialUpdate`. */
  planIds: string[];
  initialUpdate: Uint8Array;
  durability: "normal" | "full";
  /** Folder for a V8 CPU profile of the Meridian server process, or none. */
  profileDir?: string;
  /**
   * JSON file that bench/sync-load-probe.ts writes in the Meridian server
   * process, or none to run the server without it.
   */
  probeFile?: string;
}

/** A sync server running as a child process of the benchmark. */
export interface ServerProcess {
  kind: ServerKind;
  pid: number;
  port: number;
  /** Token query parameters for one client of a plan, or none. */
  tokenFor(planId: string, editor: number): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * Starts Meridian's server (`sync-server/main.ts` with auth, SQLite storage
 * and info-level logs, as `npm start` runs it without the web build) or the
 * reference server @y/websocket-server, which keeps documents in memory.
 */
export async function startServerProcess(
  kind: ServerKind,
  options: ServerStartOptions,
): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `meridian-bench-sync-${kind}-`));
  const logFile = join(dataDir, "server.log");
  const logFd = openSync(logFile, "w");
  let child: ChildProcess;
  let tokenFor: ServerProcess["tokenFor"];

  if (kind === "meridian") {
    const storage = Storage.open(dataDir);
    for (const planId of options.planIds) {
      storage.createPlan(
        { id: planId, name: `Load ${planId}` },
        options.initialUpdate,
      );
    }
    storage.close();
    const authSecret = randomBytes(32).toString("hex");
    const secret = new TextEncoder().encode(authSecret);
    const profileArgs = options.profileDir
      ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`]
      : [];
    const probeArgs = options.probeFile
      ? ["--import", "./bench/sync-load-probe.ts"]
      : [];
    child = spawn(
      process.execPath,
      [...profileArgs, "--import", "tsx", ...probeArgs, "sync-server/main.ts"],
      {
        env: {
          ...process.env,
          AUTH_SECRET: authSecret,
          HOST: "127.0.0.1",
          PORT: String(port),
          DATA_DIR: dataDir,
          DURABILITY: options.durability,
          ROOM_IDLE_MS: "600000",
          LOG_LEVEL: "info",
          ...(options.probeFile ? { SYNC_PROBE_FILE: options.probeFile } : {}),
        },
        stdio: ["ignore", "ignore", logFd],
      },
    );
    tokenFor = async (planId, editor) => {
      const invite = await signInvite(secret, planId, "editor", 1);
      return { token: await joinPlan(port, invite, `Editor ${editor}`) };
    };
  } else {
    child = spawn(
      process.execPath,
      ["node_modules/@y/websocket-server/src/server.js"],
      {
        env: { ...process.env, HOST: "127.0.0.1", PORT: String(port) },
        stdio: ["ignore", "ignore", logFd],
      },
    );
    tokenFor = async () => ({});
  }
  closeSync(logFd);
  // Stops the server when the benchmark exits early, on an error included.
  const killChild = () => child.kill("SIGTERM");
  process.once("exit", killChild);

  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => resolve()),
  );
  const healthPath = kind === "meridian" ? "/healthz" : "/";
  await waitForHttp(port, healthPath, child, logFile);
  return {
    kind,
    pid: child.pid!,
    port,
    tokenFor,
    async stop() {
      process.off("exit", killChild);
      child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Exchanges an editor invite for a person token, as the web app does.
async function joinPlan(
  port: number,
  invite: string,
  name: string,
): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/join`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token: invite, name }),
  });
  if (response.status !== 200) {
    throw new Error(
      `POST /api/join failed with ${response.status}: ${await response.text()}`,
    );
  }
  return ((await response.json()) as { token: string }).token;
}

async function waitForHttp(
  port: number,
  path: string,
  child: ChildProcess,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(
    `Server on port ${port} did not respond to GET ${path} within 60 s (exit code ${child.exitCode}). Check its log:\n${readFileSync(logFile, "utf8").slice(-2000)}`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** User plus system CPU time of a process so far, in clock ticks. */
export function readCpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name ends at the last ")". utime and stime are fields 14
  // and 15 of proc(5), which are the 12th and 13th after it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** Resident set size of a process in bytes. */
export function readRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`No VmRSS in /proc/${pid}/status.`);
  return Number(match[1]) * 1024;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
