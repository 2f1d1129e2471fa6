import path from "node:path";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import { csvCell } from "../../model/io/csv-cell.ts";
import {
  openStorage,
  readBaseUrl,
  readDays,
  readSecret,
} from "../server-options.ts";
import { PLAN_ID_PATTERN } from "../../model/doc/schema.ts";
import { MAX_INVITE_DAYS } from "../../sync-server/invites.ts";
import { inviteLinks } from "../../sync-server/links.ts";
import {
  datasetHashes,
  ManifestError,
  readManifest,
} from "../../sync-server/manifest.ts";
import {
  checkPlanName,
  createEmptyPlan,
  newPlanId,
} from "../../sync-server/plans.ts";
import { StorageError } from "../../sync-server/storage.ts";
import {
  backupPlanCommand,
  importPlanCommand,
  PLAN_BACKUP_HELP,
  PLAN_BACKUP_OPTIONS,
} from "./plan-backup.ts";

const HELP = `Usage: meridian plan create --name NAME [--id ID] [--days 30] [--data-dir ./data] [--public-data-dir ./public/data] [--base-url http://localhost:8080]
       meridian plan list [--data-dir ./data] [--json]
       meridian plan backup --plan ID --out FILE [--data-dir ./data] [--public-data-dir ./public/data]
       meridian plan import --file FILE [--id ID] [--days 30] [--data-dir ./data] [--public-data-dir ./public/data] [--base-url http://localhost:8080]

plan create adds an empty plan to the server's database: it names the
datasets of manifest.json and has no territories. It prints the plan id and
one invite link per role, as the server prints the demo links at start:

  plan: k3x9q2m7wz
  editor: http://localhost:8080/?plan=k3x9q2m7wz&token=...
  reviewer: ...
  viewer: ...

The links are signed with the server's secret (AUTH_SECRET when set, else
the file auth-secret in the data folder) and recorded, so editors can list
and revoke them in the app. The server need not run.

plan list prints every plan in the database as CSV with the header
id,name,created_at,people,active_invites, or as JSON with --json.

${PLAN_BACKUP_HELP}

Options:
  --name NAME             plan name, 1 to 100 characters (create, required)
  --id ID                 plan id: 1 to 64 letters, digits, "_" or "-"
                          (create; default: 10 random letters and digits;
                          import; default: the backup's plan id)
  --days N                days the invite links stay valid, 1 to ${MAX_INVITE_DAYS}
                          (create, import; default: 30)
  --data-dir DIR          the server's DATA_DIR (default: ./data)
  --public-data-dir DIR   the server's PUBLIC_DATA_DIR, which holds
                          manifest.json (create, backup, import;
                          default: ./public/data)
  --base-url URL          address people open the app at
                          (create, import; default: http://localhost:8080)
  --json                  print the list as JSON (list)
${PLAN_BACKUP_OPTIONS}`;

const ACTIONS = ["create", "list", "backup", "import"];

export const planCommand: Command = {
  name: "plan",
  summary: "Create, list, back up or import the plans on a server",
  help: HELP,

  async run(argv) {
    const [action, ...rest] = argv;
    if (action === "create") return createPlanCommand(rest);
    if (action === "list") return listPlansCommand(rest);
    if (action === "backup") return backupPlanCommand(rest);
    if (action === "import") return importPlanCommand(rest);
    throw usage(
      `Unknown action ${JSON.stringify(action ?? "")}; use one of ${ACTIONS.join(", ")}.`,
    );
  },
};

async function createPlanCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseOptions("plan", argv, {
    name: { type: "string" },
    id: { type: "string" },
    days: { type: "string", default: "30" },
    "data-dir": { type: "string", default: "./data" },
    "public-data-dir": { type: "string", default: "./public/data" },
    "base-url": { type: "string", default: "http://localhost:8080" },
  });
  rejectPositionals(positionals);
  if (values.name === undefined) throw usage("Missing --name.");
  const name = checkPlanName(values.name);
  if (!name.ok) throw usage(name.message);
  if (values.id !== undefined && !PLAN_ID_PATTERN.test(values.id)) {
    throw usage(
      `--id "${values.id}" is invalid: use 1 to 64 letters, digits, "_" or "-".`,
    );
  }
  const days = readDays("plan", values.days);
  const baseUrl = readBaseUrl("plan", values["base-url"]);
  const dataDir = path.resolve(values["data-dir"]);

  // Everything that can fail is read before the database is written.
  const secret = readSecret(dataDir);
  const datasets = readDatasets(path.resolve(values["public-data-dir"]));
  const storage = openStorage(dataDir, false);
  try {
    const planId = values.id ?? newPlanId(storage);
    createEmptyPlan(storage, { planId, name: name.name, datasets });
    const links = await inviteLinks(storage, secret, baseUrl, planId, days);
    console.log(`plan: ${planId}`);
    for (const link of links) console.log(`${link.role}: ${link.url}`);
  } catch (error) {
    if (error instanceof StorageError) throw new CliError(error.message);
    throw error;
  } finally {
    storage.close();
  }
}

function listPlansCommand(argv: string[]): void {
  const { values, positionals } = parseOptions("plan", argv, {
    "data-dir": { type: "string", default: "./data" },
    json: { type: "boolean", default: false },
  });
  rejectPositionals(positionals);

  const storage = openStorage(path.resolve(values["data-dir"]), true);
  try {
    // A database of storage version 1 has no people or invites to count.
    const counted = storage.version >= 2;
    const plans = storage.listPlans().map((plan) => ({
      id: plan.id,
      name: plan.name,
      createdAt: new Date(plan.createdAt).toISOString(),
      people: counted ? storage.people.countMembers(plan.id) : null,
      activeInvites: counted ? storage.invites.countActive(plan.id) : null,
    }));
    if (values.json) {
      console.log(JSON.stringify(plans, null, 2));
      return;
    }
    const lines = ["id,name,created_at,people,active_invites"];
    for (const plan of plans) {
      const fields = [
        plan.id,
        plan.name,
        plan.createdAt,
        plan.people ?? "",
        plan.activeInvites ?? "",
      ];
      lines.push(fields.map((field) => csvCell(String(field))).join(","));
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    storage.close();
  }
}

function usage(message: string): CliError {
  return new CliError(
    `${message} Run "meridian plan --help" for the options.`,
    2,
  );
}

function rejectPositionals(positionals: string[]): void {
  if (positionals.length > 0) {
    throw usage(`Unexpected argument "${positionals[0]}".`);
  }
}

function readDatasets(publicDataDir: string): Record<string, string> {
  let manifest;
  try {
    manifest = readManifest(publicDataDir);
  } catch (error) {
    if (error instanceof ManifestError) throw new CliError(error.message);
    throw error;
  }
  if (manifest === null) {
    throw new CliError(
      `manifest.json is missing from ${publicDataDir}, so the plan would have no map. Build the data with "npm run data" or pass --public-data-dir.`,
    );
  }
  return datasetHashes(manifest);
}
