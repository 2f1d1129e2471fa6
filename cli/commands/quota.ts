import fs from "node:fs";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import { checkOutputPath, writeOutputFile } from "../output.ts";
import { csvField } from "../../model/io/csv.ts";
import { cascadeQuotas } from "../../model/quota/cascade.ts";
import {
  QuotaAdjustmentError,
  QuotaInputError,
} from "../../model/quota/errors.ts";
import type {
  AdjustmentMode,
  QuotaCascadeInput,
  QuotaCascadeResult,
} from "../../model/quota/types.ts";

const MODES: readonly AdjustmentMode[] = ["preserve", "overwrite"];
const FORMATS = ["csv", "json"] as const;

const HELP = `Usage: meridian quota FILE.json [--mode preserve|overwrite] [--format csv|json] [--out FILE]

Runs the quota cascade on the inputs in FILE.json (nodes, companyQuota,
levels, seasonality, and optionally potentialCents, priorBookingsCents and
adjustments) and writes every node's annual and monthly quota. CSV has the
header node_id,level,name,parent_id,annual_quota,month_1,...,month_12, one
row per node, parents before children. JSON holds the whole result with the
trace of every figure. docs/QUOTA.md states the rules; docs/CLI.md shows
the input file.

Options:
  --mode MODE     preserve keeps manual adjustments and splits the rest among
                  siblings; overwrite ignores them (default: preserve)
  --format FMT    csv or json (default: csv)
  --out FILE      file to write (default: standard output)`;

export const quotaCommand: Command = {
  name: "quota",
  summary: "Cascade a company quota down to regions, territories and reps",
  help: HELP,

  async run(argv) {
    const { values, positionals } = parseOptions("quota", argv, {
      mode: { type: "string", default: "preserve" },
      format: { type: "string", default: "csv" },
      out: { type: "string" },
    });
    if (positionals.length === 0) {
      throw usage(
        "Missing the input file: give its path, as in meridian quota plan.json.",
      );
    }
    if (positionals.length > 1) {
      throw usage(`Unexpected argument "${positionals[1]}".`);
    }
    const mode = readChoice("--mode", values.mode, MODES);
    const format = readChoice("--format", values.format, FORMATS);
    if (values.out) checkOutputPath(values.out);

    const input = readInput(positionals[0]);
    const result = runCascade(input, mode);
    const text =
      format === "json"
        ? `${JSON.stringify(result, null, 2)}\n`
        : formatQuotaCsv(result);

    if (values.out) writeOutputFile(values.out, text);
    else process.stdout.write(text);
    for (const skipped of result.skippedAdjustments) {
      console.error(
        `Skipped the adjustment of node "${skipped.nodeId}": ${skipped.reason}.`,
      );
    }
  },
};

/** Writes one CSV row per node: ids, level, name, annual quota and the twelve months. */
export function formatQuotaCsv(result: QuotaCascadeResult): string {
  const months = Array.from({ length: 12 }, (_, i) => `month_${i + 1}`);
  const header = [
    "node_id",
    "level",
    "name",
    "parent_id",
    "annual_quota",
    ...months,
  ];
  const rows = result.quotas.map((q) =>
    [
      q.nodeId,
      q.level,
      q.name,
      q.parentId ?? "",
      q.annual,
      ...q.months.map((m) => m.amount),
    ]
      .map(csvField)
      .join(","),
  );
  return [header.join(","), ...rows].map((line) => `${line}\n`).join("");
}

function usage(message: string): CliError {
  return new CliError(
    `${message} Run "meridian quota --help" for the options.`,
    2,
  );
}

function readChoice<T extends string>(
  option: string,
  value: string,
  choices: readonly T[],
): T {
  if (choices.includes(value as T)) return value as T;
  throw usage(
    `Unknown ${option} "${value}": use one of ${choices.join(", ")}.`,
  );
}

function readInput(file: string): QuotaCascadeInput {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `${file} is not valid JSON: ${(error as Error).message}. Fix the file and run again.`,
    );
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new CliError(
      `${file} does not contain a JSON object. Give an object with nodes, companyQuota, levels and seasonality.`,
    );
  }
  const input = data as Record<string, unknown>;
  if (!Array.isArray(input.nodes)) {
    throw new CliError(
      `Missing "nodes" list in ${file}. Give "nodes" as an array of { id, name, level, parentId }.`,
    );
  }
  if (!Array.isArray(input.seasonality)) {
    throw new CliError(
      `Missing "seasonality" list in ${file}. Give "seasonality" as twelve monthly percents summing to 100.`,
    );
  }
  return data as QuotaCascadeInput;
}

function runCascade(
  input: QuotaCascadeInput,
  mode: AdjustmentMode,
): QuotaCascadeResult {
  try {
    return cascadeQuotas(input, mode);
  } catch (error) {
    if (
      error instanceof QuotaInputError ||
      error instanceof QuotaAdjustmentError
    ) {
      throw new CliError(error.message);
    }
    throw error;
  }
}
