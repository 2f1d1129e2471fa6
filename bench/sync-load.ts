import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as Y from "yjs";
import { initPlan } from "../model/doc/init-plan.ts";
import { PlanDoc } from "../model/doc/plan-doc.ts";
import { readDemoPlan } from "../sync-server/demo.ts";
import {
  runLoad,
  type LoadOptions,
  type LoadResult,
} from "./sync-load-edits.ts";
import { runPlans, type PlansResult } from "./sync-load-plans.ts";
import { formatProbe } from "./sync-load-probe-report.ts";
import { formatLoadSummary, formatPlansSummary } from "./sync-load-report.ts";
import type { ServerKind } from "./sync-load-servers.ts";

// `npm run bench:sync`: editors of one plan edit at a fixed rate through
// Meridian's sync server and through the reference y-websocket server
// (@y/websocket-server 0.1.1, in memory), each run as a child process on
// loopback, with the editors spread over several client processes. A
// second scenario opens many plans at once and compares the servers'
// memory. See the "Sync load" section of docs/BENCHMARKS.md.

const PLAN_ID = "load";

const { values: args } = parseArgs({
  options: {
    editors: { type: "string", default: "50" },
    rate: { type: "string", default: "10" },
    seconds: { type: "string", default: "20" },
    warmup: { type: "string", default: "3" },
    processes: { type: "string", default: "5" },
    runs: { type: "string", default: "3" },
    plans: { type: "string", default: "1000" },
    scenario: { type: "string", default: "all" },
    durability: { type: "string", default: "normal" },
    servers: { type: "string", default: "meridian,reference" },
    /** Folder for a V8 CPU profile of each Meridian server process. */
    "profile-server": { type: "string" },
    /** Folder for the event-loop measures of each Meridian server process. */
    "probe-server": { type: "string" },
  },
});
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
const servers = args.servers.split(",") as ServerKind[];
for (const server of servers) {
  if (server !== "meridian" && server !== "reference") {
    throw new Error(
      `--servers "${args.servers}" is invalid: list meridian, reference or both, separated by a comma.`,
    );
  }
}

const demo = readDemoPlan(join("public", "data", "demo-plan.json"));
const initialDoc = new Y.Doc();
initPlan(initialDoc, { ...demo, planId: PLAN_ID });
const initialUpdate = Y.encodeStateAsUpdate(initialDoc);
const initialPlan = new PlanDoc(initialDoc);
const serverOptions = {
  initialUpdate,
  durability: args.durability as "normal" | "full",
  profileDir: args["profile-server"],
};
const loadOptions: LoadOptions = {
  editors: positiveInteger("--editors", args.editors),
  editsPerSecond: positiveInteger("--rate", args.rate),
  seconds: positiveInteger("--seconds", args.seconds),
  warmupSeconds: nonNegativeInteger("--warmup", args.warmup),
  processes: positiveInteger("--processes", args.processes),
  planId: PLAN_ID,
  server: serverOptions,
  probeDir: args["probe-server"],
};

const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const command =
  `npm run bench:sync -- ${process.argv.slice(2).join(" ")}`.trim();
console.log(`Command: ${command}`);
console.log(`Machine: ${machine}, load average ${loadavg()[0].toFixed(1)}`);
console.log(
  `Plan: the demo plan, ${initialPlan.readAssignments().size} assigned units, ${initialPlan.readTerritories().length} territories, first update ${initialUpdate.byteLength} bytes. Meridian durability: ${serverOptions.durability}.`,
);

const summaries: string[] = [];
if (args.scenario !== "plans") {
  const results: LoadResult[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const kind of serverOrder(run)) {
      const result = await runLoad(kind, run, loadOptions);
      results.push(result);
      const { probe, ...measured } = result;
      console.log(JSON.stringify(measured));
      if (probe) console.log(formatProbe(probe));
    }
  }
  const load = loadOptions;
  summaries.push(
    `### Sync load: ${load.editors} editors, ${load.editsPerSecond} edits/s each, ${load.seconds} s timed after ${load.warmupSeconds} s of warm-up, clients in ${Math.min(load.processes, load.editors)} processes\n\n${formatLoadSummary(results)}`,
  );
}

if (args.scenario !== "load") {
  const results: PlansResult[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const kind of serverOrder(run)) {
      const result = await runPlans(kind, run, planCount, serverOptions);
      results.push(result);
      console.log(JSON.stringify(result));
    }
  }
  summaries.push(
    `### Open plans: ${planCount} plans, one idle client each\n\n${formatPlansSummary(results)}`,
  );
}

console.log(
  `\n## Summary\n\nCommand: \`${command}\`\nMachine: ${machine}. Meridian durability: ${serverOptions.durability}.\n\n${summaries.join("\n\n")}`,
);

// Alternates which server goes first (A B, B A, A B, ...), so that a change
// in the machine's other load over time falls on both servers.
function serverOrder(run: number): ServerKind[] {
  return run % 2 === 1 ? servers : [...servers].reverse();
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

function nonNegativeInteger(option: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new Error(
      `${option} "${value}" is invalid: use a whole number of at least 0.`,
    );
  }
  return number;
}
