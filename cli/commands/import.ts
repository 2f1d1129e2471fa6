import fs from "node:fs";
import path from "node:path";
import { previewBulkChange } from "../../model/bulk-change.ts";
import { parseAssignmentImport } from "../../model/io/assignment-import.ts";
import { uniqueTerritoryNames } from "../../model/io/territory-names.ts";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import {
  formatImpactTable,
  formatPins,
  formatSkipped,
} from "./import-impact.ts";
import type { PlanConnection } from "./plan-connection.ts";
import { openServerPlan, type ServerAddress } from "./plan-server.ts";
import { openStoredPlan } from "./plan-storage.ts";
import {
  pinAccounts,
  readAsOf,
  readCoverageData,
  readPlanAccounts,
  type CoverageData,
} from "./public-data.ts";

const HELP = `Usage: meridian import assignments FILE.csv --plan ID
                                  [--server URL --token TOKEN] [--timeout 30]
                                  [--data-dir ./data] [--public-data-dir public/data]
                                  [--as-of YYYY-MM-DD] [--dry-run]

import assignments applies an assignment CSV to a plan: the header
unit_id,territory, then one row per unit with the name of its territory,
as "meridian export assignments" writes it. An empty territory unassigns
the unit; units the file leaves out keep their territory. Names match
exactly; a name that several territories share is written with the first 8
characters of the territory id in brackets, such as "Gulf (aaaaaaaa)".

The file is checked whole first. When any line is bad (an unknown unit or
territory, a unit listed twice, a unit id stripped of its leading zeros such
as 1001 for 01001, a wrong field count), every bad line is printed with its
reason and nothing changes. Otherwise the command prints the impact per
territory (counties and accounts gained and lost, potential gained, lost and
net) and applies the moves as one edit. Units of locked territories, and
moves into them, are skipped and listed.

Named-account overrides in effect on the --as-of date pin their accounts
to the override territory, so the impact leaves those accounts out of
their counties, as the app's preview does for the "as of" date of its
Accounts tab. The output says how many accounts were pinned.

While the server runs, import through it with --server and an editor's
token (the token= part of an editor invite link, or a personal token): the
server stores the edit and everyone who has the plan open sees it at once.
The command waits until the server confirms the edit is stored. Without
--server it writes into the data folder's database, which it refuses while
a server or another writer has the database open.

Options:
  --plan ID               plan to change (required)
  --server URL            address the app opens at, such as http://127.0.0.1:8080
  --token TOKEN           editor token for --server (default: MERIDIAN_TOKEN)
  --timeout SECONDS       how long to wait for the server to load the plan
                          and to confirm the edit (default: 30)
  --data-dir DIR          the server's DATA_DIR, used without --server
                          (default: ./data)
  --public-data-dir DIR   folder with units.json and accounts.json
                          (default: public/data)
  --as-of YYYY-MM-DD      date whose overrides in effect apply to the impact
                          (default: today in UTC)
  --dry-run               print the impact only; change nothing`;

const KINDS = ["assignments"];

export const importCommand: Command = {
  name: "import",
  summary: "Apply an assignment CSV to a plan, with its impact",
  help: HELP,

  async run(argv) {
    const [kind, ...rest] = argv;
    if (!KINDS.includes(kind ?? "")) {
      throw usage(
        `Unknown import ${JSON.stringify(kind ?? "")}; supported: ${KINDS.join(", ")}.`,
      );
    }
    const { values, positionals } = parseOptions("import", rest, {
      plan: { type: "string" },
      server: { type: "string" },
      token: { type: "string" },
      timeout: { type: "string", default: "30" },
      "data-dir": { type: "string" },
      "public-data-dir": { type: "string", default: "public/data" },
      "as-of": { type: "string" },
      "dry-run": { type: "boolean", default: false },
    });
    if (positionals.length !== 1) {
      throw usage(
        positionals.length === 0
          ? "Missing the CSV file."
          : `Unexpected argument "${positionals[1]}".`,
      );
    }
    if (!values.plan) throw usage("Missing --plan.");
    const asOf = readAsOf(values["as-of"], "import");
    const target = readTarget(values);

    const file = positionals[0];
    const text = readCsv(file);
    const connection =
      target.kind === "server"
        ? await openServerPlan(target.address, values.plan)
        : openStoredPlan(target.dataDir, values.plan);
    try {
      const accounts = await readPlanAccounts(
        connection.plan.readMeta().datasets.accounts,
        values["public-data-dir"],
        connection.readUploaded,
      );
      const data = readCoverageData(values["public-data-dir"], accounts);
      await importAssignments(connection, {
        file,
        text,
        data,
        asOf,
        dryRun: values["dry-run"],
      });
    } finally {
      connection.close();
    }
  },
};

type Target =
  | { kind: "server"; address: ServerAddress }
  | { kind: "storage"; dataDir: string };

function readTarget(values: {
  server?: string;
  token?: string;
  timeout: string;
  "data-dir"?: string;
}): Target {
  if (values.server === undefined) {
    if (values.token !== undefined) {
      throw usage("--token needs --server: the data folder needs no token.");
    }
    return {
      kind: "storage",
      dataDir: path.resolve(values["data-dir"] ?? "./data"),
    };
  }
  if (values["data-dir"] !== undefined) {
    throw usage(
      "Give either --server (a running server) or --data-dir (no server running), not both.",
    );
  }
  const token = values.token ?? process.env.MERIDIAN_TOKEN;
  if (!token) throw usage("--server needs --token or MERIDIAN_TOKEN.");
  const seconds = /^\d+$/.test(values.timeout) ? Number(values.timeout) : NaN;
  if (!(seconds >= 1 && seconds <= 3600)) {
    throw usage(
      `--timeout "${values.timeout}" is not a whole number of seconds from 1 to 3600.`,
    );
  }
  return {
    kind: "server",
    address: { server: values.server, token, timeoutMs: seconds * 1000 },
  };
}

function readCsv(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(
      `Cannot read ${file}: ${(error as Error).message}. Check the file path.`,
    );
  }
}

interface ImportInput {
  file: string;
  text: string;
  data: CoverageData;
  /** `YYYY-MM-DD` whose overrides in effect pin their accounts. */
  asOf: string;
  dryRun: boolean;
}

/** Checks the file against the plan, prints the impact and, unless a dry run, writes the moves. */
async function importAssignments(
  connection: PlanConnection,
  input: ImportInput,
): Promise<void> {
  const { plan } = connection;
  const territories = plan.readTerritories();
  const parsed = parseAssignmentImport(input.text, {
    unitIds: input.data.unitIds,
    territories,
  });
  if (parsed.issues.length > 0) {
    const lines = parsed.issues.map((i) => `  line ${i.line}: ${i.message}`);
    throw new CliError(
      `${input.file} has ${parsed.issues.length} invalid line(s), so nothing was imported:\n${lines.join("\n")}\nFix these lines and run again.`,
    );
  }

  const pinned = pinAccounts(
    input.data,
    plan.readOverrides(),
    territories,
    input.asOf,
  );
  const preview = previewBulkChange(
    pinned.index.coverage,
    plan.readAssignments(),
    plan.lockedTerritoryIds(),
    parsed.moves,
  );
  const names = uniqueTerritoryNames(territories);
  const moveCount = preview.impact.moves.length;
  const meta = plan.readMeta();
  console.log(
    `${path.basename(input.file)} -> plan "${meta.name}" (${meta.planId}): ${parsed.moves.size} row(s), ${moveCount} unit(s) move, ${preview.skipped.length} skipped.`,
  );
  console.log(formatPins(pinned, input.asOf));
  if (moveCount > 0) console.log(`\n${formatImpactTable(preview, names)}`);
  if (preview.skipped.length > 0) {
    console.log(
      `\nSkipped ${preview.skipped.length} unit(s) of locked territories:`,
    );
    for (const line of formatSkipped(preview, names)) console.log(line);
  }

  if (input.dryRun) {
    console.log("\nDry run: nothing was changed.");
    return;
  }
  if (moveCount === 0) {
    console.log("\nNothing to change.");
    return;
  }
  const groups = new Map<string | null, string[]>();
  for (const move of preview.impact.moves) {
    const units = groups.get(move.to) ?? [];
    units.push(move.unitId);
    groups.set(move.to, units);
  }
  let changed = 0;
  await connection.write((doc) => {
    for (const [territoryId, unitIds] of groups) {
      changed += doc.assignUnits(unitIds, territoryId).changed.length;
    }
  });
  console.log(`\nApplied ${changed} move(s) to ${connection.description}.`);
  // A territory locked by someone else since the preview keeps its units.
  if (changed < moveCount) {
    console.log(
      `${moveCount - changed} move(s) were skipped because a territory was locked meanwhile. Run the import again to see them.`,
    );
  }
}

function usage(message: string): CliError {
  return new CliError(
    `${message} Run "meridian import --help" for the options.`,
    2,
  );
}
