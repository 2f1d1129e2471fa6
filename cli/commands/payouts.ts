import fs from "node:fs";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import { checkOutputPath, writeOutputFile } from "../output.ts";
import { CreditingInputError } from "../../model/incentives/crediting/errors.ts";
import { parseDealsCsv } from "../../model/incentives/deals/deals-csv.ts";
import {
  MissingRateError,
  RateTableError,
} from "../../model/incentives/deals/errors.ts";
import {
  DEFAULT_TIME_ZONE,
  timeZoneProblem,
} from "../../model/incentives/deals/time-zone.ts";
import {
  convertAll,
  type RateTable,
} from "../../model/incentives/deals/rates.ts";
import type { Deal } from "../../model/incentives/deals/types.ts";
import {
  PayoutInputError,
  PayoutPlanError,
} from "../../model/incentives/payout/errors.ts";
import { StatementInputError } from "../../model/incentives/statements/errors.ts";
import { buildStatementReport } from "../../model/incentives/statements/statements.ts";
import type {
  Statement,
  StatementInput,
  StatementReport,
} from "../../model/incentives/statements/types.ts";
import { csvCell } from "../../model/io/csv-cell.ts";

const FORMATS = ["csv", "json"] as const;

const HELP = `Usage: meridian payouts --deals DEALS.csv --plan PLAN.json [--time-zone ZONE] [--format csv|json] [--out FILE]

Credits the deals in DEALS.csv with the crediting tables of PLAN.json, then
computes each rep's statement per period: credits, attainment, payout lines
and payable. A cancellation reaches the plan's clawback rule. PLAN.json
contains planCurrency, rates, crediting, plan (one comp plan for every rep)
or plans (one per rep id), quotas and periods. CSV has the header
rep_id,period_id,credited,quota,attainment,payable, one row per rep and
period. JSON contains every statement with the trace of every figure.
Credits that reach no statement (a rep without quotas or a plan, a deal
outside the periods) are listed on standard error, one line each starting
with "Warning:". docs/CLI.md shows the plan file.

Options:
  --deals FILE      deals CSV (id,account,amount,currency,close_date,product,owner[,splits,cancels])
  --plan FILE       plan JSON
  --time-zone ZONE  IANA time zone whose calendar date a close_date timestamp
                    such as 2027-03-01T06:30:00Z becomes (default: UTC)
  --format FMT      csv or json (default: csv)
  --out FILE        file to write (default: standard output)`;

const CSV_HEADER = "rep_id,period_id,credited,quota,attainment,payable";

export const payoutsCommand: Command = {
  name: "payouts",
  summary: "Credit deals and compute each rep's payout statements",
  help: HELP,

  async run(argv) {
    const { values, positionals } = parseOptions("payouts", argv, {
      deals: { type: "string" },
      plan: { type: "string" },
      "time-zone": { type: "string", default: DEFAULT_TIME_ZONE },
      format: { type: "string", default: "csv" },
      out: { type: "string" },
    });
    if (positionals.length > 0) {
      throw usage(`Unexpected argument "${positionals[0]}".`);
    }
    if (!values.deals) throw usage("Missing --deals FILE.csv.");
    if (!values.plan) throw usage("Missing --plan FILE.json.");
    const format = readFormat(values.format);
    const timeZone = readTimeZone(values["time-zone"]);
    if (values.out) checkOutputPath(values.out);

    const deals = readDeals(values.deals, timeZone);
    const planFile = readPlanFile(values.plan);
    const { statements, problems } = runStatements(deals, planFile);
    for (const problem of problems) {
      process.stderr.write(`Warning: ${problem}\n`);
    }

    const text =
      format === "json"
        ? `${JSON.stringify(statements, null, 2)}\n`
        : formatCsv(statements);
    if (values.out) writeOutputFile(values.out, text);
    else process.stdout.write(text);
  },
};

/** Plan file contents: rates, crediting tables, comp plans, quotas and periods. */
interface PlanFile {
  planCurrency: string;
  rates: RateTable;
  crediting: StatementInput["tables"];
  plans: StatementInput["plans"];
  quotas: StatementInput["quotas"];
  periods: StatementInput["periods"];
}

function usage(message: string): CliError {
  return new CliError(
    `${message} Run "meridian payouts --help" for the options.`,
    2,
  );
}

function readFormat(value: string): (typeof FORMATS)[number] {
  const format = FORMATS.find((choice) => choice === value);
  if (format !== undefined) return format;
  throw usage(`Unknown --format "${value}": use one of ${FORMATS.join(", ")}.`);
}

function readTimeZone(value: string): string {
  const reason = timeZoneProblem(value);
  if (reason === null) return value;
  throw usage(`Invalid --time-zone "${value}": it ${reason}.`);
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}.`);
  }
}

/**
 * Reads the deals CSV with close_date timestamps dated in `timeZone`, or
 * raises a CliError listing every invalid row.
 */
function readDeals(file: string, timeZone: string): Deal[] {
  const result = parseDealsCsv(readText(file), { timeZone });
  if ("deals" in result) return result.deals;

  const lines = result.errors.map(
    (e) => `- line ${e.line}, ${e.field} "${e.value}": ${e.reason}`,
  );
  throw new CliError(
    [
      `Invalid deals in ${file} (${lines.length} ${lines.length === 1 ? "error" : "errors"}). Fix these rows and run again:`,
      ...lines,
    ].join("\n"),
  );
}

function readPlanFile(file: string): PlanFile {
  let data: unknown;
  try {
    data = JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `${file} is not valid JSON: ${(error as Error).message}. Fix the file and run again.`,
    );
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new CliError(
      `${file} does not contain a JSON object. Give an object with planCurrency, rates, crediting, plan, quotas and periods.`,
    );
  }
  const record = data as Record<string, unknown>;
  const missing = [
    "planCurrency",
    "rates",
    "crediting",
    "quotas",
    "periods",
  ].filter((key) => record[key] === undefined);
  if (record.plan === undefined && record.plans === undefined) {
    missing.push("plan or plans");
  }
  if (missing.length > 0) {
    throw new CliError(
      `Missing ${missing.map((key) => `"${key}"`).join(", ")} in ${file}. docs/CLI.md shows the plan file.`,
    );
  }
  checkShapes(file, record);
  const plans = (
    record.plan !== undefined ? { all: record.plan } : { byRep: record.plans }
  ) as StatementInput["plans"];
  return { ...(data as Omit<PlanFile, "plans">), plans };
}

/** Raises a CliError naming every list or object of the plan file with the wrong JSON type. */
function checkShapes(file: string, record: Record<string, unknown>): void {
  const crediting = isObject(record.crediting) ? record.crediting : {};
  const lists: [string, unknown][] = [
    ["rates", record.rates],
    ["periods", record.periods],
    ["crediting.territoryHistory", crediting.territoryHistory],
    ["crediting.territoryReps", crediting.territoryReps],
    ["crediting.rules", crediting.rules],
  ];
  const objects: [string, unknown][] = [
    ["crediting", record.crediting],
    ["quotas", record.quotas],
    [record.plan !== undefined ? "plan" : "plans", record.plan ?? record.plans],
  ];
  const wrong = [
    ...lists
      .filter(([, value]) => !Array.isArray(value))
      .map(([key]) => `"${key}" must be an array`),
    ...objects
      .filter(([, value]) => !isObject(value))
      .map(([key]) => `"${key}" must be an object`),
  ];
  if (wrong.length > 0) {
    throw new CliError(
      `Invalid plan file ${file}: ${wrong.join(", ")}. docs/CLI.md shows the plan file.`,
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function runStatements(deals: Deal[], file: PlanFile): StatementReport {
  try {
    return buildStatementReport({
      deals,
      converted: convertAll(deals, file.rates, file.planCurrency),
      tables: file.crediting,
      plans: file.plans,
      quotas: file.quotas,
      periods: file.periods,
    });
  } catch (error) {
    if (
      error instanceof RateTableError ||
      error instanceof MissingRateError ||
      error instanceof CreditingInputError ||
      error instanceof PayoutPlanError ||
      error instanceof PayoutInputError ||
      error instanceof StatementInputError
    ) {
      throw new CliError(error.message);
    }
    throw error;
  }
}

function formatCsv(statements: readonly Statement[]): string {
  const rows = statements.map((s) =>
    [s.repId, s.periodId, s.credited.amount, s.quota, s.attainment, s.payable]
      .map(csvCell)
      .join(","),
  );
  return [CSV_HEADER, ...rows].map((row) => `${row}\n`).join("");
}
