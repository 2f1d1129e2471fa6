import path from "node:path";
import { parseOptions, type Command } from "../command.ts";
import { CliError } from "../errors.ts";
import {
  openStorage,
  readBaseUrl,
  readDays,
  readSecret,
} from "../server-options.ts";
import { inviteUrl } from "../../sync-server/links.ts";
import { MAX_INVITE_DAYS, mintInvite } from "../../sync-server/invites.ts";
import { isRole, ROLES, type Role } from "../../sync-server/roles.ts";

const MAX_DAYS = MAX_INVITE_DAYS;

const HELP = `Usage: meridian invite --plan ID --role ROLE [--days 30] [--data-dir ./data] [--base-url http://localhost:8080]

Prints a link that lets whoever opens it join a plan with a role. The
person gives a display name on first open and gets a personal token with the
same lifetime (at least 30 days).

The link is signed with the server's secret: AUTH_SECRET when set, else the
file auth-secret in the data folder, which the server creates on its first
start. The plan must exist in the data folder's database.

Options:
  --plan ID         plan to invite to (required)
  --role ROLE       editor (writes the plan), reviewer (reads the plan, writes
                    its review document) or viewer (reads both) (required)
  --days N          days the invite stays valid, 1 to ${MAX_DAYS} (default: 30)
  --data-dir DIR    the server's DATA_DIR (default: ./data)
  --base-url URL    address people open the app at (default: http://localhost:8080)`;

export const inviteCommand: Command = {
  name: "invite",
  summary: "Print an invite link to a plan for a role",
  help: HELP,

  async run(argv) {
    const { values, positionals } = parseOptions("invite", argv, {
      plan: { type: "string" },
      role: { type: "string" },
      days: { type: "string", default: "30" },
      "data-dir": { type: "string", default: "./data" },
      "base-url": { type: "string", default: "http://localhost:8080" },
    });
    if (positionals.length > 0) {
      throw usage(`Unexpected argument "${positionals[0]}".`);
    }
    if (!values.plan) throw usage("Missing --plan.");
    if (!isRole(values.role)) {
      throw usage(
        `--role "${values.role ?? ""}" is not one of ${ROLES.join(", ")}.`,
      );
    }
    const days = readDays("invite", values.days);
    const baseUrl = readBaseUrl("invite", values["base-url"]);
    const dataDir = path.resolve(values["data-dir"]);

    // A read-only open first, so that a missing database is reported as such
    // instead of being created.
    openStorage(dataDir, true).close();
    const secret = readSecret(dataDir);
    const token = await recordInvite(
      dataDir,
      secret,
      values.plan,
      values.role,
      days,
    );
    console.log(inviteUrl(baseUrl, values.plan, token));
  },
};

function usage(message: string): CliError {
  return new CliError(
    `${message} Run "meridian invite --help" for the options.`,
    2,
  );
}

/**
 * Records the invite in the plan's database, so that the share dialog lists
 * it and an editor can revoke it, and returns its signed token.
 */
async function recordInvite(
  dataDir: string,
  secret: Uint8Array,
  planId: string,
  role: Role,
  days: number,
): Promise<string> {
  const storage = openStorage(dataDir, false);
  try {
    if (!storage.getPlan(planId)) {
      const known = storage.listPlans().map((plan) => plan.id);
      throw new CliError(
        `Plan "${planId}" does not exist in ${storage.file}. Known plans: ${known.join(", ") || "none"}.`,
      );
    }
    const minted = await mintInvite(storage, secret, {
      planId,
      role,
      days,
      createdBy: "server",
    });
    return minted.token;
  } finally {
    storage.close();
  }
}
