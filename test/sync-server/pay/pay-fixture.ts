import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import { initPlan } from "../../../model/doc/init-plan.ts";
import {
  setCompPlan,
  setManager,
  setRate,
} from "../../../model/doc/incentives-edits.ts";
import type { RunningServer } from "../../../sync-server/server.ts";
import { testToken } from "../helpers.ts";

/** The plan of the pay tests: one territory, two account executives and their manager. */
export const PAY_PLAN = "payplan";
export const ANA = "rep-ana";
export const BEN = "rep-ben";
export const MIA = "rep-mia";
export const CREATOR = "person-creator";

/** The accounts dataset the plan names, uploaded to DATA_DIR/datasets. */
const ACCOUNTS = {
  accounts: [
    {
      id: "acct-1",
      name: "Acme",
      unitId: "01001",
      segment: "All",
      potential: "1000.00",
    },
    {
      id: "acct-2",
      name: "Bolt",
      unitId: "01003",
      segment: "All",
      potential: "3000.00",
    },
  ],
};

const role = (
  id: string,
  name: string,
  kind: "account executive" | "manager",
) => ({
  id,
  name,
  kind,
  onTargetEarnings: "200000.00",
  loadedCost: "250000.00",
  annualProductivity: kind === "manager" ? "0" : "1000000.00",
  rampPercents: ["100"],
  annualAttritionPercent: "0",
  backfillMonths: 1,
});

const quarter = (q: number) => ({
  segment: "All",
  period: `FY2027-Q${q}`,
  amount: "300000.00",
});

/**
 * Stores the pay plan with its creator as the first editor, the way a plan
 * created in the app starts. The comp plan pays 10% commission and a 500.00
 * bonus from 100% attainment. Each AE's monthly quota is 50,000.00 while
 * the company quota is 1,200,000.00.
 */
export function createPayPlan(server: RunningServer): void {
  const bytes = Buffer.from(JSON.stringify(ACCOUNTS));
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const uploads = path.join(server.config.dataDir, "datasets");
  fs.mkdirSync(uploads, { recursive: true });
  fs.writeFileSync(path.join(uploads, `${sha256}.json`), bytes);

  const doc = new Y.Doc();
  initPlan(doc, {
    planId: PAY_PLAN,
    name: "Pay test plan",
    currency: "USD",
    datasets: { accounts: sha256 },
    territories: [
      {
        id: "t-south",
        name: "South",
        color: "#1f77b4",
        parentId: null,
        ownerId: null,
        locked: false,
        kind: "territory",
      },
    ],
    assignments: [
      ["01001", "t-south"],
      ["01003", "t-south"],
    ],
    planning: {
      fiscalStartMonth: 1,
      fiscalYear: 2027,
      targets: [1, 2, 3, 4].map(quarter),
      roles: [
        role("role-ae", "Account executive", "account executive"),
        role("role-mgr", "Manager", "manager"),
      ],
      reps: [
        {
          id: ANA,
          name: "Ana Ribeiro",
          roleId: "role-ae",
          startDate: "2020-01-06",
          territoryId: "t-south",
        },
        {
          id: BEN,
          name: "Ben Okafor",
          roleId: "role-ae",
          startDate: "2021-03-01",
          territoryId: "t-south",
        },
        {
          id: MIA,
          name: "Mia Lind",
          roleId: "role-mgr",
          startDate: "2019-05-01",
          territoryId: null,
        },
      ],
      quota: {
        companyQuota: "1200000.00",
        levels: {
          region: { method: "even", overAssignmentPercent: "0" },
          territory: { method: "even", overAssignmentPercent: "0" },
          rep: { method: "even", overAssignmentPercent: "0" },
        },
      },
    },
  });
  setCompPlan(doc, {
    id: "cp-ae",
    name: "AE plan",
    roleIds: ["role-ae"],
    plan: {
      components: [
        {
          id: "commission",
          type: "commission",
          label: "Commission",
          rate: "0.1",
        },
        {
          id: "bonus",
          type: "bonus",
          label: "Quota bonus",
          threshold: "1",
          amount: "500.00",
        },
      ],
    },
  });
  setRate(doc, {
    id: "rate-eur",
    currency: "EUR",
    effectiveFrom: "2026-01-01",
    rate: "1.10",
  });
  setManager(doc, BEN, MIA);

  server.storage.createPlan(
    { id: PAY_PLAN, name: "Pay test plan" },
    Y.encodeStateAsUpdate(doc),
    () =>
      server.storage.people.insert({
        planId: PAY_PLAN,
        personId: CREATOR,
        name: "Cora Admin",
        role: "editor",
        inviteId: null,
        joinedAt: Date.now(),
      }),
  );
  doc.destroy();
}

/** Person token of the plan's creator, as creating the plan returns it. */
export function creatorToken(): Promise<string> {
  return testToken("editor", {
    plan: PAY_PLAN,
    sub: CREATOR,
    name: "Cora Admin",
  });
}

/**
 * Deals of January 2027: Ana 60,000 USD, Ben 20,000 EUR and 10,000 USD,
 * each credited whole to its owner through a split.
 */
export const JANUARY_DEALS = [
  "id,account,amount,currency,close_date,product,owner,splits",
  "d-ana-1,acct-1,60000.00,USD,2027-01-15,Platform,rep-ana,rep-ana:100",
  "d-ben-1,acct-2,20000.00,EUR,2027-01-20,Platform,rep-ben,rep-ben:100",
  "d-ben-2,acct-2,10000.00,USD,2027-01-22,Analytics,rep-ben,rep-ben:100",
].join("\n");

/** A JSON reply: status and parsed body. */
export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Sends a request to the server with an optional person token and JSON body. */
export async function call(
  server: RunningServer,
  method: string,
  pathname: string,
  options: { token?: string; body?: unknown; rawBody?: string } = {},
): Promise<Reply> {
  const response = await send(server, method, pathname, options);
  return { status: response.status, body: await response.json() };
}

/** Sends a request and returns the fetch Response, for replies that are not JSON. */
export function send(
  server: RunningServer,
  method: string,
  pathname: string,
  options: { token?: string; body?: unknown; rawBody?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body =
    options.rawBody ??
    (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${server.url}${pathname}`, { method, headers, body });
}

/** Joins with an invite link's token and returns the person token and id. */
export async function joinWithLink(
  server: RunningServer,
  url: string,
  name: string,
): Promise<{ token: string; personId: string }> {
  const token = new URL(url).searchParams.get("token");
  const reply = await call(server, "POST", "/api/join", {
    body: { token, name },
  });
  if (reply.status !== 200) {
    throw new Error(`Join failed: ${JSON.stringify(reply.body)}`);
  }
  return { token: reply.body.token, personId: reply.body.person.id };
}

/** The plan's creator and one person per rep, each joined with a personal invite. */
export interface PayTeam {
  admin: string;
  ana: string;
  ben: string;
  mia: string;
}

/** Creates the pay plan and lets Ana, Ben and Mia join with personal invites. */
export async function payTeam(server: RunningServer): Promise<PayTeam> {
  createPayPlan(server);
  const admin = await creatorToken();
  const join = async (repId: string, name: string) => {
    const invite = await call(
      server,
      "POST",
      `/api/plans/${PAY_PLAN}/pay/invites`,
      {
        token: admin,
        body: { repId },
      },
    );
    if (invite.status !== 201) {
      throw new Error(`Invite failed: ${JSON.stringify(invite.body)}`);
    }
    return (await joinWithLink(server, invite.body.url, name)).token;
  };
  return {
    admin,
    ana: await join(ANA, "Ana"),
    ben: await join(BEN, "Ben"),
    mia: await join(MIA, "Mia"),
  };
}

/** Imports the January deals as the administrator. */
export async function importJanuaryDeals(
  server: RunningServer,
  admin: string,
): Promise<void> {
  const reply = await call(server, "POST", `/api/plans/${PAY_PLAN}/pay/deals`, {
    token: admin,
    body: { csv: JANUARY_DEALS },
  });
  if (reply.status !== 200) {
    throw new Error(`Import failed: ${JSON.stringify(reply.body)}`);
  }
}

/** Returns the pay API path of the test plan. */
export function payPath(rest: string): string {
  return `/api/plans/${PAY_PLAN}/pay${rest}`;
}
