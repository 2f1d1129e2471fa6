// Statements of a year of deals: Meridian's Decimal model against the same
// rules with plain JS numbers, in one process. One full run (1,000,000
// deals, 1,000 reps) takes minutes, so `npm run bench` leaves it out; run
// it with `npm run bench:payouts`. `--deals N`, `--reps N` and `--seed N`
// change the generated input.
import { cpus, loadavg, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { convertAll } from "../model/incentives/deals/rates.ts";
import { buildStatements } from "../model/incentives/statements/statements.ts";
import type {
  Statement,
  StatementInput,
} from "../model/incentives/statements/types.ts";
import { formatMs, percentile, type BenchResult } from "./harness.ts";
import { checkPayoutRules } from "./payouts-check.ts";
import {
  generatePayoutInput,
  type PayoutBenchInput,
  type PayoutBenchSize,
} from "./payouts-data.ts";
import { floatStatements, type FloatStatement } from "./payouts-float.ts";
import {
  centsText,
  compareStatements,
  describeInput,
  describeWorst,
} from "./payouts-report.ts";

const DEFAULT_SIZE: PayoutBenchSize = { deals: 1_000_000, reps: 1_000 };
const DEFAULT_SEED = 1;
/** Runs of the float computation whose median is reported; the model runs once. */
const FLOAT_RUNS = 9;

type Row = Record<string, string | number>;

/**
 * Checks both implementations on a hand-computed case, generates the
 * input, then times the float statements and the model's statements and
 * compares every rep-period's credited amount and payable in cents.
 */
export function benchPayouts(
  size: PayoutBenchSize = DEFAULT_SIZE,
  seed = DEFAULT_SEED,
): BenchResult {
  checkPayoutRules();
  const input = generatePayoutInput(seed, size);
  console.log(describeInput(input));
  collectGarbage();
  console.log(`Memory with the input generated: ${memory().text}`);

  const float = timeFloat(input);
  const rows: Row[] = [
    {
      step: `plain JS numbers: conversion, credit and payouts (baseline, median of ${FLOAT_RUNS})`,
      time: formatMs(float.ms),
      ratio: 1,
      ...float.memory,
    },
  ];
  const ratio = (ms: number) => Math.round(ms / float.ms).toLocaleString("en");

  const convertStart = performance.now();
  const converted = convertAll(input.deals, input.rates, input.planCurrency);
  const convertMs = performance.now() - convertStart;
  const statementInput: StatementInput = {
    deals: input.deals,
    converted,
    tables: input.tables,
    plans: { byRep: input.plans },
    quotas: input.quotas,
    periods: input.periods,
  };
  rows.push({
    step: "Decimal model: convertAll",
    time: formatMs(convertMs),
    ratio: ratio(convertMs),
    ...measuredMemory("convertAll"),
  });

  const buildStart = performance.now();
  const statements = buildStatements(statementInput);
  const buildMs = performance.now() - buildStart;
  rows.push(
    {
      step: "Decimal model: buildStatements (crediting and payouts)",
      time: formatMs(buildMs),
      ratio: ratio(buildMs),
      ...measuredMemory("buildStatements"),
    },
    {
      step: "Decimal model: both, with every trace",
      time: formatMs(convertMs + buildMs),
      ratio: ratio(convertMs + buildMs),
    },
  );

  rows.push(...differenceRows(statements, float.statements));
  return {
    name: "Payout statements: Decimal model against plain numbers",
    rows,
  };
}

function timeFloat(input: PayoutBenchInput): {
  ms: number;
  statements: FloatStatement[];
  memory: Row;
} {
  const times: number[] = [];
  let statements: FloatStatement[] = [];
  for (let run = 0; run < FLOAT_RUNS; run++) {
    const start = performance.now();
    statements = floatStatements(input);
    times.push(performance.now() - start);
  }
  console.log(`Plain numbers: ${times.map(formatMs).join(", ")}`);
  return {
    ms: percentile(times, 50),
    statements,
    memory: measuredMemory("plain numbers"),
  };
}

function differenceRows(
  statements: readonly Statement[],
  floats: readonly FloatStatement[],
): Row[] {
  const comparison = compareStatements(statements, floats);
  for (const line of describeWorst(comparison)) console.log(line);
  const compared = comparison.compared.toLocaleString("en");
  return [
    {
      step: `rep-periods whose payable differs, of ${compared}`,
      time: comparison.payable.differing.toLocaleString("en"),
      ratio: `largest difference ${centsText(comparison.payable.largestCents)}`,
    },
    {
      step: "of them, rep-periods whose credited amount agrees",
      time: comparison.payableWithEqualCredit.toLocaleString("en"),
      ratio: "",
    },
    {
      step: `rep-periods whose credited amount differs, of ${compared}`,
      time: comparison.credited.differing.toLocaleString("en"),
      ratio: `largest difference ${centsText(comparison.credited.largestCents)}`,
    },
  ];
}

/** Memory columns of a table row, printed with the step's name too. */
function measuredMemory(step: string): Row {
  collectGarbage();
  const reading = memory();
  console.log(`Memory after ${step}, results kept: ${reading.text}`);
  return {
    "heap used after, results kept": reading.heapText,
    "peak RSS so far": reading.peakText,
  };
}

interface MemoryReading {
  text: string;
  heapText: string;
  peakText: string;
}

/** Heap in use and resident set size now, and the process's peak resident set size. */
function memory(): MemoryReading {
  const { heapUsed, rss } = process.memoryUsage();
  const peak = process.resourceUsage().maxRSS * 1024;
  const heapText = mebibytes(heapUsed);
  const peakText = mebibytes(peak);
  return {
    text: `heap used ${heapText}, RSS ${mebibytes(rss)}, peak RSS ${peakText}`,
    heapText,
    peakText,
  };
}

function mebibytes(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20).toLocaleString("en")} MiB`;
}

/** Runs a full garbage collection when node runs with --expose-gc, so heap figures count live data only. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
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
  const size = {
    deals: readOption(argv, "deals", DEFAULT_SIZE.deals),
    reps: readOption(argv, "reps", DEFAULT_SIZE.reps),
  };
  const seed = readOption(argv, "seed", DEFAULT_SEED);
  const known = ["--deals", "--reps", "--seed"];
  const unknown = argv.filter(
    (arg) => arg.startsWith("--") && !known.includes(arg),
  );
  if (unknown.length > 0) {
    throw new Error(
      `Unknown option ${unknown.join(", ")}. Known: ${known.join(", ")}.`,
    );
  }
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}`,
  );
  const result = benchPayouts(size, seed);
  console.log(`\n## ${result.name}\n`);
  console.table(result.rows);
  console.log(`Load average at the end: ${loadavg()[0].toFixed(1)}`);
}
