import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import { checkOutputPath, writeOutputFile } from "../output.ts";
import {
  findState,
  readBalanceData,
  type BalanceData,
  type DataUnit,
  type State,
} from "./balance-data.ts";
import { printSummary } from "./balance-summary.ts";
import { AdjacencyGraph } from "../../model/geo/adjacency.ts";
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
} from "../../model/optimize/metric.ts";
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
    checkOutputPath(values.out);
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

    writeOutputFile(values.out, formatAssignmentCsv(result.assignment));
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
