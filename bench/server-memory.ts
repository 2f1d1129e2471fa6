import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { createPlan } from "../sync-server/plans.ts";
import { readDemoPlan } from "../sync-server/demo.ts";
import { Storage } from "../sync-server/storage.ts";
import { signInvite } from "../sync-server/tokens.ts";
import type { BenchResult } from "./harness.ts";

/**
 * Resident memory of a server process holding 100 plans, each a copy of
 * the demo plan (3,144 assigned counties) with one idle client connected.
 * The baseline is the same server process after start, with no plan loaded.
 */
export async function benchServerMemory(planCount = 100): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-bench-memory-"));
  const demo = readDemoPlan(join("public", "data", "demo-plan.json"));
  const storage = Storage.open(dataDir);
  // One of the copies is named "demo", so the server prints its invite links.
  const planIds = Array.from({ length: planCount }, (_, i) =>
    i === 0 ? "demo" : `bench-${i}`,
  );
  for (const planId of planIds) createPlan(storage, { ...demo, planId });
  storage.close();

  const authSecret = randomBytes(32).toString("hex");
  const secret = new TextEncoder().encode(authSecret);
  const server = spawn(
    process.execPath,
    ["--import", "tsx", "sync-server/main.ts"],
    {
      env: {
        ...process.env,
        AUTH_SECRET: authSecret,
        PORT: "0",
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        ROOM_IDLE_MS: "600000",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const editorLink = await firstEditorLink(server.stdout!);
  const base = new URL(editorLink);
  const pid = server.pid!;
  await sleep(1_000);
  const idleRss = rssOf(pid);

  const providers: WebsocketProvider[] = [];
  try {
    for (const planId of planIds) {
      const token = await signInvite(secret, planId, "viewer", 1);
      const provider = new WebsocketProvider(
        `ws://${base.host}/sync`,
        planId,
        new Y.Doc(),
        {
          params: { token },
          WebSocketPolyfill: WebSocket as never,
          disableBc: true,
        },
      );
      providers.push(provider);
      await new Promise<void>((resolve) =>
        provider.once("sync", () => resolve()),
      );
    }
    await sleep(2_000);
    const loadedRss = rssOf(pid);

    return {
      name: `server memory, ${planCount} idle plans with one client each`,
      rows: [
        {
          state: "started, no plan loaded (baseline)",
          "RSS MiB": mib(idleRss),
          "per plan KiB": "-",
        },
        {
          state: `${planCount} plans loaded, ${planCount} idle clients`,
          "RSS MiB": mib(loadedRss),
          "per plan KiB": Math.round((loadedRss - idleRss) / planCount / 1024),
        },
      ],
    };
  } finally {
    for (const provider of providers) provider.destroy();
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function firstEditorLink(stdout: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.on("line", (line) => {
      if (line.startsWith("editor: ")) resolve(line.slice("editor: ".length));
    });
    lines.on("close", () =>
      reject(new Error("Server exited before printing its editor link.")),
    );
  });
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`No VmRSS in /proc/${pid}/status.`);
  return Number(match[1]) * 1024;
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
