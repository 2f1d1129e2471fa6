import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { initPlan } from "../model/doc/init-plan.ts";
import { PlanDoc } from "../model/doc/plan-doc.ts";
import { readDemoPlan } from "../sync-server/demo.ts";
import { Storage } from "../sync-server/storage.ts";
import { signInvite } from "../sync-server/tokens.ts";
import { percentile } from "./harness.ts";

// `npm run bench:sync`: editors of one plan edit at a fixed rate through
// Meridian's sync server and through the reference y-websocket server
// (@y/websocket-server 0.1.1, in memory), each run as a child process on
// loopback. A second scenario opens many plans at once and compares the
// servers' memory. See the "Sync load" section of docs/BENCHMARKS.md.

const PLAN_ID = "load";
/** Top-level Y.Map of the send time of every edit, keyed `<editor>:<seq>`. */
const SENT_AT_MAP = "benchSentAt";
/** Origin of an editor's own edits when they enter its connected document. */
const OWN_EDIT = Symbol("own edit");

/**
 * Once the last edit is sent, the clients wait for late deliveries until
 * none has arrived for this long. What is still missing then counts as missing.
 */
const DRAIN_IDLE_MS = 5_000;
/** Open plans connect this many clients at a time. */
const CONNECT_CONCURRENCY = 50;
const CLOCK_TICKS_PER_SECOND = Number(
  execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim(),
);

type ServerKind = "meridian" | "reference";

interface LoadOptions {
  editors: number;
  editsPerSecond: number;
  seconds: number;
}

interface LoadResult {
  server: ServerKind;
  run: number;
  editsSent: number;
  deliveriesExpected: number;
  deliveries: number;
  p50: number;
  p99: number;
  max: number;
  serverCpuPercent: number;
  serverPeakCpuPercent: number;
  /** Server CPU time from the first edit until every delivery arrived or the wait for late deliveries ended, per edit sent. */
  serverCpuMsPerEdit: number;
  serverRssStartMiB: number;
  serverRssPeakMiB: number;
  loadProcessCpuPercent: number;
  /** One-minute load average of the machine at the start and at the end. */
  loadAverage: [number, number];
}

interface PlansResult {
  server: ServerKind;
  run: number;
  plans: number;
  rssStartedMiB: number;
  rssOpenMiB: number;
  perPlanKiB: number;
  openSeconds: number;
}

/** A sync server running as a child process of this benchmark. */
interface ServerProcess {
  kind: ServerKind;
  child: ChildProcess;
  pid: number;
  port: number;
  /** Token query parameters for one client of a plan, or none. */
  tokenFor(planId: string, editor: number): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

const { values: args } = parseArgs({
  options: {
    editors: { type: "string", default: "50" },
    rate: { type: "string", default: "10" },
    seconds: { type: "string", default: "20" },
    runs: { type: "string", default: "3" },
    plans: { type: "string", default: "1000" },
    scenario: { type: "string", default: "all" },
    durability: { type: "string", default: "normal" },
    servers: { type: "string", default: "meridian,reference" },
    /** Folder for a V8 CPU profile of each Meridian server process. */
    "profile-server": { type: "string" },
  },
});
const loadOptions: LoadOptions = {
  editors: positiveInteger("--editors", args.editors),
  editsPerSecond: positiveInteger("--rate", args.rate),
  seconds: positiveInteger("--seconds", args.seconds),
};
const runs = positiveInteger("--runs", args.runs);
const planCount = positiveInteger("--plans", args.plans);
if (!["all", "load", "plans"].includes(args.scenario)) {
  throw new Error(
    `--scenario "${args.scenario}" is invalid: use all, load or plans.`,
  );
}
if (!["normal", "full"].includes(args.durability)) {
  throw new Error(
    `--durability "${args.durability}" is invalid: use normal or full.`,
  );
}
const durability = args.durability as "normal" | "full";
const profileDir = args["profile-server"];
const servers = args.servers.split(",") as ServerKind[];
for (const server of servers) {
  if (server !== "meridian" && server !== "reference") {
    throw new Error(
      `--servers "${args.servers}" is invalid: list meridian, reference or both, separated by a comma.`,
    );
  }
}

// y-websocket adds a process "exit" listener per provider.
process.setMaxListeners(0);

const demo = readDemoPlan(join("public", "data", "demo-plan.json"));
const initialDoc = new Y.Doc();
initPlan(initialDoc, { ...demo, planId: PLAN_ID });
const initialUpdate = Y.encodeStateAsUpdate(initialDoc);
const initialPlan = new PlanDoc(initialDoc);
const unitIds = [...initialPlan.readAssignments().keys()];
const territoryIds = initialPlan.readTerritories().map((t) => t.id);

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(
  `Plan: the demo plan, ${unitIds.length} assigned units, ${territoryIds.length} territories, first update ${initialUpdate.byteLength} bytes. Meridian durability: ${durability}.`,
);

if (args.scenario !== "plans") {
  const results: LoadResult[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const kind of serverOrder(run)) {
      const result = await runLoad(kind, run, loadOptions);
      results.push(result);
      console.log(JSON.stringify(result));
    }
  }
  console.log(
    `\n## Sync load: ${loadOptions.editors} editors, ${loadOptions.editsPerSecond} edits/s each, ${loadOptions.seconds} s\n`,
  );
  console.table(results.map(formatLoad));
  const ratios = [];
  for (let run = 1; run <= runs; run++) {
    const meridian = results.find(
      (r) => r.run === run && r.server === "meridian",
    );
    const reference = results.find(
      (r) => r.run === run && r.server === "reference",
    );
    if (meridian && reference) ratios.push(meridian.p99 / reference.p99);
  }
  console.log(
    `p99 ratio Meridian/reference per run: ${ratios.map((r) => r.toFixed(2)).join(", ")}`,
  );
}

if (args.scenario !== "load") {
  const results: PlansResult[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const kind of serverOrder(run)) {
      const result = await runPlans(kind, run, planCount);
      results.push(result);
      console.log(JSON.stringify(result));
    }
  }
  console.log(`\n## Open plans: ${planCount} plans, one client each\n`);
  console.table(results);
}

/**
 * Runs the edit load once against one server: every editor sends
 * `editsPerSecond` edits a second for `seconds`, and every other editor
 * records when each edit arrives.
 */
async function runLoad(
  kind: ServerKind,
  run: number,
  options: LoadOptions,
): Promise<LoadResult> {
  const server = await startServerProcess(kind, [PLAN_ID]);
  const clients: LoadClient[] = [];
  try {
    for (let editor = 0; editor < options.editors; editor++) {
      const params = await server.tokenFor(PLAN_ID, editor);
      clients.push(connectClient(server.port, PLAN_ID, params, editor));
      // The first client uploads the plan to the reference server before
      // the others connect, so no two clients race to send the first state.
      if (editor === 0) await clients[0].synced;
    }
    await Promise.all(clients.map((client) => client.synced));

    const cpuStart = readCpuTicks(server.pid);
    const rssStart = readRss(server.pid);
    const loadCpuStart = process.cpuUsage();
    const loadAverageStart = loadavg()[0];
    const startedAt = performance.now();
    let peakRss = rssStart;
    let peakCpu = 0;
    let lastTicks = cpuStart;
    let lastSampleAt = startedAt;
    const sampler = setInterval(() => {
      const now = performance.now();
      const ticks = readCpuTicks(server.pid);
      peakCpu = Math.max(
        peakCpu,
        cpuPercent(ticks - lastTicks, now - lastSampleAt),
      );
      lastTicks = ticks;
      lastSampleAt = now;
      peakRss = Math.max(peakRss, readRss(server.pid));
    }, 1_000);

    await sendEdits(clients, options, startedAt);
    const sendEndedAt = performance.now();
    const cpuEnd = readCpuTicks(server.pid);
    const loadCpu = process.cpuUsage(loadCpuStart);

    const editsSent = clients.reduce((sum, client) => sum + client.sent, 0);
    const deliveriesExpected = editsSent * (options.editors - 1);
    await waitForDeliveries(clients, deliveriesExpected);
    clearInterval(sampler);
    const cpuDrained = readCpuTicks(server.pid);
    peakRss = Math.max(peakRss, readRss(server.pid));

    const latencies = clients.flatMap((client) => client.latencies);
    const windowMs = sendEndedAt - startedAt;
    return {
      server: kind,
      run,
      editsSent,
      deliveriesExpected,
      deliveries: countDeliveries(clients),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: percentile(latencies, 100),
      serverCpuPercent: cpuPercent(cpuEnd - cpuStart, windowMs),
      serverPeakCpuPercent: peakCpu,
      serverCpuMsPerEdit:
        ((cpuDrained - cpuStart) / CLOCK_TICKS_PER_SECOND / editsSent) * 1000,
      serverRssStartMiB: rssStart / 2 ** 20,
      serverRssPeakMiB: peakRss / 2 ** 20,
      loadProcessCpuPercent:
        ((loadCpu.user + loadCpu.system) / 1000 / windowMs) * 100,
      loadAverage: [loadAverageStart, loadavg()[0]],
    };
  } finally {
    for (const client of clients) client.destroy();
    await server.stop();
  }
}

/**
 * Opens `plans` plans on one server with one idle client each, and measures
 * the server's resident memory before and after.
 */
async function runPlans(
  kind: ServerKind,
  run: number,
  plans: number,
): Promise<PlansResult> {
  const planIds = Array.from({ length: plans }, (_, i) => `plan-${i}`);
  const server = await startServerProcess(kind, planIds);
  const providers: WebsocketProvider[] = [];
  try {
    await sleep(1_000);
    const rssStarted = readRss(server.pid);
    const startedAt = performance.now();
    for (let i = 0; i < planIds.length; i += CONNECT_CONCURRENCY) {
      const batch = planIds.slice(i, i + CONNECT_CONCURRENCY);
      const clients = await Promise.all(
        batch.map(async (planId) => {
          const params = await server.tokenFor(planId, 0);
          const doc = new Y.Doc();
          Y.applyUpdate(doc, initialUpdate);
          const provider = openProvider(server.port, planId, doc, params);
          providers.push(provider);
          return provider;
        }),
      );
      await Promise.all(clients.map(whenSynced));
    }
    const openSeconds = (performance.now() - startedAt) / 1000;
    await sleep(2_000);
    const rssOpen = readRss(server.pid);
    return {
      server: kind,
      run,
      plans,
      rssStartedMiB: round(rssStarted / 2 ** 20, 1),
      rssOpenMiB: round(rssOpen / 2 ** 20, 1),
      perPlanKiB: Math.round((rssOpen - rssStarted) / plans / 1024),
      openSeconds: round(openSeconds, 1),
    };
  } finally {
    for (const provider of providers) {
      provider.destroy();
      provider.doc.destroy();
    }
    await server.stop();
  }
}

interface LoadClient {
  editor: number;
  doc: Y.Doc;
  synced: Promise<void>;
  sent: number;
  /** Keys of the other editors' edits this client has received. */
  received: Set<string>;
  latencies: number[];
  edit(seq: number): void;
  destroy(): void;
}

// Each edit is one transaction of an author document: the editor assigns a
// unit of the plan with `PlanDoc.assign`, the way a paint stroke does, and
// writes its send time under a key of its own. The update then enters the
// connected document, which sends it, and every other client records the
// arrival of that key. The connected documents are plain Y.Docs, because a
// PlanDoc's YKeyValue walks the whole assignments array on every remote
// update. With one in each of 50 clients, the load process, not the
// server, set the latency. The author document contains only its own edits,
// which Yjs merges like those of an editor who was offline.
function connectClient(
  port: number,
  planId: string,
  params: Record<string, string>,
  editor: number,
): LoadClient {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initialUpdate);
  const authorDoc = new Y.Doc();
  Y.applyUpdate(authorDoc, initialUpdate);
  const plan = new PlanDoc(authorDoc);
  const authorSentAt = authorDoc.getMap<number>(SENT_AT_MAP);
  authorDoc.on("update", (update: Uint8Array) =>
    Y.applyUpdate(doc, update, OWN_EDIT),
  );
  const sentAt = doc.getMap<number>(SENT_AT_MAP);
  const provider = openProvider(port, planId, doc, params);
  const client: LoadClient = {
    editor,
    doc,
    synced: whenSynced(provider),
    sent: 0,
    received: new Set(),
    latencies: [],
    edit(seq) {
      const unit = unitIds[(editor * 997 + seq * 31) % unitIds.length];
      const territory = territoryIds[(editor + seq) % territoryIds.length];
      authorDoc.transact(() => {
        plan.assign([unit], territory);
        authorSentAt.set(`${editor}:${seq}`, performance.now());
      });
      client.sent += 1;
    },
    destroy() {
      provider.destroy();
      doc.destroy();
      authorDoc.destroy();
    },
  };
  sentAt.observe((event) => {
    if (event.transaction.origin === OWN_EDIT) return;
    const now = performance.now();
    for (const key of event.keysChanged) {
      const time = sentAt.get(key);
      if (time === undefined || client.received.has(key)) continue;
      client.received.add(key);
      client.latencies.push(now - time);
    }
  });
  return client;
}

// Sends every editor's edits on a fixed schedule from `startedAt`, spread
// evenly across each interval. When the event loop falls behind, the edits
// that are due go out at once, so the offered load stays at the set rate.
function sendEdits(
  clients: LoadClient[],
  options: LoadOptions,
  startedAt: number,
): Promise<void> {
  const intervalMs = 1000 / options.editsPerSecond;
  const total = options.editsPerSecond * options.seconds;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - startedAt;
      let done = true;
      for (const client of clients) {
        const offset = (client.editor / clients.length) * intervalMs;
        const due = Math.min(
          total,
          Math.max(0, Math.floor((elapsed - offset) / intervalMs) + 1),
        );
        while (client.sent < due) client.edit(client.sent);
        if (client.sent < total) done = false;
      }
      if (done) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
}

// Alternates which server goes first, so that a change in the machine's
// other load over time does not always favour the same server.
function serverOrder(run: number): ServerKind[] {
  return run % 2 === 1 ? servers : [...servers].reverse();
}

function countDeliveries(clients: LoadClient[]): number {
  return clients.reduce((sum, client) => sum + client.received.size, 0);
}

function openProvider(
  port: number,
  planId: string,
  doc: Y.Doc,
  params: Record<string, string>,
): WebsocketProvider {
  return new WebsocketProvider(`ws://127.0.0.1:${port}/sync`, planId, doc, {
    params,
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  });
}

function whenSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) =>
    provider.once("sync", (synced: boolean) => {
      if (synced) resolve();
    }),
  );
}

async function startServerProcess(
  kind: ServerKind,
  planIds: string[],
): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `meridian-bench-sync-${kind}-`));
  const logFile = join(dataDir, "server.log");
  const logFd = openSync(logFile, "w");
  let child: ChildProcess;
  let tokenFor: ServerProcess["tokenFor"];

  if (kind === "meridian") {
    const storage = Storage.open(dataDir);
    for (const planId of planIds) {
      storage.createPlan({ id: planId, name: `Load ${planId}` }, initialUpdate);
    }
    storage.close();
    const authSecret = randomBytes(32).toString("hex");
    const secret = new TextEncoder().encode(authSecret);
    // npm start's command without the web build: auth, SQLite storage and
    // info-level logs as in production.
    child = spawn(
      process.execPath,
      [
        ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
        "--import",
        "tsx",
        "sync-server/main.ts",
      ],
      {
        env: {
          ...process.env,
          AUTH_SECRET: authSecret,
          HOST: "127.0.0.1",
          PORT: String(port),
          DATA_DIR: dataDir,
          DURABILITY: durability,
          ROOM_IDLE_MS: "600000",
          LOG_LEVEL: "info",
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
  // Stops the server when this benchmark exits early, on an error included.
  const killChild = () => child.kill("SIGTERM");
  process.once("exit", killChild);

  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => resolve()),
  );
  const healthPath = kind === "meridian" ? "/healthz" : "/";
  await waitForHttp(port, healthPath, child, logFile);
  return {
    kind,
    child,
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
function readCpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name ends at the last ")". utime and stime are fields 14
  // and 15 of proc(5), which are the 12th and 13th after it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

function readRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`No VmRSS in /proc/${pid}/status.`);
  return Number(match[1]) * 1024;
}

function cpuPercent(ticks: number, ms: number): number {
  return (ticks / CLOCK_TICKS_PER_SECOND / (ms / 1000)) * 100;
}

async function waitForDeliveries(clients: LoadClient[], expected: number) {
  let count = countDeliveries(clients);
  let progressAt = performance.now();
  while (count < expected && performance.now() - progressAt < DRAIN_IDLE_MS) {
    await sleep(20);
    const next = countDeliveries(clients);
    if (next > count) progressAt = performance.now();
    count = next;
  }
}

function formatLoad(result: LoadResult) {
  return {
    server: result.server,
    run: result.run,
    "edits sent": result.editsSent,
    missing: result.deliveriesExpected - result.deliveries,
    "p50 ms": round(result.p50, 1),
    "p99 ms": round(result.p99, 1),
    "max ms": round(result.max, 1),
    "server CPU %": round(result.serverCpuPercent, 0),
    "server peak CPU %": round(result.serverPeakCpuPercent, 0),
    "server CPU ms/edit": round(result.serverCpuMsPerEdit, 2),
    "server RSS MiB": `${round(result.serverRssStartMiB, 0)} → ${round(result.serverRssPeakMiB, 0)}`,
    "load process CPU %": round(result.loadProcessCpuPercent, 0),
    "load average": result.loadAverage
      .map((value) => value.toFixed(1))
      .join(" → "),
  };
}

function positiveInteger(option: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new Error(
      `${option} "${value}" is invalid: use a whole number of at least 1.`,
    );
  }
  return number;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
