import { describe, expect, test } from "vitest";
import { PlanningDoc } from "../../model/doc/planning-doc.ts";
import {
  entryChange,
  settingChange,
  targetChange,
  type PlanningChange,
} from "../../model/doc/planning-edits.ts";
import { applyPlanningChanges } from "../../model/doc/planning-write.ts";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import { verifyToken } from "../../sync-server/tokens.ts";
import { useApiServer } from "./api-suite.ts";
import {
  nextEvent,
  synced,
  testToken,
  until,
  type TestClient,
} from "./helpers.ts";

const api = useApiServer();

const FALLBACK_YEAR = 2027;

/** Writes planning changes from a client as one edit and waits until the server stored them. */
async function editPlanning(
  client: TestClient,
  room: string,
  build: (planning: PlanningDoc) => PlanningChange[],
): Promise<void> {
  const stored = nextEvent<{ room: string }>(
    api.server.events,
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
  const editor = api.connect("demo", token);
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
    const ada = await api.joinDemo("editor", "Ada");

    const reply = await api.call("POST", "/api/plans/demo/scenarios", {
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
    const claims = await verifyToken(api.server.secret, reply.body.token);
    expect(claims).toMatchObject({
      sub: ada.person.id,
      plan: planId,
      role: "editor",
      kind: "person",
    });
    expect(api.server.storage.getPlan(planId)).toMatchObject({
      name: "Demo, more hires",
    });
    expect(api.server.storage.people.get(planId, ada.person.id)).toMatchObject({
      role: "editor",
      name: "Ada",
    });
  });

  test("client of the copy sees territories and planning", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    await seedDemoPlanning(ada.token);
    const source = loadPlanDoc(api.server.storage, "demo");
    const sourcePlanning = new PlanningDoc(source.doc).read(FALLBACK_YEAR);
    expect(sourcePlanning.targets).toHaveLength(2);
    expect(sourcePlanning.roles.map((role) => role.id)).toEqual(["ae"]);

    const reply = await api.call("POST", "/api/plans/demo/scenarios", {
      token: ada.token,
      body: { name: "Copy" },
    });
    const planId = reply.body.planId as string;
    const copy = api.connect(planId, reply.body.token);
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
    const ada = await api.joinDemo("editor", "Ada");
    const original = api.connect("demo", ada.token);
    await synced(original);
    const stored = nextEvent<{ room: string }>(
      api.server.events,
      "update-stored",
      (event) => event.room === "demo",
    );
    original.plan.assign(["06001"], "demo-east");
    await stored;

    const reply = await api.call("POST", "/api/plans/demo/scenarios", {
      token: ada.token,
      body: { name: "After the edit" },
    });
    const copy = api.connect(reply.body.planId, reply.body.token);
    await synced(copy);

    expect(copy.plan.territoryOf("06001")).toBe("demo-east");
  });

  test("edit in the copy does not reach the source", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    await seedDemoPlanning(ada.token);
    const reply = await api.call("POST", "/api/plans/demo/scenarios", {
      token: ada.token,
      body: { name: "Bigger Q1" },
    });
    const planId = reply.body.planId as string;
    const original = api.connect("demo", ada.token);
    const copy = api.connect(planId, reply.body.token);
    await Promise.all([synced(original), synced(copy)]);
    const key = "Enterprise\nFY2027-Q1";
    expect(new PlanningDoc(original.doc).targets.get(key)).toBe("6000000.00");

    await editPlanning(copy, planId, (planning) => [
      targetChange(planning, "Enterprise", "FY2027-Q1", "9999999.00"),
    ]);
    // A second client of the copy proves the edit reached the server.
    const second = api.connect(planId, reply.body.token);
    await synced(second);
    await until(
      second.doc,
      () => new PlanningDoc(second.doc).targets.get(key) === "9999999.00",
    );

    expect(new PlanningDoc(original.doc).targets.get(key)).toBe("6000000.00");
    const stillStored = loadPlanDoc(api.server.storage, "demo");
    expect(new PlanningDoc(stillStored.doc).targets.get(key)).toBe(
      "6000000.00",
    );
  });

  test.each(["reviewer", "viewer"] as const)(
    "%s of the plan gets 403",
    async (role) => {
      const rita = await api.joinDemo(role, "Rita");
      const before = api.server.storage.listPlans().length;

      const reply = await api.call("POST", "/api/plans/demo/scenarios", {
        token: rita.token,
        body: { name: "Not mine" },
      });

      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe("EDITOR_REQUIRED");
      expect(reply.body.error.message).toContain(role);
      expect(api.server.storage.listPlans()).toHaveLength(before);
    },
  );

  test("editor of another plan gets 403", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const other = await api.call("POST", "/api/plans", {
      token: ada.token,
      body: { name: "Other" },
    });

    const reply = await api.call("POST", "/api/plans/demo/scenarios", {
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
    const ada = await api.joinDemo("editor", "Ada");
    const before = api.server.storage.listPlans().length;

    const reply = await api.call("POST", "/api/plans/demo/scenarios", {
      token: ada.token,
      body,
    });

    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("PLAN_NAME_INVALID");
    expect(api.server.storage.listPlans()).toHaveLength(before);
  });

  test("unknown plan gets 404", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const reply = await api.call("POST", "/api/plans/nosuchplan/scenarios", {
      token: ada.token,
      body: { name: "Ghost" },
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe("PLAN_NOT_FOUND");
  });

  test("missing token gets 401", async () => {
    const reply = await api.call("POST", "/api/plans/demo/scenarios", {
      body: { name: "Anonymous" },
    });
    expect(reply.status).toBe(401);
  });

  test("invite token gets 401", async () => {
    const invite = await testToken("editor", { kind: "invite", name: "" });
    const reply = await api.call("POST", "/api/plans/demo/scenarios", {
      token: invite,
      body: { name: "X" },
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("INVITE_TOKEN");
  });
});
