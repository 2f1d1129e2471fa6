import fs from "node:fs";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import { checkOutputPath, writeOutputFile } from "../output.ts";
import { writeWorkbookFile } from "./workbook-file.ts";
import { formatTableCsv } from "../../model/io/planning-table-csv.ts";
import { quotaTable } from "../../model/io/planning-tables.ts";
import { FiscalPeriodError } from "../../model/plan/errors.ts";
import {
  fiscalYear,
  type FiscalCalendar,
  type FiscalYear,
} from "../../model/plan/periods.ts";
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
const FORMATS = ["csv", "json", "xlsx"] as const;

const HELP = `Usage: meridian quota FILE.json [--mode preserve|overwrite] [--format csv|json|xlsx] [--out FILE]

Runs the quota cascade on the inputs in FILE.json (nodes, companyQuota,
levels, seasonality, and optionally potentialCents, priorBookingsCents and
adjustments) and writes every node's annual and monthly quota. With the
optional calendar and fiscalYear fields, XLSX month headers show fiscal
months such as "Feb 2026". CSV has the
header node_id,level,name,parent_id,annual_quota,source,month_1,...,month_12,
one row per node, parents before children. XLSX holds the same table in a
sheet named Quotas. JSON holds the whole result with the trace of every
figure. docs/QUOTA.md states the rules; docs/CLI.md shows the input file.

Options:
  --mode MODE     preserve keeps manual adjustments and splits the rest among
                  siblings; overwrite ignores them (default: preserve)
  --format FMT    csv, json or xlsx (default: csv)
  --out FILE      file to write (default: standard output; required for xlsx)`;

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
    if (format === "xlsx" && !values.out) {
      throw usage(
        "--format xlsx writes a binary file, so it needs --out FILE.xlsx.",
      );
    }
    if (values.out) checkOutputPath(values.out);

    const input = readInput(positionals[0]);
    const year = readFiscalYear(positionals[0], input);
    const result = runCascade(input, mode);
    if (format === "xlsx") {
      await writeWorkbookFile(values.out!, [quotaTable(result, year)]);
    } else {
      const text =
        format === "json"
          ? `${JSON.stringify(result, null, 2)}\n`
          : formatTableCsv(quotaTable(result));
      if (values.out) writeOutputFile(values.out, text);
      else process.stdout.write(text);
    }

    for (const skipped of result.skippedAdjustments) {
      console.error(
        `Skipped the adjustment of node "${skipped.nodeId}": ${skipped.reason}.`,
      );
    }
  },
};

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

/** Reads the optional fiscal year that labels the months, from calendar and fiscalYear. */
function readFiscalYear(
  file: string,
  input: QuotaCascadeInput,
): FiscalYear | undefined {
  const record = input as unknown as Record<string, unknown>;
  if (record.calendar === undefined && record.fiscalYear === undefined) {
    return undefined;
  }
  if (record.calendar === undefined || record.fiscalYear === undefined) {
    throw new CliError(
      `${file} has only one of "calendar" and "fiscalYear". Give both, such as "calendar": {"startMonth": 2, "firstFiscalYear": 2027} and "fiscalYear": 2027, or neither.`,
    );
  }
  if (typeof record.calendar !== "object" || record.calendar === null) {
    throw new CliError(
      `Field "calendar" of ${file} is ${JSON.stringify(record.calendar)}. Give an object such as {"startMonth": 2, "firstFiscalYear": 2027}.`,
    );
  }
  try {
    return fiscalYear(
      record.calendar as FiscalCalendar,
      record.fiscalYear as number,
    );
  } catch (error) {
    if (error instanceof FiscalPeriodError) {
      throw new CliError(error.message);
    }
    throw error;
  }
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
