import fs from "node:fs";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import { checkOutputPath, writeOutputFile } from "../output.ts";
import {
  capacityTables,
  formatCapacityCsv,
  formatCapacityJson,
  type CapacityReport,
} from "./capacity-output.ts";
import { writeWorkbookFile } from "./workbook-file.ts";
import {
  computeCapacity,
  type CapacityInput,
} from "../../model/capacity/capacity.ts";
import { CapacityInputError } from "../../model/capacity/errors.ts";
import type { HireInput, RepInput } from "../../model/capacity/headcount.ts";
import { recommendHires } from "../../model/capacity/hires.ts";
import type { RoleInput } from "../../model/capacity/roles.ts";
import { FiscalPeriodError, TargetError } from "../../model/plan/errors.ts";
import { fiscalYear, type FiscalCalendar } from "../../model/plan/periods.ts";
import { buildTargets, type TargetInput } from "../../model/plan/targets.ts";

const FORMATS = ["csv", "json", "xlsx"] as const;

const HELP = `Usage: meridian capacity FILE.json [--format csv|json|xlsx] [--out FILE]
                         [--hire-role ROLE]

Computes the sales capacity of one fiscal year from roles, reps and planned
hires in FILE.json, month by month: headcount, capacity and cost of sales per
role and in total, target and gap (target - capacity). When the file has
targets, it also recommends the hires of one role that close each month's
shortfall. docs/CAPACITY.md states the rules and docs/CLI.md the shape of
FILE.json.

Options:
  --format FORMAT    csv (one row a month, then the hires needed after a
                     blank line), json (every figure with its trace) or
                     xlsx (sheets Capacity and Hires needed) (default: csv)
  --out FILE         file to write (default: standard output; required
                     for xlsx)
  --hire-role ROLE   id of the role whose hires close the shortfalls
                     (default: the first role in FILE.json)`;

/** Contents of the input file: the capacity model's input with plain periods and targets. */
interface CapacityFile {
  calendar: FiscalCalendar;
  fiscalYear: number;
  roles: RoleInput[];
  reps: RepInput[];
  hires: HireInput[];
  targets?: TargetInput[];
}

export const capacityCommand: Command = {
  name: "capacity",
  summary: "Compute monthly sales capacity, gap to target and hires needed",
  help: HELP,

  async run(argv) {
    const { values, positionals } = parseOptions("capacity", argv, {
      format: { type: "string", default: "csv" },
      out: { type: "string" },
      "hire-role": { type: "string" },
    });
    if (positionals.length === 0) throw usage("Missing the input FILE.json.");
    if (positionals.length > 1) {
      throw usage(`Unexpected argument "${positionals[1]}".`);
    }
    const format = values.format;
    if (!FORMATS.includes(format as (typeof FORMATS)[number])) {
      throw usage(
        `Unknown format "${format}": use one of ${FORMATS.join(", ")}.`,
      );
    }
    if (format === "xlsx" && !values.out) {
      throw usage(
        "--format xlsx writes a binary file, so it needs --out FILE.xlsx.",
      );
    }
    if (values.out) checkOutputPath(values.out);

    const file = readCapacityFile(positionals[0]);
    const report = runModel(() => buildReport(file, values["hire-role"]));
    if (format === "xlsx") {
      await writeWorkbookFile(values.out!, capacityTables(report));
      return;
    }
    const text =
      format === "json"
        ? formatCapacityJson(report)
        : formatCapacityCsv(report);

    if (values.out) writeOutputFile(values.out, text);
    else process.stdout.write(text);
  },
};

function usage(message: string): CliError {
  return new CliError(
    `${message} Run "meridian capacity --help" for the options.`,
    2,
  );
}

function buildReport(
  file: CapacityFile,
  hireRole: string | undefined,
): CapacityReport {
  const year = fiscalYear(file.calendar, file.fiscalYear);
  const input: CapacityInput = {
    year,
    roles: file.roles,
    reps: file.reps,
    hires: file.hires,
    targets:
      file.targets === undefined ? undefined : buildTargets(year, file.targets),
  };
  const result = computeCapacity(input);
  if (hireRole !== undefined && input.targets === undefined) {
    throw new CliError(
      `--hire-role ${hireRole} needs targets to close, but the file has none. Add "targets" to the file or drop --hire-role.`,
    );
  }

  const roleId = hireRole ?? file.roles[0]?.id;
  const hires =
    input.targets === undefined || roleId === undefined
      ? null
      : { roleId, plan: recommendHires(input, roleId) };
  const roles = file.roles.map((role) => ({ id: role.id, name: role.name }));
  return { result, roles, hires };
}

function runModel<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    const named =
      error instanceof CapacityInputError ||
      error instanceof FiscalPeriodError ||
      error instanceof TargetError;
    if (named) throw new CliError(`${error.name}: ${error.message}`);
    throw error;
  }
}

/** Reads FILE.json and checks its top-level shape. The model checks the values. */
function readCapacityFile(file: string): CapacityFile {
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
      `${file} must contain a JSON object with calendar, fiscalYear and roles. docs/CLI.md shows an example.`,
    );
  }

  const record = data as Record<string, unknown>;
  const calendar = record.calendar;
  if (typeof calendar !== "object" || calendar === null) {
    throw shapeError(file, "calendar", calendar, "an object such as");
  }
  for (const field of ["roles", "reps", "hires", "targets"]) {
    const value = record[field];
    const optional = field !== "roles";
    if (optional && value === undefined) continue;
    if (!Array.isArray(value) || value.some(notObject)) {
      throw shapeError(file, field, value, "an array of objects");
    }
  }
  return {
    calendar: calendar as FiscalCalendar,
    fiscalYear: record.fiscalYear as number,
    roles: record.roles as RoleInput[],
    reps: (record.reps ?? []) as RepInput[],
    hires: (record.hires ?? []) as HireInput[],
    targets: record.targets as TargetInput[] | undefined,
  };
}

function notObject(value: unknown): boolean {
  return typeof value !== "object" || value === null || Array.isArray(value);
}

function shapeError(
  file: string,
  field: string,
  value: unknown,
  expected: string,
): CliError {
  const example =
    field === "calendar" ? ' {"startMonth": 1, "firstFiscalYear": 2027}' : "";
  return new CliError(
    `Field "${field}" of ${file} is ${JSON.stringify(value) ?? "missing"}. Give ${expected}${example}. docs/CLI.md shows the shape.`,
  );
}
