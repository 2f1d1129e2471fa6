import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import { AdjacencyGraph, type UnitShape } from "../../model/geo/adjacency.ts";
import { centsToString } from "../../model/money.ts";
import {
  formatAssignmentCsv,
  parseAssignmentCsv,
} from "../../model/optimize/assignment-csv.ts";
import { balanceTerritories } from "../../model/optimize/balance.ts";
import { BalanceInputError } from "../../model/optimize/errors.ts";
import {
  BALANCE_METRICS,
  isBalanceMetric,
  metricWeights,
  type BalanceMetric,
  type MetricAccount,
} from "../../model/optimize/metric.ts";
import { describeObstacle } from "../../model/optimize/obstacles.ts";
import { parseTolerancePercent } from "../../model/optimize/tolerance.ts";
import type {
  BalanceMode,
  BalanceResult,
  BalanceTerritory,
} from "../../model/optimize/types.ts";

const MODES: readonly BalanceMode[] = ["scratch", "minimize-disruption"];

const HELP = `Usage: meridian balance --state STATE --territories N --metric METRIC --seed S --out FILE.csv
                        [--tolerance 5] [--mode scratch|minimize-disruption] [--from current.csv]
                        [--lock TERRITORY]... [--fix UNIT_ID]... [--data-dir public/data]

Splits the counties of one state into N contiguous territories with balanced
totals of a metric, and writes the design as CSV with the header
unit_id,territory. Prints the max deviation from the mean, the pieces and
compactness of each territory, the units moved and the time taken. The same
options and seed give the same design. docs/OPTIMIZER.md states the rules.

Options:
  --state STATE        2-digit FIPS code or USPS code, such as 19 or IA (required)
  --territories N      number of territories, 1 to the number of counties
                       (required unless --from gives the territories)
  --metric METRIC      population, potential (account potential in cents) or
                       accounts (account count) (required)
  --seed S             seed of the pseudo-random generator, a whole number
                       from 0 to 4294967295 (required)
  --tolerance PCT      largest allowed |deviation| from the mean, in percent
                       with at most two decimals (default: 5)
  --mode MODE          scratch designs anew; minimize-disruption repairs the
                       --from design with as few unit moves as it finds
                       (default: scratch)
  --from FILE          starting design as CSV (unit_id,territory); its territory
                       names are kept, and units missing from it get assigned.
                       Required for minimize-disruption, --lock and --fix
  --lock TERRITORY     keep this territory of --from unchanged: its units stay
                       and none join it (repeatable)
  --fix UNIT_ID        keep this unit in its --from territory (repeatable)
  --out FILE           CSV file to write (required)
  --data-dir DIR       folder with units.json, adjacency.json and accounts.json
                       (default: public/data)`;

/** Geography and accounts as the balance command reads them from the data folder. */
export interface BalanceData {
  units: DataUnit[];
  states: { fips: string; code: string; name: string }[];
  shapes: UnitShape[];
  /** Loaded on first use: only the potential and accounts metrics need it. */
  accounts: () => MetricAccount[];
}

interface DataUnit {
  id: string;
  name: string;
  stateFips: string;
  population: number;
}

type State = BalanceData["states"][number];

export const balanceCommand: Command = {
  name: "balance",
  summary: "Split a state into balanced, contiguous territories",
  help: HELP,

  async run(argv) {
    const { values, positionals } = parseOptions("balance", argv, {
      state: { type: "string" },
      territories: { type: "string" },
      metric: { type: "string" },
      seed: { type: "string" },
      tolerance: { type: "string", default: "5" },
      mode: { type: "string", default: "scratch" },
      from: { type: "string" },
      lock: { type: "string", multiple: true, default: [] },
      fix: { type: "string", multiple: true, default: [] },
      out: { type: "string" },
      "data-dir": { type: "string", default: "public/data" },
    });
    if (positionals.length > 0) {
      throw usage(`Unexpected argument "${positionals[0]}".`);
    }
    if (!values.state) throw usage("Missing --state.");
    if (!values.out) throw usage("Missing --out.");
    const metric = readMetric(values.metric);
    const mode = readMode(values.mode);
    const seed = readSeed(values.seed);
    readTolerance(values.tolerance);
    if (mode === "minimize-disruption" && !values.from) {
      throw usage(
        "--mode minimize-disruption needs --from with the current design.",
      );
    }
    if ((values.lock.length > 0 || values.fix.length > 0) && !values.from) {
      throw usage("--lock and --fix need --from with the current design.");
    }

    const data = readBalanceData(path.resolve(values["data-dir"]));
    const state = findState(data, values.state);
    const units = data.units.filter((u) => u.stateFips === state.fips);
    const current = values.from
      ? readStartingDesign(values.from, data, units, state)
      : null;
    const territories = territoryList(
      values.territories,
      units.length,
      current?.territoryNames ?? [],
      values.lock,
    );
    const fixedUnitIds = checkFixedUnits(values.fix, current?.assignments);

    const started = performance.now();
    const result = runBalance(() =>
      balanceTerritories({
        graph: new AdjacencyGraph(data.shapes),
        unitIds: units.map((u) => u.id),
        weights: metricWeights(
          metric,
          units,
          metric === "population" ? [] : data.accounts(),
        ),
        territories,
        current: current?.assignments,
        fixedUnitIds,
        tolerancePercent: values.tolerance,
        mode,
        seed,
      }),
    );
    const elapsedMs = performance.now() - started;

    fs.writeFileSync(values.out, formatAssignmentCsv(result.assignment));
    const names = new Map(units.map((u) => [u.id, u.name]));
    printSummary({
      result,
      state,
      metric,
      mode,
      seed,
      tolerance: values.tolerance,
      unitCount: units.length,
      hasStart: current !== null,
      unitLabel: (id) => `${id} (${names.get(id) ?? "unknown"})`,
      elapsedMs,
      out: values.out,
    });
  },
};

function usage(message: string): CliError {
  return new CliError(
    `${message} Run "meridian balance --help" for the options.`,
    2,
  );
}

function readMetric(value: string | undefined): BalanceMetric {
  if (isBalanceMetric(value)) return value;
  throw usage(
    value === undefined
      ? `Missing --metric: use one of ${BALANCE_METRICS.join(", ")}.`
      : `Unknown metric "${value}": use one of ${BALANCE_METRICS.join(", ")}.`,
  );
}

function readMode(value: string): BalanceMode {
  if (MODES.includes(value as BalanceMode)) return value as BalanceMode;
  throw usage(`Unknown mode "${value}": use one of ${MODES.join(", ")}.`);
}

function readTolerance(value: string): void {
  try {
    parseTolerancePercent(value);
  } catch (error) {
    if (error instanceof BalanceInputError) throw usage(error.message);
    throw error;
  }
}

function readSeed(value: string | undefined): number {
  if (value === undefined) throw usage("Missing --seed, such as --seed 1.");
  const seed = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(seed) || seed > 0xffffffff) {
    throw usage(
      `Invalid --seed "${value}": give a whole number from 0 to 4294967295.`,
    );
  }
  return seed;
}

/** Reads the data folder's JSON files; accounts.json is read only when a metric needs it. */
export function readBalanceData(dataDir: string): BalanceData {
  const read = (file: string) => {
    const full = path.join(dataDir, file);
    try {
      return JSON.parse(fs.readFileSync(full, "utf8"));
    } catch (error) {
      throw new CliError(
        `Cannot read ${full}: ${(error as Error).message}. Check --data-dir, or rebuild the data with "npm run data".`,
      );
    }
  };
  const unitsFile = read("units.json");
  let accounts: MetricAccount[] | null = null;
  return {
    units: unitsFile.units,
    states: unitsFile.states,
    shapes: read("adjacency.json").units,
    accounts: () => (accounts ??= read("accounts.json").accounts),
  };
}

/** Finds a state by 2-digit FIPS code or USPS code, case-insensitive. */
export function findState(data: BalanceData, query: string): State {
  const text = query.trim().toUpperCase();
  const state = data.states.find((s) => s.fips === text || s.code === text);
  if (state) return state;

  const padded = data.states.find(
    (s) => /^\d$/.test(text) && s.fips === text.padStart(2, "0"),
  );
  const hint = padded
    ? ` FIPS codes have two digits: did you mean ${padded.fips} (${padded.code})?`
    : " Use a 2-digit FIPS code such as 19 or a USPS code such as IA.";
  throw usage(`Unknown state "${query}".${hint}`);
}

function readStartingDesign(
  file: string,
  data: BalanceData,
  units: readonly DataUnit[],
  state: State,
) {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(
      `Cannot read --from ${file}: ${(error as Error).message}.`,
    );
  }
  const parsed = parseAssignmentCsv(text, {
    unitIds: new Set(units.map((u) => u.id)),
    knownUnitIds: new Set(data.units.map((u) => u.id)),
    name: `${state.name} (${state.code})`,
  });
  if (parsed.issues.length > 0) {
    const lines = parsed.issues.map((i) => `  line ${i.line}: ${i.message}`);
    throw new CliError(
      `--from ${file} has ${parsed.issues.length} invalid line(s), so nothing was read:\n${lines.join("\n")}\nFix these lines and run again.`,
    );
  }
  return parsed;
}

/**
 * Lists the territories: the --from names first, then T1, T2, ... (skipping
 * names already taken) up to N. N defaults to the number of --from names.
 */
function territoryList(
  value: string | undefined,
  unitCount: number,
  startNames: readonly string[],
  lockNames: readonly string[],
): BalanceTerritory[] {
  if (value === undefined && startNames.length === 0) {
    throw usage("Missing --territories.");
  }
  const count = value === undefined ? startNames.length : Number(value);
  if (!/^\d+$/.test(value ?? "1") || count < 1 || count > unitCount) {
    throw usage(
      `Invalid --territories "${value}": give a whole number from 1 to ${unitCount}, the number of counties in the state.`,
    );
  }
  if (count < startNames.length) {
    throw usage(
      `--territories ${count} is fewer than the ${startNames.length} territories in --from. Merge territories in the file first.`,
    );
  }

  const names = [...startNames];
  for (let i = 1; names.length < count; i++) {
    if (!names.includes(`T${i}`)) names.push(`T${i}`);
  }
  for (const lock of lockNames) {
    if (!startNames.includes(lock)) {
      throw usage(
        `--lock "${lock}" is not a territory of --from; its territories are ${startNames.join(", ")}.`,
      );
    }
  }
  return names.map((id) => ({ id, locked: lockNames.includes(id) }));
}

function checkFixedUnits(
  unitIds: readonly string[],
  assignments: ReadonlyMap<string, string> | undefined,
): string[] {
  for (const unitId of unitIds) {
    if (!assignments?.has(unitId)) {
      throw usage(
        `--fix "${unitId}" has no territory in --from. Fix only units that the file assigns.`,
      );
    }
  }
  return [...unitIds];
}

function runBalance(run: () => BalanceResult): BalanceResult {
  try {
    return run();
  } catch (error) {
    if (error instanceof BalanceInputError) throw new CliError(error.message);
    throw error;
  }
}

const STOP_REASONS: Record<BalanceResult["stopReason"], string> = {
  "tolerance-met": "every territory is within the tolerance",
  "obstacles-only":
    "every territory is within the tolerance except where an obstacle keeps it out",
  "no-improving-move": "no move improves the balance further",
  "iteration-limit": "the move limit was reached",
  cancelled: "cancelled",
};

interface SummaryInput {
  result: BalanceResult;
  state: State;
  metric: BalanceMetric;
  mode: BalanceMode;
  seed: number;
  tolerance: string;
  unitCount: number;
  hasStart: boolean;
  unitLabel: (unitId: string) => string;
  elapsedMs: number;
  out: string;
}

function printSummary(summary: SummaryInput): void {
  const { result, metric } = summary;
  const formatTotal = (total: number) =>
    metric === "potential" ? centsToString(total) : String(total);
  console.log(
    `${summary.state.name} (${summary.state.code}): ${summary.unitCount} counties into ${result.territories.length} territories by ${metric}, ${summary.mode}, seed ${summary.seed}, tolerance ${summary.tolerance}%.\n`,
  );
  const rows = result.territories.map((t) => [
    t.id,
    String(t.units),
    formatTotal(t.total),
    t.deviationPercent === null ? "-" : `${t.deviationPercent}%`,
    String(t.pieces),
    t.polsbyPopper === null ? "-" : t.polsbyPopper.toFixed(2),
  ]);
  const header = [
    "territory",
    "units",
    metric,
    "deviation",
    "pieces",
    "polsby-popper",
  ];
  console.log(`${textTable(header, rows)}\n`);

  const met = result.toleranceMet ? "met" : "not met";
  const maxDeviation =
    result.maxDeviationPercent === null
      ? "-"
      : `${result.maxDeviationPercent}%`;
  const lines = [
    `Max deviation: ${maxDeviation}, tolerance ${summary.tolerance}% ${met}.`,
    ...result.obstacles.map(
      (o) =>
        `Tolerance not reachable: ${describeObstacle(o, summary.unitLabel)}.`,
    ),
    `Pieces per territory: ${result.territories.map((t) => t.pieces).join(", ")}.`,
    summary.hasStart
      ? `Units moved: ${result.unitsMoved} of ${summary.unitCount}.`
      : `Units moved: ${result.unitsMoved} of ${summary.unitCount} (no starting design).`,
    `Moves made by the search: ${result.iterations}; it stopped because ${STOP_REASONS[result.stopReason]}.`,
    `Time: ${summary.elapsedMs.toFixed(0)} ms.`,
    `Wrote ${summary.out}.`,
  ];
  console.log(lines.join("\n"));
}

/** Lays out rows as aligned columns: the first left-aligned, the rest right-aligned. */
function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0
          ? cell.padEnd(widths[column])
          : cell.padStart(widths[column]),
      )
      .join("  ");
  return [header, ...rows].map(line).join("\n");
}
