import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as Y from "yjs";
import { initPlan } from "../model/doc/init-plan.ts";
import { startTestServices } from "../scripts/test-services/index.ts";
import { freePort } from "../scripts/test-services/free-port.ts";
import { PostgresUpdateStore } from "../sync-server/cluster/postgres-store.ts";
import { readDemoPlan } from "../sync-server/demo.ts";
import { createLogger } from "../sync-server/log.ts";
import { Storage } from "../sync-server/storage.ts";
import { signInvite } from "../sync-server/tokens.ts";
import { percentile } from "./harness.ts";
import { clockMs } from "./sync-load-clock.ts";
import { readCpuTicks, readRss, sleep } from "./sync-load-servers.ts";
import { SENT_AT_MAP, type WorkerCommand } from "./sync-load-worker.ts";
import { LoadWorker, waitForDeliveries } from "./sync-load-workers.ts";

// `npm run bench:sync-cluster`: the editor load of bench/sync-load.ts on a
// two-node cluster. A private PostgreSQL 15 and redis-server start on
// loopback (scripts/test-services/, which needs root), then two Meridian
// nodes (`sync-server/main.ts` with DATABASE_URL and REDIS_URL, debug-level
// logs, so that the report counts every catch-up). Half the editors of one plan connect to each node, and every
// delivery is timed as same-node (author and receiver on one node) or
// cross-node (through PostgreSQL and a Redis publish). The editors run in
// the client processes of bench/sync-load.ts (bench/sync-load-worker.ts).

const PLAN_ID = "load";
/** Once the last edit is sent, deliveries may arrive until none has for this long. */
const DRAIN_IDLE_MS = 5_000;
/** Time from the start command to the first edit, so every process gets it first. */
const START_DELAY_MS = 500;

/** Node of an editor: even editors on node A (0), odd ones on node B (1). */
function nodeOf(editor: number): number {
  return editor % 2;
}

/** pino's numeric log levels. */
const LOG_LEVEL_INFO = 30;

interface NodeProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  port: number;
  exited: Promise<void>;
}

async function runBenchmark(): Promise<void> {
  const { values: args } = parseArgs({
    args: process.argv.slice(2),
    options: {
      editors: { type: "string", default: "50" },
      rate: { type: "string", default: "10" },
      seconds: { type: "string", default: "20" },
      warmup: { type: "string", default: "3" },
      processes: { type: "string", default: "4" },
      "catch-up-ms": { type: "string", default: "10000" },
      fsync: { type: "string", default: "on" },
    },
  });
  const editors = wholeNumber("--editors", args.editors, 2);
  const rate = wholeNumber("--rate", args.rate, 1);
  const seconds = wholeNumber("--seconds", args.seconds, 1);
  const warmupSeconds = wholeNumber("--warmup", args.warmup, 0);
  const processes = Math.min(
    wholeNumber("--processes", args.processes, 1),
    editors,
  );
  const catchUpMs = wholeNumber("--catch-up-ms", args["catch-up-ms"], 100);
  if (args.fsync !== "on" && args.fsync !== "off")
    throw new Error(`--fsync "${args.fsync}" is invalid: use on or off.`);

  const demo = readDemoPlan(join("public", "data", "demo-plan.json"));
  const initialDoc = new Y.Doc();
  initPlan(initialDoc, { ...demo, planId: PLAN_ID });
  const initialUpdate = Y.encodeStateAsUpdate(initialDoc);
  const command =
    `npm run bench:sync-cluster -- ${process.argv.slice(2).join(" ")}`.trim();
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(`Command: ${command}`);
  console.log(`Machine: ${machine}, load average ${loadavg()[0].toFixed(1)}`);

  const services = await startTestServices({
    postgresFsync: args.fsync === "on",
  });
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-bench-cluster-"));
  const nodes: NodeProcess[] = [];
  const workers: LoadWorker[] = [];
  try {
    const storage = Storage.open(dataDir);
    storage.createPlan({ id: PLAN_ID, name: "Cluster load" }, initialUpdate);
    storage.close();
    const authSecret = randomBytes(32).toString("hex");
    const env = {
      AUTH_SECRET: authSecret,
      DATA_DIR: dataDir,
      DATABASE_URL: services.postgres.url,
      REDIS_URL: services.redis.url,
      CLUSTER_CATCH_UP_MS: String(catchUpMs),
    };
    // One after the other, so that only the first creates the tables.
    nodes.push(await startNode("A", env, dataDir));
    nodes.push(await startNode("B", env, dataDir));

    const secret = new TextEncoder().encode(authSecret);
    const invite = await signInvite(secret, PLAN_ID, "editor", 1);
    const assignments: Extract<
      WorkerCommand,
      { type: "connect" }
    >["editors"][] = Array.from({ length: processes }, () => []);
    for (let editor = 0; editor < editors; editor++) {
      const port = nodes[nodeOf(editor)].port;
      const token = await joinPlan(port, invite, `Editor ${editor}`);
      assignments[editor % processes].push({
        editor,
        port,
        params: { token },
      });
    }
    for (let i = 0; i < processes; i++) workers.push(new LoadWorker());
    await Promise.all(
      workers.map((worker, i) =>
        worker.request(
          {
            type: "connect",
            port: nodes[0].port,
            planId: PLAN_ID,
            initialUpdate,
            editors: assignments[i],
          },
          "connected",
        ),
      ),
    );

    const warmupEdits = warmupSeconds * rate;
    const edits = warmupEdits + seconds * rate;
    const samplers = nodes.map((node) => new Sampler(node.pid));
    const loadAverageStart = loadavg()[0];
    const startAt = clockMs() + START_DELAY_MS;
    const sent = await Promise.all(
      workers.map((worker) =>
        worker.request(
          {
            type: "start",
            startAt,
            totalEditors: editors,
            editsPerSecond: rate,
            edits,
            warmupEdits,
          },
          "sent",
        ),
      ),
    );
    const windowMs = clockMs() - startAt;
    for (const sampler of samplers) sampler.markSendEnd();
    const editsSent = sent.reduce((sum, reply) => sum + reply.sent, 0);
    const expected = editsSent * (editors - 1);
    await waitForDeliveries(workers, expected, DRAIN_IDLE_MS);
    for (const sampler of samplers) sampler.stop();
    const collected = await Promise.all(
      workers.map((worker) => worker.request({ type: "collect" }, "collected")),
    );
    const stored = await countStoredEdits(services.postgres.url, initialUpdate);

    const deliveries = collected.reduce(
      (sum, reply) => sum + reply.received,
      0,
    );
    const same: number[] = [];
    const cross: number[] = [];
    for (const reply of collected) {
      reply.latencies.forEach((latency, i) => {
        const sameNode =
          nodeOf(reply.authors[i]) === nodeOf(reply.receivers[i]);
        (sameNode ? same : cross).push(latency);
      });
    }
    const lines = [
      `## Cluster sync load: ${editors} editors (${Math.ceil(editors / 2)} on node A, ${Math.floor(editors / 2)} on node B), ${rate} edits/s each, ${seconds} s timed after ${warmupSeconds} s of warm-up, clients in ${processes} processes`,
      "",
      `Command: \`${command}\``,
      `Machine: ${machine}. PostgreSQL 15 with fsync ${args.fsync}, redis-server without persistence, CLUSTER_CATCH_UP_MS ${catchUpMs}.`,
      "",
      `Edits sent ${editsSent}, stored in PostgreSQL ${stored}; deliveries ${deliveries} of ${expected} expected (missing ${expected - deliveries}).`,
      "",
      "| deliveries | timed | p50 | p99 | max |",
      "| --- | --- | --- | --- | --- |",
      latencyRow("same-node", same),
      latencyRow("cross-node", cross),
      "",
      "| node | CPU, mean and peak | RSS before → peak |",
      "| --- | --- | --- |",
      ...nodes.map((node, i) => samplers[i].row(node.name, windowMs)),
      "",
      `Load average ${loadAverageStart.toFixed(1)} → ${loadavg()[0].toFixed(1)}.`,
      "",
      "| node | catch-ups logged at info | at debug | `update not stored` lines |",
      "| --- | --- | --- | --- |",
      ...nodes.map((node) => logRow(node, dataDir)),
    ];
    console.log(`\n${lines.join("\n")}`);
    if (expected !== deliveries || stored !== editsSent) process.exitCode = 1;
  } finally {
    for (const worker of workers) worker.stop();
    for (const node of nodes) {
      node.child.kill("SIGTERM");
      await node.exited;
    }
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function startNode(
  name: string,
  env: Record<string, string>,
  dataDir: string,
): Promise<NodeProcess> {
  const port = await freePort();
  const logFile = join(dataDir, `node-${name}.log`);
  const logFd = openSync(logFile, "w");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "sync-server/main.ts"],
    {
      env: {
        ...process.env,
        ...env,
        HOST: "127.0.0.1",
        PORT: String(port),
        ROOM_IDLE_MS: "600000",
        LOG_LEVEL: "debug",
      },
      stdio: ["ignore", "ignore", logFd],
    },
  );
  closeSync(logFd);
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => resolve()),
  );
  process.once("exit", () => child.kill("SIGTERM"));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const reply = await fetch(`http://127.0.0.1:${port}/healthz`).catch(
      () => null,
    );
    if (reply?.ok) return { name, child, pid: child.pid!, port, exited };
    await sleep(100);
  }
  throw new Error(
    `Node ${name} on port ${port} did not respond to GET /healthz with 200 within 60 s (exit code ${child.exitCode}). Its log:\n${readFileSync(logFile, "utf8").slice(-2000)}`,
  );
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

/** Counts the send-time keys in the plan as PostgreSQL stores it: one per edit. */
async function countStoredEdits(
  databaseUrl: string,
  initialUpdate: Uint8Array,
): Promise<number> {
  const store = await PostgresUpdateStore.open({
    databaseUrl,
    logger: createLogger("silent"),
    readLocalRoom: () => ({
      snapshot: null,
      snapshotSeq: 0,
      updates: [initialUpdate],
      lastSeq: 1,
    }),
  });
  try {
    const stored = await store.loadRoom(PLAN_ID);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return doc.getMap(SENT_AT_MAP).size;
  } finally {
    await store.close();
  }
}

const CLOCK_TICKS_PER_SECOND = Number(
  execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim(),
);

/** Samples a process's CPU time and memory every second. */
class Sampler {
  private readonly startTicks: number;
  private readonly startRss: number;
  private endTicks = 0;
  private peakRss: number;
  private peakCpuPercent = 0;
  private lastTicks: number;
  private lastSampleAt = clockMs();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.startTicks = readCpuTicks(pid);
    this.lastTicks = this.startTicks;
    this.startRss = readRss(pid);
    this.peakRss = this.startRss;
    this.timer = setInterval(() => this.sample(), 1_000);
  }

  /** Records the CPU time when the last edit was sent, for the mean. */
  markSendEnd(): void {
    this.endTicks = readCpuTicks(this.pid);
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** A Markdown row: mean CPU while edits were sent, peak, memory. */
  row(name: string, windowMs: number): string {
    const mean = cpuPercent(this.endTicks - this.startTicks, windowMs);
    return `| ${name} | ${mean.toFixed(0)} %, ${this.peakCpuPercent.toFixed(0)} % | ${mib(this.startRss)} → ${mib(this.peakRss)} MiB |`;
  }

  private sample(): void {
    const now = clockMs();
    const ticks = readCpuTicks(this.pid);
    this.peakCpuPercent = Math.max(
      this.peakCpuPercent,
      cpuPercent(ticks - this.lastTicks, now - this.lastSampleAt),
    );
    this.lastTicks = ticks;
    this.lastSampleAt = now;
    this.peakRss = Math.max(this.peakRss, readRss(this.pid));
  }
}

function cpuPercent(ticks: number, ms: number): number {
  return (ticks / CLOCK_TICKS_PER_SECOND / (ms / 1000)) * 100;
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}

function latencyRow(label: string, latencies: number[]): string {
  const ms = (p: number) => `${percentile(latencies, p).toFixed(1)} ms`;
  return `| ${label} | ${latencies.length} | ${ms(50)} | ${ms(99)} | ${ms(100)} |`;
}

/** Returns a Markdown row with the counts of a node's catch-up and store-failure log lines. */
function logRow(node: NodeProcess, dataDir: string): string {
  const lines = readFileSync(join(dataDir, `node-${node.name}.log`), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { msg: string; level: number });
  const catchUps = lines.filter(
    (line) => line.msg === "room caught up from the store",
  );
  const info = catchUps.filter((line) => line.level >= LOG_LEVEL_INFO).length;
  const failures = lines.filter(
    (line) => line.msg === "update not stored",
  ).length;
  return `| ${node.name} | ${info} | ${catchUps.length - info} | ${failures} |`;
}

function wholeNumber(option: string, value: string, min: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    throw new Error(
      `${option} "${value}" is invalid: use a whole number of at least ${min}.`,
    );
  }
  return number;
}

await runBenchmark();
