import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { percentile } from "./harness.ts";
import { clockMs } from "./sync-load-clock.ts";
import {
  readCpuTicks,
  readRss,
  sleep,
  startServerProcess,
  type ServerKind,
  type ServerStartOptions,
} from "./sync-load-servers.ts";
import type { ProbeResult } from "./sync-load-probe-report.ts";
import { LoadWorker, waitForDeliveries } from "./sync-load-workers.ts";

// The edit load of bench/sync-load.ts: editors of one plan, spread over
// several client processes, edit at a fixed rate through one server.

/**
 * Once the last edit is sent, the clients wait for late deliveries until
 * none has arrived for this long. What is still missing then counts as
 * missing. On a machine with other work, a client process can get no CPU
 * time for several seconds, so a shorter wait reports deliveries that are
 * late as missing.
 */
const DRAIN_IDLE_MS = 15_000;
/** Delay from the start command to the first edit, so every client process has the command by then. */
const START_DELAY_MS = 500;
const CLOCK_TICKS_PER_SECOND = Number(
  execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim(),
);

export interface LoadOptions {
  editors: number;
  editsPerSecond: number;
  /** Seconds of measured edits. */
  seconds: number;
  /** Seconds of edits before those, sent and delivered but not timed. */
  warmupSeconds: number;
  /** Client processes the editors are spread over. */
  processes: number;
  planId: string;
  server: Omit<ServerStartOptions, "planIds" | "probeFile">;
  /**
   * Folder for the event-loop measures of bench/sync-load-probe.ts from
   * each Meridian run, over the timed edits, or none to run without it.
   */
  probeDir?: string;
}

export interface LoadResult {
  server: ServerKind;
  run: number;
  /** Edits sent, warm-up included. */
  editsSent: number;
  deliveriesExpected: number;
  deliveries: number;
  /** Deliveries of the measured edits that were timed. */
  timedDeliveries: number;
  p50: number;
  p99: number;
  max: number;
  /** Mean server CPU while edits were sent, in percent of one core. */
  serverCpuPercent: number;
  /** Highest server CPU over one second, in percent of one core. */
  serverPeakCpuPercent: number;
  /** Server CPU time from the first edit until every delivery arrived or the wait for late deliveries ended, per edit sent. */
  serverCpuMsPerEdit: number;
  serverRssStartMiB: number;
  serverRssPeakMiB: number;
  /** CPU of all client processes while edits were sent, in percent of one core. */
  clientCpuPercent: number;
  /** One-minute load average of the machine at the start and at the end. */
  loadAverage: [number, number];
  /** Measures of bench/sync-load-probe.ts over the timed edits, when requested. */
  probe?: ProbeResult;
}

/**
 * Runs the edit load once against a new server process: every editor sends
 * `editsPerSecond` edits a second, and every other editor records when each
 * edit arrives.
 */
export async function runLoad(
  kind: ServerKind,
  run: number,
  options: LoadOptions,
): Promise<LoadResult> {
  const probeFile =
    options.probeDir && kind === "meridian"
      ? join(options.probeDir, `probe-run-${run}.json`)
      : undefined;
  if (options.probeDir) mkdirSync(options.probeDir, { recursive: true });
  const server = await startServerProcess(kind, {
    ...options.server,
    planIds: [options.planId],
    probeFile,
  });
  const workers = Array.from(
    { length: Math.min(options.processes, options.editors) },
    () => new LoadWorker(),
  );
  try {
    const params: Record<string, string>[] = [];
    for (let editor = 0; editor < options.editors; editor++) {
      params.push(await server.tokenFor(options.planId, editor));
    }
    const connect = (worker: LoadWorker, editors: number[]) =>
      worker.request(
        {
          type: "connect",
          port: server.port,
          planId: options.planId,
          initialUpdate: options.server.initialUpdate,
          editors: editors.map((editor) => ({
            editor,
            params: params[editor],
          })),
        },
        "connected",
      );
    // The first editor uploads the plan to the reference server before the
    // others connect, so no two clients race to send the first state.
    await connect(workers[0], [0]);
    await Promise.all(
      workers.map((worker, index) =>
        connect(
          worker,
          editorsOf(index, workers.length, options.editors).filter(
            (editor) => editor !== 0,
          ),
        ),
      ),
    );

    const warmupEdits = options.warmupSeconds * options.editsPerSecond;
    const edits = warmupEdits + options.seconds * options.editsPerSecond;
    const workerPids = workers.map((worker) => worker.pid);
    const loadAverageStart = loadavg()[0];
    const sampler = new CpuSampler(server.pid);
    const clientTicksStart = sumTicks(workerPids);
    const startAt = clockMs() + START_DELAY_MS;
    // The probe measures from the first timed edit until the last edit.
    const probeStart = probeFile
      ? setTimeout(
          () => process.kill(server.pid, "SIGUSR2"),
          startAt + options.warmupSeconds * 1000 - clockMs(),
        )
      : undefined;
    const sent = await Promise.all(
      workers.map((worker) =>
        worker.request(
          {
            type: "start",
            startAt,
            totalEditors: options.editors,
            editsPerSecond: options.editsPerSecond,
            edits,
            warmupEdits,
          },
          "sent",
        ),
      ),
    );
    const sendEndedAt = clockMs();
    const serverTicksSent = readCpuTicks(server.pid);
    const clientTicks = sumTicks(workerPids) - clientTicksStart;
    clearTimeout(probeStart);
    const probe = probeFile
      ? await readProbe(server.pid, probeFile)
      : undefined;

    const editsSent = sent.reduce((sum, reply) => sum + reply.sent, 0);
    const deliveriesExpected = editsSent * (options.editors - 1);
    await waitForDeliveries(workers, deliveriesExpected, DRAIN_IDLE_MS);
    sampler.stop();
    const serverTicksDrained = readCpuTicks(server.pid);
    const collected = await Promise.all(
      workers.map((worker) => worker.request({ type: "collect" }, "collected")),
    );
    const latencies = collected.flatMap((reply) => [...reply.latencies]);
    const windowMs = sendEndedAt - startAt;
    return {
      server: kind,
      run,
      editsSent,
      deliveriesExpected,
      deliveries: collected.reduce((sum, reply) => sum + reply.received, 0),
      timedDeliveries: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: percentile(latencies, 100),
      serverCpuPercent: cpuPercent(
        serverTicksSent - sampler.startTicks,
        windowMs,
      ),
      serverPeakCpuPercent: sampler.peakCpuPercent,
      serverCpuMsPerEdit:
        ((serverTicksDrained - sampler.startTicks) /
          CLOCK_TICKS_PER_SECOND /
          editsSent) *
        1000,
      serverRssStartMiB: sampler.startRss / 2 ** 20,
      serverRssPeakMiB: sampler.peakRss / 2 ** 20,
      clientCpuPercent: cpuPercent(clientTicks, windowMs),
      loadAverage: [loadAverageStart, loadavg()[0]],
      probe,
    };
  } finally {
    for (const worker of workers) worker.stop();
    await server.stop();
  }
}

// Asks the probe in the server process to write its measures, and reads them.
async function readProbe(pid: number, file: string): Promise<ProbeResult> {
  process.kill(pid, "SIGUSR2");
  const deadline = clockMs() + 10_000;
  while (!existsSync(file)) {
    if (clockMs() > deadline)
      throw new Error(
        `The server probe wrote no ${file} within 10 s of SIGUSR2. Check the server log for its error.`,
      );
    await sleep(50);
  }
  return JSON.parse(readFileSync(file, "utf8")) as ProbeResult;
}

/** Returns the editors that worker `index` of `workers` hosts, a contiguous block. */
function editorsOf(index: number, workers: number, editors: number): number[] {
  const from = Math.floor((index * editors) / workers);
  const to = Math.floor(((index + 1) * editors) / workers);
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** Samples a process's CPU time and memory every second. */
class CpuSampler {
  readonly startTicks: number;
  readonly startRss: number;
  peakRss: number;
  peakCpuPercent = 0;
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

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  private sample(): void {
    const now = clockMs();
    const ticks = readCpuTicks(this.pid);
    if (now > this.lastSampleAt) {
      this.peakCpuPercent = Math.max(
        this.peakCpuPercent,
        cpuPercent(ticks - this.lastTicks, now - this.lastSampleAt),
      );
    }
    this.lastTicks = ticks;
    this.lastSampleAt = now;
    this.peakRss = Math.max(this.peakRss, readRss(this.pid));
  }
}

function sumTicks(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + readCpuTicks(pid), 0);
}

function cpuPercent(ticks: number, ms: number): number {
  return (ticks / CLOCK_TICKS_PER_SECOND / (ms / 1000)) * 100;
}
