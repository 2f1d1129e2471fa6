import fs from "node:fs";
import path from "node:path";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import { writeOutputFile } from "../output.ts";
import { exportGeoJson } from "./export-geojson.ts";
import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import { accountsCsv, type CsvAccount } from "../../model/io/accounts-csv.ts";
import { csvField } from "../../model/io/csv.ts";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import { Storage, StorageError } from "../../sync-server/storage.ts";

const HELP = `Usage: meridian export assignments --plan ID [--data-dir ./data] [--out FILE.csv]
       meridian export accounts --plan ID [--data-dir ./data]
                                [--public-data-dir public/data] [--out FILE.csv]
       meridian export geojson --plan ID [--data-dir ./data]
                               [--public-data-dir public/data] [--out FILE.geojson]

export assignments writes a plan's unit assignments as CSV with the header
unit_id,territory: one row per assigned unit, sorted by unit id, with the
territory's name.
Unit ids keep their leading zeros. Fields are quoted as RFC 4180 says when
they contain a comma, a double quote or a line break.

Both read the server's SQLite database directly and rebuilds the plan from
its stored updates, so the server need not run; a running server's
committed edits are included.

export accounts writes every account of accounts.json as CSV with the header
account_id,name,unit_id,segment,potential,territory, in the file's order.
The territory is the name of the territory its unit is assigned to in the
plan, or empty when the unit is unassigned. The potential is the exact
decimal string from accounts.json.

export geojson writes a FeatureCollection with one feature per territory:
its counties' outlines merged into one shape, and the properties name,
color, counties, accounts, population, potential (exact decimal string) and
deviationPercent (from the mean potential). A territory without counties
has a null geometry.

Options:
  --plan ID               plan to export (required)
  --data-dir DIR          the server's DATA_DIR (default: ./data)
  --public-data-dir DIR   folder with the datasets, for export accounts and geojson
                          (default: public/data)
  --out FILE              file to write (default: standard output)`;

const KINDS = ["assignments", "accounts", "geojson"];

export const exportCommand: Command = {
  name: "export",
  summary:
    "Export a plan's assignments or accounts as CSV, or territories as GeoJSON",
  help: HELP,

  async run(argv) {
    const [kind, ...rest] = argv;
    if (!KINDS.includes(kind ?? "")) {
      throw new CliError(
        `Unknown export ${JSON.stringify(kind ?? "")}; supported: ${KINDS.join(", ")}. Run "meridian export --help" for the options.`,
        2,
      );
    }
    const { values, positionals } = parseOptions("export", rest, {
      plan: { type: "string" },
      "data-dir": { type: "string", default: "./data" },
      "public-data-dir": { type: "string" },
      out: { type: "string" },
    });
    if (positionals.length > 0) {
      throw new CliError(
        `Unexpected argument "${positionals[0]}". Run "meridian export --help" for the options.`,
        2,
      );
    }
    if (!values.plan) {
      throw new CliError(
        'Missing --plan. Run "meridian export --help" for the options.',
        2,
      );
    }

    if (kind === "assignments" && values["public-data-dir"] !== undefined) {
      throw new CliError(
        'export assignments does not read --public-data-dir. Remove it, or run "meridian export accounts".',
        2,
      );
    }

    const plan = readPlan(path.resolve(values["data-dir"]), values.plan);
    const csv =
      kind === "accounts"
        ? exportAccountsCsv(
            plan,
            readAccounts(values["public-data-dir"] ?? "public/data"),
          )
        : kind === "geojson"
          ? exportGeoJson(plan, values["public-data-dir"] ?? "public/data")
          : assignmentsCsv(plan);
    if (values.out) writeOutputFile(values.out, csv);
    else process.stdout.write(csv);
  },
};

function readPlan(dataDir: string, planId: string): PlanDoc {
  let storage: Storage | null = null;
  try {
    storage = Storage.open(dataDir, { readonly: true });
    return loadPlanDoc(storage, planId);
  } catch (error) {
    if (error instanceof StorageError) throw new CliError(error.message);
    throw error;
  } finally {
    storage?.close();
  }
}

/**
 * Formats assignments as `unit_id,territory` rows sorted by unit id, with the
 * territory's name. A unit assigned to a territory that was deleted on
 * another replica counts as unassigned, as on the map and in the territory
 * list, so it has no row. When two territories share a name, each gets the
 * first 8 characters of its id in brackets, so every row maps back to one
 * territory.
 */
export function assignmentsCsv(plan: PlanDoc): string {
  const names = territoryNames(plan);
  const rows = [...plan.readAssignments()].sort(([a], [b]) => compareIds(a, b));
  const lines = ["unit_id,territory"];
  for (const [unitId, territoryId] of rows) {
    const territory = names.get(territoryId);
    if (territory === undefined) continue;
    lines.push(`${csvField(unitId)},${csvField(territory)}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Formats the accounts as CSV with the name of the territory each account's
 * unit is assigned to, named as in {@link assignmentsCsv}.
 */
export function exportAccountsCsv(
  plan: PlanDoc,
  accounts: readonly CsvAccount[],
): string {
  const names = territoryNames(plan);
  const territoryByUnit = new Map<string, string>();
  for (const [unitId, territoryId] of plan.readAssignments()) {
    const name = names.get(territoryId);
    if (name !== undefined) territoryByUnit.set(unitId, name);
  }
  return accountsCsv(accounts, territoryByUnit);
}

/** Maps territory ids to unique names: a shared name gets the first 8 characters of the id in brackets. */
function territoryNames(plan: PlanDoc): Map<string, string> {
  const territories = plan.readTerritories();
  const nameCount = new Map<string, number>();
  for (const t of territories)
    nameCount.set(t.name, (nameCount.get(t.name) ?? 0) + 1);
  return new Map(
    territories.map((t) => [
      t.id,
      (nameCount.get(t.name) ?? 0) > 1
        ? `${t.name} (${t.id.slice(0, 8)})`
        : t.name,
    ]),
  );
}

function readAccounts(publicDataDir: string): CsvAccount[] {
  const file = path.join(path.resolve(publicDataDir), "accounts.json");
  let accounts: unknown;
  try {
    accounts = JSON.parse(fs.readFileSync(file, "utf8")).accounts;
  } catch (error) {
    throw new CliError(
      `Cannot read ${file}: ${(error as Error).message}. Check --public-data-dir, or rebuild the data with "npm run data".`,
    );
  }
  if (!Array.isArray(accounts)) {
    throw new CliError(
      `Invalid ${file}: it has no "accounts" list. Rebuild the data with "npm run data".`,
    );
  }
  return accounts as CsvAccount[];
}

// Compares UTF-16 code units, not locale order, so "01001" sorts before
// "1001" on every machine.
function compareIds(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
