import fs from "node:fs";
import path from "node:path";
import type { NewPlan } from "../model/doc/init-plan.ts";
import { SERVER_CREATOR, type InviteRecord } from "./invite-store.ts";
import { inviteToken, mintInvite } from "./invites.ts";
import { inviteUrl, START_LINK_DAYS } from "./links.ts";
import type { Logger } from "./log.ts";
import { datasetHashes, readManifest } from "./manifest.ts";
import { demoDealHistory, type DemoAccount } from "./demo-deals.ts";
import { withDemoIncentives } from "./demo-incentives.ts";
import { withDemoPlanning } from "./demo-planning.ts";
import { createPlan } from "./plans.ts";
import { ROLES, type Role } from "./roles.ts";
import type { Storage } from "./storage.ts";
import { DAY_SECONDS } from "./tokens.ts";

export const DEMO_PLAN_ID = "demo";
export const DEMO_PLAN_FILE = "demo-plan.json";

/** A malformed demo-plan.json. */
export class DemoPlanError extends Error {
  override name = "DemoPlanError";
}

/**
 * Creates the plan "demo" from the public data folder when the database has
 * no plans at all. A stored plan is never written again, so a restart keeps
 * every edit and never adds a second copy of the demo territories.
 * Returns true when it created the plan.
 */
export function seedDemoPlan(
  storage: Storage,
  publicDataDir: string,
  logger: Logger,
): boolean {
  if (storage.listPlans().length > 0) return false;

  const file = path.join(publicDataDir, DEMO_PLAN_FILE);
  const manifest = readManifest(publicDataDir);
  if (!fs.existsSync(file) || manifest === null) {
    logger.warn(
      { publicDataDir },
      `demo plan not created: ${DEMO_PLAN_FILE} or manifest.json is missing; build the data with "npm run data" and restart`,
    );
    return false;
  }

  const plan = withDemoIncentives(withDemoPlanning(readDemoPlan(file)));
  plan.datasets = datasetHashes(manifest);
  const deals = demoDealHistory(plan, readDemoAccounts(publicDataDir));
  storage.transaction(() => {
    createPlan(storage, plan);
    storage.pay.deals.insertAll(DEMO_PLAN_ID, deals, SERVER_CREATOR);
  });
  logger.info(
    {
      plan: DEMO_PLAN_ID,
      territories: plan.territories?.length ?? 0,
      deals: deals.length,
      datasets: plan.datasets,
    },
    "demo plan created",
  );
  return true;
}

/** The demo accounts file of the public data folder, next to the demo plan. */
const DEMO_ACCOUNTS_FILE = "accounts.json";

/**
 * Reads the ids and potentials of the public demo accounts, which the demo
 * deal history sells to. Returns [] when the file is missing, so the demo
 * plan is still created, with no deals.
 */
function readDemoAccounts(publicDataDir: string): DemoAccount[] {
  const file = path.join(publicDataDir, DEMO_ACCOUNTS_FILE);
  if (!fs.existsSync(file)) return [];
  const data = JSON.parse(fs.readFileSync(file, "utf8")) as {
    accounts?: DemoAccount[];
  };
  return data.accounts ?? [];
}

/**
 * A demo invite is printed again at the next start while it has at least
 * this many days left. With fewer, a new one is made, so that a printed
 * link keeps working for a while.
 */
export const DEMO_LINK_MIN_DAYS_LEFT = 7;

/**
 * Returns one invite link per role to the demo plan, editor first. Each
 * role reuses the server-made invite that is neither revoked nor expired
 * and has the most time left, if that is at least
 * `DEMO_LINK_MIN_DAYS_LEFT` days. A role without one gets a new invite, so
 * restarts do not pile up links in the share dialog. Returns no links when
 * the server has no demo plan.
 */
export async function demoInviteLinks(
  storage: Storage,
  secret: Uint8Array,
  baseUrl: string,
  now = Date.now(),
): Promise<{ role: Role; url: string }[]> {
  if (!storage.getPlan(DEMO_PLAN_ID)) return [];

  const reusable = new Map<Role, InviteRecord>();
  const minExpiry = now + DEMO_LINK_MIN_DAYS_LEFT * DAY_SECONDS * 1000;
  for (const invite of storage.invites.listActive(DEMO_PLAN_ID, now)) {
    if (invite.createdBy !== SERVER_CREATOR) continue;
    if (invite.expiresAt < minExpiry) continue;
    const best = reusable.get(invite.role);
    if (!best || invite.expiresAt > best.expiresAt)
      reusable.set(invite.role, invite);
  }

  const links: { role: Role; url: string }[] = [];
  for (const role of ROLES) {
    const invite = reusable.get(role);
    const token = invite
      ? await inviteToken(secret, invite)
      : (
          await mintInvite(storage, secret, {
            planId: DEMO_PLAN_ID,
            role,
            days: START_LINK_DAYS,
            createdBy: SERVER_CREATOR,
          })
        ).token;
    links.push({ role, url: inviteUrl(baseUrl, DEMO_PLAN_ID, token) });
  }
  return links;
}

/**
 * Returns the incentives administrator link of the demo plan: a server-made
 * invite with the plan role editor and the pay role admin, reused while it
 * has at least `DEMO_LINK_MIN_DAYS_LEFT` days left, else a new one. Returns
 * null when the server has no demo plan.
 */
export async function demoPayAdminLink(
  storage: Storage,
  secret: Uint8Array,
  baseUrl: string,
  now = Date.now(),
): Promise<string | null> {
  if (!storage.getPlan(DEMO_PLAN_ID)) return null;

  const minExpiry = now + DEMO_LINK_MIN_DAYS_LEFT * DAY_SECONDS * 1000;
  const reusable = storage.invites
    .listActivePay(DEMO_PLAN_ID, now)
    .filter(
      (invite) =>
        invite.createdBy === SERVER_CREATOR &&
        invite.payRole === "admin" &&
        invite.expiresAt >= minExpiry,
    )
    .sort((a, b) => b.expiresAt - a.expiresAt)[0];
  const token = reusable
    ? await inviteToken(secret, reusable)
    : (
        await mintInvite(storage, secret, {
          planId: DEMO_PLAN_ID,
          role: "editor",
          days: START_LINK_DAYS,
          createdBy: SERVER_CREATOR,
          payRole: "admin",
        })
      ).token;
  return inviteUrl(baseUrl, DEMO_PLAN_ID, token);
}

/**
 * Reads demo-plan.json: `{ "name", "territories": [{ "key", "name",
 * "color" }], "assignments": { "<unit id>": "<territory key>" } }`.
 * Territory ids are `demo-<key>`, stable so that docs and tests can name them.
 */
export function readDemoPlan(file: string): NewPlan {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new DemoPlanError(
      `${file} is not readable JSON: ${(error as Error).message}.`,
    );
  }
  const { name, territories, assignments } = (json ?? {}) as Record<
    string,
    unknown
  >;
  if (typeof name !== "string" || name.trim() === "") {
    throw new DemoPlanError(`${file} has no "name" string.`);
  }
  if (!Array.isArray(territories)) {
    throw new DemoPlanError(`${file} has no "territories" array.`);
  }
  if (!assignments || typeof assignments !== "object") {
    throw new DemoPlanError(`${file} has no "assignments" object.`);
  }

  const ids = new Map<string, string>();
  const planTerritories = territories.map((entry, index) => {
    const territory = readTerritory(file, entry, index);
    if (ids.has(territory.key)) {
      throw new DemoPlanError(
        `${file}: territory key "${territory.key}" appears twice.`,
      );
    }
    ids.set(territory.key, `demo-${territory.key}`);
    return {
      id: `demo-${territory.key}`,
      name: territory.name,
      color: territory.color,
      parentId: null,
      ownerId: null,
      locked: false,
      kind: "territory" as const,
    };
  });

  const planAssignments = Object.entries(assignments).map(([unit, key]) => {
    const id = typeof key === "string" ? ids.get(key) : undefined;
    if (!id) {
      throw new DemoPlanError(
        `${file}: unit ${unit} is assigned to "${String(key)}", which is not a territory key.`,
      );
    }
    return [unit, id] as [string, string];
  });

  return {
    planId: DEMO_PLAN_ID,
    name: name.trim(),
    territories: planTerritories,
    assignments: planAssignments,
  };
}

function readTerritory(file: string, entry: unknown, index: number) {
  const { key, name, color } = (entry ?? {}) as Record<string, unknown>;
  const valid =
    typeof key === "string" &&
    /^[A-Za-z0-9_-]+$/.test(key) &&
    typeof name === "string" &&
    name.trim() !== "" &&
    typeof color === "string" &&
    /^#[0-9a-fA-F]{6}$/.test(color);
  if (!valid) {
    throw new DemoPlanError(
      `${file}: territory ${index} needs "key" (letters, digits, "_" or "-"), "name" and "color" as #rrggbb; it has ${JSON.stringify(entry)}.`,
    );
  }
  return { key, name: name.trim(), color };
}
