// Store latency of one plan update with SQLite's synchronous=NORMAL (the
// default) against synchronous=FULL (`DURABILITY=full`), in one run. Each
// level gets its own database file in a temp folder, and the levels take
// turns in rounds, so that load on the machine falls on both alike.
// `--updates N` sets the updates stored per level, `--rounds N` the turns.
import fs from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import * as Y from "yjs";
import { initPlan } from "../model/doc/init-plan.ts";
import type { Durability } from "../sync-server/config.ts";
import { Storage } from "../sync-server/storage.ts";
import { formatMs, percentile, type BenchResult } from "./harness.ts";

const DEFAULT_UPDATES = 3_000;
const DEFAULT_ROUNDS = 3;
/** Units painted per update, like one short stroke on the map. */
const UNITS_PER_STROKE = 10;
/** Units in the plan, about the number of US counties. */
const UNIT_COUNT = 3_000;
const LEVELS: readonly Durability[] = ["normal", "full"];

/**
 * Stores the same plan updates at each durability level and returns the
 * milliseconds per `Storage.appendUpdate` call, with FULL's ratio to NORMAL.
 */
export function benchDurability(
  updateCount = DEFAULT_UPDATES,
  rounds = DEFAULT_ROUNDS,
): BenchResult {
  const updates = paintUpdates(updateCount);
  const root = fs.mkdtempSync(path.join(tmpdir(), "meridian-durability-"));
  const times = new Map<Durability, number[]>(
    LEVELS.map((level) => [level, []]),
  );

  try {
    const stores = new Map(
      LEVELS.map((level) => [
        level,
        Storage.open(path.join(root, level), { durability: level }),
      ]),
    );
    const perRound = Math.ceil(updates.length / rounds);
    for (let start = 0; start < updates.length; start += perRound) {
      const batch = updates.slice(start, start + perRound);
      for (const level of LEVELS)
        times.get(level)!.push(...storeAll(stores.get(level)!, batch));
    }
    for (const store of stores.values()) store.close();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }

  return {
    name: `Store one update, ${updates.length} updates per level`,
    rows: summarize(times),
  };
}

/** Encoded updates of strokes of UNITS_PER_STROKE units each. */
function paintUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const plan = initPlan(doc, {
    planId: "bench",
    name: "Durability benchmark",
    territories: [
      { id: "east", name: "East", color: "#1f77b4", ...unowned() },
      { id: "west", name: "West", color: "#d62728", ...unowned() },
    ],
  });
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));

  // Each pass over the units paints them the other territory, so that
  // every stroke changes all of its units and writes an update.
  for (let stroke = 0; stroke < count; stroke++) {
    const first = stroke * UNITS_PER_STROKE;
    const units = Array.from({ length: UNITS_PER_STROKE }, (_, i) =>
      String(10_000 + ((first + i) % UNIT_COUNT)),
    );
    const pass = Math.floor(first / UNIT_COUNT);
    plan.assign(units, pass % 2 === 0 ? "east" : "west");
  }
  return updates;
}

function unowned() {
  return {
    parentId: null,
    ownerId: null,
    locked: false,
    kind: "territory" as const,
  };
}

function storeAll(storage: Storage, updates: Uint8Array[]): number[] {
  const times: number[] = [];
  for (const update of updates) {
    const start = performance.now();
    storage.appendUpdate("bench", update, null);
    times.push(performance.now() - start);
  }
  return times;
}

function summarize(times: Map<Durability, number[]>) {
  const stats = LEVELS.map((level) => {
    const values = times.get(level)!;
    return {
      level,
      p50: percentile(values, 50),
      p99: percentile(values, 99),
      max: Math.max(...values),
    };
  });
  const normal = stats[0];
  return stats.map((row) => ({
    DURABILITY: row.level,
    p50: formatMs(row.p50),
    p99: formatMs(row.p99),
    max: formatMs(row.max),
    "p50 / normal": ratio(row.p50, normal.p50),
    "p99 / normal": ratio(row.p99, normal.p99),
  }));
}

function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(1)}×`;
}

function readOption(argv: readonly string[], name: string, fallback: number) {
  const at = argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(
      `--${name} needs a positive whole number, got ${JSON.stringify(argv[at + 1])}.`,
    );
  }
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const known = ["--updates", "--rounds"];
  const unknown = argv.filter(
    (arg) => arg.startsWith("--") && !known.includes(arg),
  );
  if (unknown.length > 0) {
    throw new Error(
      `Unknown option ${unknown.join(", ")}. Known: ${known.join(", ")}.`,
    );
  }
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, temp folder ${tmpdir()}, load average ${loadavg()[0].toFixed(1)}`,
  );
  const result = benchDurability(
    readOption(argv, "updates", DEFAULT_UPDATES),
    readOption(argv, "rounds", DEFAULT_ROUNDS),
  );
  console.log(`\n## ${result.name}\n`);
  console.table(result.rows);
  console.log(`Load average at the end: ${loadavg()[0].toFixed(1)}`);
}
