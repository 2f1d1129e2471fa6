import path from "node:path";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import { checkOutputPath, writeOutputFile } from "../output.ts";
import { readSide, type DiffSide } from "./diff-sides.ts";
import {
  readAsOf,
  readPlanAccounts,
  readPublicJson,
  uploadedDatasetsIn,
} from "./public-data.ts";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { diffPlanDocs } from "../../model/doc/version-diff.ts";
import type { PlanDiff } from "../../model/versions/diff.ts";
import { planDiffCsv } from "../../model/versions/diff-csv.ts";
import { Storage, StorageError } from "../../sync-server/storage.ts";

const HELP = `Usage: meridian diff --plan ID --from VERSION|now --to VERSION|now
                    [--data-dir ./data] [--public-data-dir public/data]
                    [--as-of YYYY-MM-DD] [--format csv|json] [--out FILE]

Compares two states of a plan: what changed from --from to --to. VERSION
is a version id, or a version name that only one version of the plan has;
"now" is the plan's latest stored state. The command reads the server's
SQLite database read-only and rebuilds each state from its stored updates,
so the server need not run.

The difference lists counties whose territory changed, accounts that moved
(an account pinned by a named-account override in effect on --as-of counts
in the override's territory), territories added, removed or renamed, and
the annual quota per territory and per rep and the annual capacity per rep
that differ, with exact decimal differences. Both states are measured with
the accounts dataset that the plan's latest state names.

--format csv (the default) writes one row per difference with the header
kind,id,name,from,to,difference. --format json writes the whole difference
as one JSON object. docs/COMPARE.md describes both.

Options:
  --plan ID               plan to compare (required)
  --from VERSION|now      earlier state (required)
  --to VERSION|now        later state (required)
  --data-dir DIR          the server's DATA_DIR (default: ./data)
  --public-data-dir DIR   folder with units.json and accounts.json
                          (default: public/data)
  --as-of YYYY-MM-DD      date whose named-account overrides in effect apply
                          (default: today in UTC)
  --format csv|json       output format (default: csv)
  --out FILE              file to write (default: standard output)`;

const FORMATS = ["csv", "json"];

export const diffCommand: Command = {
  name: "diff",
  summary: "Compare two versions of a plan, or a version with now",
  help: HELP,

  async run(argv) {
    const { values, positionals } = parseOptions("diff", argv, {
      plan: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      "data-dir": { type: "string", default: "./data" },
      "public-data-dir": { type: "string", default: "public/data" },
      "as-of": { type: "string" },
      format: { type: "string", default: "csv" },
      out: { type: "string" },
    });
    if (positionals.length > 0) {
      throw new CliError(
        `Unexpected argument "${positionals[0]}". Run "meridian diff --help" for the options.`,
        2,
      );
    }
    for (const option of ["plan", "from", "to"] as const) {
      if (values[option] === undefined || values[option] === "") {
        throw new CliError(
          `Missing --${option}. Run "meridian diff --help" for the options.`,
          2,
        );
      }
    }
    if (!FORMATS.includes(values.format)) {
      throw new CliError(
        `--format "${values.format}" is not supported; use csv or json.`,
        2,
      );
    }
    const asOf = readAsOf(values["as-of"], "diff");
    if (values.out) checkOutputPath(values.out);

    const dataDir = path.resolve(values["data-dir"]);
    const [from, to, now] = readSides(dataDir, values.plan!, [
      values.from!,
      values.to!,
    ]);
    const publicDataDir = values["public-data-dir"];
    const accounts = await readPlanAccounts(
      new PlanDoc(now.doc).readMeta().datasets.accounts,
      publicDataDir,
      uploadedDatasetsIn(dataDir),
    );

    const diff = diffPlanDocs(from.doc, to.doc, {
      accounts,
      asOf,
      fallbackYear: new Date().getUTCFullYear() + 1,
      unitNames: readUnitNames(publicDataDir),
    });
    const text =
      values.format === "json" ? formatJson(diff) : planDiffCsv(diff);
    if (values.out) writeOutputFile(values.out, text);
    else process.stdout.write(text);
  },
};

// Reads both sides and the latest state in one read-only session.
function readSides(
  dataDir: string,
  planId: string,
  [from, to]: [string, string],
): [DiffSide, DiffSide, DiffSide] {
  let storage: Storage | null = null;
  try {
    storage = Storage.open(dataDir, { readonly: true });
    if (!storage.getPlan(planId)) {
      const known = storage.listPlans().map((plan) => plan.id);
      throw new CliError(
        `Plan "${planId}" does not exist in ${storage.file}. Known plans: ${known.join(", ") || "none"}.`,
      );
    }
    return [
      readSide(storage, planId, from, "--from"),
      readSide(storage, planId, to, "--to"),
      readSide(storage, planId, "now", "--to"),
    ];
  } catch (error) {
    if (error instanceof StorageError) throw new CliError(error.message);
    throw error;
  } finally {
    storage?.close();
  }
}

function readUnitNames(publicDataDir: string): Map<string, string> {
  const file = readPublicJson(publicDataDir, "units.json") as {
    units?: { id?: unknown; name?: unknown }[];
  };
  const names = new Map<string, string>();
  for (const unit of file?.units ?? []) {
    if (typeof unit.id === "string" && typeof unit.name === "string")
      names.set(unit.id, unit.name);
  }
  return names;
}

function formatJson(diff: PlanDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
