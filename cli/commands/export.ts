import path from "node:path";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import { writeOutputFile } from "../output.ts";
import { exportGeoJson } from "./export-geojson.ts";
import {
  readAsOf,
  readPlanAccounts,
  uploadedDatasetsIn,
} from "./public-data.ts";
import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import {
  exportAccountsCsv,
  exportAssignmentsCsv,
} from "../../model/io/plan-export.ts";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import { Storage, StorageError } from "../../sync-server/storage.ts";

const HELP = `Usage: meridian export assignments --plan ID [--data-dir ./data] [--out FILE.csv]
       meridian export accounts --plan ID [--data-dir ./data]
                                [--public-data-dir public/data]
                                [--as-of YYYY-MM-DD] [--out FILE.csv]
       meridian export geojson --plan ID [--data-dir ./data]
                               [--public-data-dir public/data]
                               [--as-of YYYY-MM-DD] [--out FILE.geojson]

export assignments writes a plan's unit assignments as CSV with the header
unit_id,territory: one row per assigned unit, sorted by unit id, with the
territory's name.
Unit ids keep their leading zeros. Fields are quoted as RFC 4180 says when
they contain a comma, a double quote or a line break, and a field that a
spreadsheet would run as a formula gets an apostrophe in front.

Each reads the server's SQLite database directly and rebuilds the plan from
its stored updates, so the server need not run; a running server's
committed edits are included.

export accounts writes every account of the plan's accounts dataset as CSV
with the header
account_id,name,unit_id,segment,potential,territory,owner,longitude,latitude
in the file's order. The dataset is the public folder's accounts.json, or
the one an accounts import in the app uploaded into DATA_DIR/datasets.
The territory is the name of the territory its unit is assigned to in the
plan, or empty when the unit is unassigned. An account pinned by a
named-account override in effect on the --as-of date gets the override's
territory instead, as the app counts it. The owner is the display name of
that territory's owner, or empty when it has none. The potential is the
exact decimal string from the dataset. Longitude and latitude are the
account's point in degrees, or empty when the dataset has none, so that an
accounts import of the file keeps each account's place on the map.

export geojson writes a FeatureCollection with one feature per territory:
its counties' outlines merged into one shape, and the properties name,
color, counties, accounts, population, potential (exact decimal string) and
deviationPercent (from the mean potential). Accounts pinned by overrides
in effect on the --as-of date count in their override territory, not in
their county's. A territory without counties has a null geometry.

Options:
  --plan ID               plan to export (required)
  --data-dir DIR          the server's DATA_DIR (default: ./data)
  --public-data-dir DIR   folder with the datasets, for export accounts and geojson
                          (default: public/data)
  --as-of YYYY-MM-DD      date whose named-account overrides in effect apply,
                          for export accounts and geojson (default: today in UTC)
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
      "as-of": { type: "string" },
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

    for (const option of ["public-data-dir", "as-of"] as const) {
      if (kind === "assignments" && values[option] !== undefined) {
        throw new CliError(
          `export assignments does not read --${option}. Remove it, or run "meridian export accounts".`,
          2,
        );
      }
    }
    const asOf = readAsOf(values["as-of"], "export");

    const { plan, people } = readPlan(
      path.resolve(values["data-dir"]),
      values.plan,
    );
    const publicDataDir = values["public-data-dir"] ?? "public/data";
    const territories = plan.readTerritories();
    const assignments = plan.readAssignments();
    const accounts =
      kind === "assignments"
        ? []
        : await readPlanAccounts(
            plan.readMeta().datasets.accounts,
            publicDataDir,
            uploadedDatasetsIn(path.resolve(values["data-dir"])),
          );
    const pins = { overrides: plan.readOverrides(), asOf };
    const csv =
      kind === "accounts"
        ? exportAccountsCsv(territories, assignments, accounts, people, pins)
        : kind === "geojson"
          ? exportGeoJson(plan, publicDataDir, accounts, asOf)
          : exportAssignmentsCsv(territories, assignments);
    if (values.out) writeOutputFile(values.out, csv);
    else process.stdout.write(csv);
  },
};

/** A plan as the exports read it: its document and the names of its people. */
interface StoredPlan {
  plan: PlanDoc;
  /** Person id -> display name of everyone who joined and was not removed. */
  people: Map<string, string>;
}

function readPlan(dataDir: string, planId: string): StoredPlan {
  let storage: Storage | null = null;
  try {
    storage = Storage.open(dataDir, { readonly: true });
    const plan = loadPlanDoc(storage, planId);
    // A database of storage version 1 has no people yet.
    const members =
      storage.version >= 2 ? storage.people.listMembers(planId) : [];
    return {
      plan,
      people: new Map(members.map((m) => [m.personId, m.name])),
    };
  } catch (error) {
    if (error instanceof StorageError) throw new CliError(error.message);
    throw error;
  } finally {
    storage?.close();
  }
}
