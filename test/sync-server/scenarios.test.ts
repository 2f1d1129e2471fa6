import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { PlanningDoc } from "../../model/doc/planning-doc.ts";
import {
  entryChange,
  settingChange,
  targetChange,
  type PlanningChange,
} from "../../model/doc/planning-edits.ts";
import { applyPlanningChanges } from "../../model/doc/planning-write.ts";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import { verifyToken } from "../../sync-server/tokens.ts";
import {
  connectClient,
  createFixture,
  nextEvent,
  startTestServer,
  synced,
  testToken,
  until,
  type Fixture,
  type TestClient,
} from "./helpers.ts";

let fixture: Fixture;
let server: RunningServer;
const clients: TestClient[] = [];

beforeEach(async () => {
  fixture = createFixture();
  server = await startTestServer(fixture);
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
  fixture.remove();
});

interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function call(
  method: string,
  pathname: string,
  options: { token?: string; body?: unknown } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${server.url}${pathname}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, body: await response.json() };
}

/** Joins the demo plan through its start link for `role`. */
async function demoPerson(
  role: "editor" | "reviewer" | "viewer",
  name: string,
): Promise<{ token: string; person: { id: string; name: string } }> {
  const links = await server.demoLinks();
  const url = links.find((link) => link.role === role)!.url;
  const token = new URL(url).searchParams.get("token");
  const reply = await call("POST", "/api/join", { body: { token, name } });
  expect(reply.status).toBe(200);
  return reply.body;
}

function connect(planId: string, token: string): TestClient {
  const client = connectClient(server, planId, token);
  clients.push(client);
  return client;
}

const FALLBACK_YEAR = 2027;

/** Writes planning changes from a client as one edit and waits until the server stored them. */
async function editPlanning(
  client: TestClient,
  room: string,
  build: (planning: PlanningDoc) => PlanningChange[],
): Promise<void> {
  const stored = nextEvent<{ room: string }>(
    server.events,
    "update-stored",
    (event) => event.room === room,
  );
  const planning = new PlanningDoc(client.doc);
  applyPlanningChanges(planning, build(planning), {
    personId: "person-test",
    name: "Test",
    at: new Date().toISOString(),
    fallbackYear: FALLBACK_YEAR,
  });
  await stored;
}

/**
 * Gives the demo plan planning inputs through an editor's client, so the
 * copy must take them from the room's stored updates.
 */
async function seedDemoPlanning(token: string): Promise<void> {
  const editor = connect("demo", token);
  await synced(editor);
  await editPlanning(editor, "demo", (planning) => [
    settingChange(planning, "fiscalYear", FALLBACK_YEAR),
    targetChange(planning, "Enterprise", "FY2027-Q1", "6000000.00"),
    targetChange(planning, "Enterprise", "FY2027-Q2", "6500000.00"),
    entryChange(planning, "roles", "ae", {
      id: "ae",
      name: "Account executive",
      kind: "account executive",
      onTargetEarnings: "200000.00",
      loadedCost: "240000.00",
      annualProductivity: "1200000.00",
      rampPercents: ["50", "100"],
      annualAttritionPercent: "10",
      backfillMonths: 2,
    }),
  ]);
}

describe("POST /api/plans/<planId>/scenarios", () => {
  test("copies the plan for the same person", async () => {
    const ada = await demoPerson("editor", "Ada");

    const reply = await call("POST", "/api/plans/demo/scenarios", {
      token: ada.token,
      body: { name: "  Demo, more hires  " },
    });

    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      name: "Demo, more hires",
      scenarioOf: "demo",
      role: "editor",
      person: { id: ada.person.id, name: "Ada" },
    });
    const planId = reply.body.planId as string;
    expect(planId).toMatch(/^[a-z0-9]{10}$/);
    const claims = await verifyToken(server.secret, reply.body.token);
    expect(claims).toMatchObject({
      sub: ada.person.id,
      plan: planId,
      role: "editor",
      kind: "person",
    });
    expect(server.storage.getPlan(planId)).toMatchObject({
      name: "Demo, more hires",
    });
    expect(server.storage.people.get(planId, ada.person.id)).toMatchObject({
      role: "editor",
      name: "Ada",
    });
  });

  test("client of the copy sees territories and planning", async () => {
    const ada = await demoPerson("editor", "Ada");
    await seedDemoPlanning(ada.token);
    const source = loadPlanDoc(server.storage, "demo");
    const sourcePlanning = new PlanningDoc(source.doc).read(FALLBACK_YEAR);
    expect(sourcePlanning.targets).toHaveLength(2);
    expect(sourcePlanning.roles.map((role) => role.id)).toEqual(["ae"]);

    const reply = await call("POST", "/api/plans/demo/scenarios", {
      token: ada.token,
      body: { name: "Copy" },
    });
    const planId = reply.body.planId as string;
    const copy = connect(planId, reply.body.token);
    await synced(copy);

    expect(copy.plan.readMeta()).toMatchObject({
      planId,
      name: "Copy",
      scenarioOf: "demo",
      datasets: source.readMeta().datasets,
    });
    expect(copy.plan.readTerritories()).toEqual(source.readTerritories());
    expect(copy.plan.readAssignments()).toEqual(source.readAssignments());
    expect(new PlanningDoc(copy.doc).read(FALLBACK_YEAR)).toEqual(
      sourcePlanning,
    );
    expect(source.readMeta().scenarioOf).toBeNull();
  });

  test("copy includes edits the source room holds", async () => {
    const ada = await demoPerson("editor", "Ada");
    const original = connect("demo", ada.token);
    await synced(original);
    const stored = nextEvent<{ room: string }>(
      server.events,
      "update-stored",
      (event) => event.room === "demo",
    );
    original.plan.assign(["06001"], "demo-east");
    await stored;

    const reply = await call("POST", "/api/plans/demo/scenarios", {
      token: ada.token,
      body: { name: "After the edit" },
    });
    const copy = connect(reply.body.planId, reply.body.token);
    await synced(copy);

    expect(copy.plan.territoryOf("06001")).toBe("demo-east");
  });

  test("edit in the copy does not reach the source", async () => {
    const ada = await demoPerson("editor", "Ada");
    await seedDemoPlanning(ada.token);
    const reply = await call("POST", "/api/plans/demo/scenarios", {
      token: ada.token,
      body: { name: "Bigger Q1" },
    });
    const planId = reply.body.planId as string;
    const original = connect("demo", ada.token);
    const copy = connect(planId, reply.body.token);
    await Promise.all([synced(original), synced(copy)]);
    const key = "Enterprise\nFY2027-Q1";
    expect(new PlanningDoc(original.doc).targets.get(key)).toBe("6000000.00");

    await editPlanning(copy, planId, (planning) => [
      targetChange(planning, "Enterprise", "FY2027-Q1", "9999999.00"),
    ]);
    // A second client of the copy proves the edit reached the server.
    const second = connect(planId, reply.body.token);
    await synced(second);
    await until(
      second.doc,
      () => new PlanningDoc(second.doc).targets.get(key) === "9999999.00",
    );

    expect(new PlanningDoc(original.doc).targets.get(key)).toBe("6000000.00");
    const stillStored = loadPlanDoc(server.storage, "demo");
    expect(new PlanningDoc(stillStored.doc).targets.get(key)).toBe(
      "6000000.00",
    );
  });

  test.each(["reviewer", "viewer"] as const)(
    "%s of the plan gets 403",
    async (role) => {
      const rita = await demoPerson(role, "Rita");
      const before = server.storage.listPlans().length;

      const reply = await call("POST", "/api/plans/demo/scenarios", {
        token: rita.token,
        body: { name: "Not mine" },
      });

      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe("EDITOR_REQUIRED");
      expect(reply.body.error.message).toContain(role);
      expect(server.storage.listPlans()).toHaveLength(before);
    },
  );

  test("editor of another plan gets 403", async () => {
    const ada = await demoPerson("editor", "Ada");
    const other = await call("POST", "/api/plans", {
      token: ada.token,
      body: { name: "Other" },
    });

    const reply = await call("POST", "/api/plans/demo/scenarios", {
      token: other.body.token,
      body: { name: "Wrong token" },
    });

    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("WRONG_PLAN");
  });

  test.each([
    ["missing", {}],
    ["blank", { name: "   " }],
    ["too long", { name: "x".repeat(101) }],
    ["a line break", { name: "Q3\nWest" }],
    ["not a string", { name: 7 }],
  ])("name that is %s gets 400", async (_case, body) => {
    const ada = await demoPerson("editor", "Ada");
    const before = server.storage.listPlans().length;

    const reply = await call("POST", "/api/plans/demo/scenarios", {
      token: ada.token,
      body,
    });

    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("PLAN_NAME_INVALID");
    expect(server.storage.listPlans()).toHaveLength(before);
  });

  test("unknown plan gets 404", async () => {
    const ada = await demoPerson("editor", "Ada");
    const reply = await call("POST", "/api/plans/nosuchplan/scenarios", {
      token: ada.token,
      body: { name: "Ghost" },
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe("PLAN_NOT_FOUND");
  });

  test("missing token gets 401", async () => {
    const reply = await call("POST", "/api/plans/demo/scenarios", {
      body: { name: "Anonymous" },
    });
    expect(reply.status).toBe(401);
  });

  test("invite token gets 401", async () => {
    const invite = await testToken("editor", { kind: "invite", name: "" });
    const reply = await call("POST", "/api/plans/demo/scenarios", {
      token: invite,
      body: { name: "X" },
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("INVITE_TOKEN");
  });
});
