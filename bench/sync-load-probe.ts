import { openSync, readSync, renameSync, writeFileSync } from "node:fs";
import {
  monitorEventLoopDelay,
  PerformanceObserver,
  type EntryType,
} from "node:perf_hooks";
import { Connection } from "../sync-server/connection.ts";
import { RoomCompaction } from "../sync-server/room-compaction.ts";
import { Room } from "../sync-server/room.ts";
import { Storage } from "../sync-server/storage.ts";
import { clockMs } from "./sync-load-clock.ts";

// Preloaded into Meridian's server process by `npm run bench:sync --
// --probe-server DIR` (node --import tsx --import ./bench/sync-load-probe.ts).
// It measures what holds up the event loop, in ways that do not need an
// otherwise idle machine: the event-loop delay, the wall and CPU time of
// each phase of the update path, and each garbage collection. The first
// SIGUSR2 clears what was measured so far (the benchmark sends it when the
// timed edits start), and the second writes the measures to
// SYNC_PROBE_FILE as JSON.

/** A phase call that used this much CPU or more is listed one by one. */
const LISTED_CALL_CPU_MS = 5;
/** A garbage collection pause this long or longer is listed one by one. */
const LISTED_GC_MS = 5;
/** Period of the timer whose lateness marks a long event-loop turn. */
const TICK_MS = 5;
/** A timer at least this late is listed as a long turn. */
const LISTED_LATENESS_MS = 20;

const outputFile = process.env.SYNC_PROBE_FILE;
if (!outputFile)
  throw new Error(
    "SYNC_PROBE_FILE is missing: set it to the JSON file the probe writes.",
  );

interface PhaseStats {
  calls: number;
  wallMs: number;
  cpuMs: number;
  waitMs: number;
  maxCpuMs: number;
  maxWallMs: number;
  durations: number[];
}

interface ListedCall {
  phase: string;
  at: number;
  wallMs: number;
  cpuMs: number;
  waitMs: number;
  detail?: string;
}

// Linux's schedstat of the main thread (its id is the process id): time on
// a CPU and time waiting for one, in nanoseconds since the thread started.
// CPU time of a call is what the call itself costs, and wait time is what
// other processes on the machine added to its wall time.
// NOTE: Linux adds a running thread's CPU time to this file only at
// scheduler ticks and switches, so one short call's CPU time can be off by
// a tick (1 to 10 ms by kernel configuration). Sums over many calls, and
// calls of several ticks, are the figures to read.
// The file stays open and is read with pread, because opening it for every
// call cost more CPU than most of the calls it times.
const schedstat = openSync(`/proc/self/task/${process.pid}/schedstat`, "r");
const schedstatBytes = Buffer.alloc(128);
function threadTimes(): { cpuMs: number; waitMs: number } {
  const length = readSync(schedstat, schedstatBytes, 0, 128, 0);
  const [cpu, wait] = schedstatBytes.toString("latin1", 0, length).split(" ");
  return { cpuMs: Number(cpu) / 1e6, waitMs: Number(wait) / 1e6 };
}

let phases = new Map<string, PhaseStats>();
let listed: ListedCall[] = [];
let gcs: { at: number; ms: number; kind: number }[] = [];
let lateTicks: { at: number; lateMs: number; cpuMs: number }[] = [];
let windowStart = clockMs();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

function phaseStats(phase: string): PhaseStats {
  let stats = phases.get(phase);
  if (!stats) {
    stats = {
      calls: 0,
      wallMs: 0,
      cpuMs: 0,
      waitMs: 0,
      maxCpuMs: 0,
      maxWallMs: 0,
      durations: [],
    };
    phases.set(phase, stats);
  }
  return stats;
}

/** Wraps `owner[method]` so that every call is timed as `phase`. */
function timeMethod(
  owner: object,
  method: string,
  phase: string,
  describe?: (self: unknown, args: unknown[]) => string,
): void {
  const target = owner as Record<string, (...args: unknown[]) => unknown>;
  const original = target[method];
  if (typeof original !== "function")
    throw new Error(`Cannot time ${phase}: ${method} is not a method.`);
  target[method] = function timed(this: unknown, ...args: unknown[]) {
    const before = threadTimes();
    const start = clockMs();
    try {
      return original.apply(this, args);
    } finally {
      const wallMs = clockMs() - start;
      const after = threadTimes();
      const cpuMs = after.cpuMs - before.cpuMs;
      const waitMs = after.waitMs - before.waitMs;
      const stats = phaseStats(phase);
      stats.calls += 1;
      stats.wallMs += wallMs;
      stats.cpuMs += cpuMs;
      stats.waitMs += waitMs;
      stats.maxCpuMs = Math.max(stats.maxCpuMs, cpuMs);
      stats.maxWallMs = Math.max(stats.maxWallMs, wallMs);
      stats.durations.push(wallMs);
      if (cpuMs >= LISTED_CALL_CPU_MS) {
        listed.push({
          phase,
          at: start - windowStart,
          wallMs,
          cpuMs,
          waitMs,
          detail: describe?.(this, args),
        });
      }
    }
  };
}

const roomPrototype = Room.prototype as unknown as Record<string, unknown>;
timeMethod(Storage.prototype, "transaction", "store batch");
timeMethod(roomPrototype, "applyBatch", "apply and send batch", (_, args) => {
  return `${(args[0] as unknown[]).length} updates`;
});
timeMethod(Connection.prototype, "sendMany", "sendMany (one peer)");
timeMethod(RoomCompaction.prototype, "compactIfDue", "compaction");
timeMethod(Room.prototype, "applyAwareness", "awareness (apply and relay)");
timeMethod(
  Connection.prototype as unknown as Record<string, unknown>,
  "handle",
  "handle one message",
);

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const detail = (entry as { detail?: { kind?: number } }).detail;
    gcs.push({
      at: entry.startTime + performance.timeOrigin - windowStartEpoch(),
      ms: entry.duration,
      kind: detail?.kind ?? 0,
    });
  }
}).observe({ entryTypes: ["gc" as EntryType] });

// GC entries carry performance.now() times, so convert the window start.
let windowStartEpochMs = performance.timeOrigin + performance.now();
function windowStartEpoch(): number {
  return windowStartEpochMs;
}

// The main thread's CPU time between two ticks of a late timer is how long
// the turns that held it back ran, whatever else the machine was doing.
let lastTick = clockMs();
let lastTickCpuMs = threadTimes().cpuMs;
setInterval(() => {
  const now = clockMs();
  const cpuMs = threadTimes().cpuMs;
  const lateMs = now - lastTick - TICK_MS;
  if (lateMs >= LISTED_LATENESS_MS)
    lateTicks.push({
      at: lastTick - windowStart,
      lateMs,
      cpuMs: cpuMs - lastTickCpuMs,
    });
  lastTick = now;
  lastTickCpuMs = cpuMs;
}, TICK_MS).unref();

let signals = 0;
process.on("SIGUSR2", () => {
  signals += 1;
  if (signals === 1) {
    phases = new Map();
    listed = [];
    gcs = [];
    lateTicks = [];
    windowStart = clockMs();
    windowStartEpochMs = performance.timeOrigin + performance.now();
    loopDelay.reset();
    return;
  }
  // Renamed into place, so the benchmark never reads a half-written file.
  writeFileSync(`${outputFile}.tmp`, JSON.stringify(summary(), null, 2));
  renameSync(`${outputFile}.tmp`, outputFile);
});

function summary() {
  const ms = (ns: number) => ns / 1e6;
  return {
    windowMs: clockMs() - windowStart,
    loopDelayMs: {
      p50: ms(loopDelay.percentile(50)),
      p99: ms(loopDelay.percentile(99)),
      p999: ms(loopDelay.percentile(99.9)),
      max: ms(loopDelay.max),
    },
    phases: Object.fromEntries(
      [...phases].map(([phase, stats]) => {
        const sorted = stats.durations.sort((a, b) => a - b);
        const at = (p: number) =>
          sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
        return [
          phase,
          {
            calls: stats.calls,
            wallMs: stats.wallMs,
            cpuMs: stats.cpuMs,
            waitMs: stats.waitMs,
            maxCpuMs: stats.maxCpuMs,
            p50Ms: at(0.5),
            p99Ms: at(0.99),
            maxMs: stats.maxWallMs,
          },
        ];
      }),
    ),
    gc: {
      count: gcs.length,
      totalMs: gcs.reduce((sum, gc) => sum + gc.ms, 0),
      maxMs: Math.max(0, ...gcs.map((gc) => gc.ms)),
      listed: gcs.filter((gc) => gc.ms >= LISTED_GC_MS),
    },
    lateTicks,
    listed,
  };
}
