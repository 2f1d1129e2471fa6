import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import { verifyToken } from "../../sync-server/tokens.ts";
import { useApiServer } from "./api-suite.ts";
import { GEOMETRY_SHA256, testToken } from "./helpers.ts";
import type { Reply } from "./plan-api.ts";

const api = useApiServer();

/** Creates a plan named `name` as the person with `token`. */
function createPlan(token: string, name: string): Promise<Reply> {
  return api.call("POST", "/api/plans", { token, body: { name } });
}

/** Requests a token for `planId` with the person token `token`. */
function openSession(planId: string, token: string): Promise<Reply> {
  return api.call("POST", `/api/plans/${planId}/session`, { token });
}

describe("POST /api/plans", () => {
  test("creates an empty plan for the same person", async () => {
    const ada = await api.joinDemo("editor", "Ada");

    const reply = await createPlan(ada.token, "  Q3 West  ");

    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      name: "Q3 West",
      role: "editor",
      person: { id: ada.person.id, name: "Ada" },
    });
    const planId = reply.body.planId as string;
    expect(planId).toMatch(/^[a-z0-9]{10}$/);
    const claims = await verifyToken(api.server.secret, reply.body.token);
    expect(claims).toMatchObject({
      sub: ada.person.id,
      name: "Ada",
      plan: planId,
      role: "editor",
      kind: "person",
    });
    expect(claims.invite).toBeUndefined();
    expect(claims.exp - Date.now() / 1000).toBeGreaterThan(29.9 * 86_400);
    expect(api.server.storage.getPlan(planId)).toMatchObject({
      name: "Q3 West",
    });
  });

  test("new plan has the datasets and no territories", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const reply = await createPlan(ada.token, "Empty");
    const planId = reply.body.planId as string;

    const plan = loadPlanDoc(api.server.storage, planId);
    expect(plan.readMeta()).toMatchObject({
      planId,
      name: "Empty",
      datasets: { geometry: GEOMETRY_SHA256 },
    });
    expect(plan.readTerritories()).toEqual([]);
    expect([...plan.readAssignments()]).toEqual([]);

    const client = await api.connectSynced(planId, reply.body.token);
    expect(client.plan.readMeta().name).toBe("Empty");
    expect(client.plan.readTerritories()).toEqual([]);
  });

  test("creator is the first editor in the people list", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const created = await createPlan(ada.token, "Mine");

    const people = await api.call(
      "GET",
      `/api/plans/${created.body.planId}/people`,
      { token: created.body.token },
    );

    expect(people.body.people).toEqual([
      expect.objectContaining({
        id: ada.person.id,
        name: "Ada",
        role: "editor",
      }),
    ]);
    const invites = await api.call(
      "GET",
      `/api/plans/${created.body.planId}/invites`,
      { token: created.body.token },
    );
    expect(invites.status).toBe(200);
    expect(invites.body.invites).toEqual([]);
  });

  test.each(["reviewer", "viewer"] as const)(
    "%s of every plan gets 403",
    async (role) => {
      const rita = await api.joinDemo(role, "Rita");
      const before = api.server.storage.listPlans().length;

      const reply = await createPlan(rita.token, "Not mine");

      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe("EDITOR_REQUIRED");
      expect(reply.body.error.message).toContain(role);
      expect(api.server.storage.listPlans()).toHaveLength(before);
    },
  );

  test.each([
    ["missing", {}],
    ["blank", { name: "   " }],
    ["too long", { name: "x".repeat(101) }],
    ["a line break", { name: "Q3\nWest" }],
    ["not a string", { name: 7 }],
  ])("name that is %s gets 400", async (_case, body) => {
    const ada = await api.joinDemo("editor", "Ada");
    const reply = await api.call("POST", "/api/plans", {
      token: ada.token,
      body,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("PLAN_NAME_INVALID");
  });

  test("invite token gets 401", async () => {
    const invite = await testToken("editor", { kind: "invite", name: "" });
    const reply = await createPlan(invite, "X");
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("INVITE_TOKEN");
  });

  test("missing manifest gets 503", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    fs.rmSync(path.join(api.fixture.publicDataDir, "manifest.json"));
    const reply = await createPlan(ada.token, "No map");
    expect(reply.status).toBe(503);
    expect(reply.body.error.code).toBe("DATASETS_MISSING");
  });
});

describe("GET /api/plans", () => {
  test("lists the person's plans with names and roles", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const created = await createPlan(ada.token, "Alpha");

    const reply = await api.call("GET", "/api/plans", {
      token: created.body.token,
    });

    expect(reply.status).toBe(200);
    expect(
      reply.body.plans.map(
        (plan: { id: string; name: string; role: string }) => [
          plan.id,
          plan.name,
          plan.role,
        ],
      ),
    ).toEqual([
      [created.body.planId, "Alpha", "editor"],
      ["demo", "Fixture demo", "editor"],
    ]);
    expect(Date.parse(reply.body.plans[0].joinedAt)).not.toBeNaN();
    expect(Date.parse(reply.body.plans[0].createdAt)).not.toBeNaN();
  });

  test("leaves out plans of other people and removals", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const grace = await api.joinDemo("editor", "Grace");
    const alpha = await createPlan(ada.token, "Alpha");
    const graces = await createPlan(grace.token, "Grace's");
    await api.call("DELETE", `/api/plans/demo/people/${grace.person.id}`, {
      token: ada.token,
    });

    const reply = await api.call("GET", "/api/plans", {
      token: graces.body.token,
    });

    expect(reply.body.plans.map((plan: { id: string }) => plan.id)).toEqual([
      graces.body.planId,
    ]);
    expect(alpha.status).toBe(201);
  });

  test("a reviewer sees their plan", async () => {
    const rita = await api.joinDemo("reviewer", "Rita");
    const reply = await api.call("GET", "/api/plans", { token: rita.token });
    expect(reply.body.plans).toEqual([
      expect.objectContaining({ id: "demo", role: "reviewer" }),
    ]);
  });
});

describe("POST /api/plans/<planId>/session", () => {
  test("returns a token for another plan of the person", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const created = await createPlan(ada.token, "Alpha");

    const reply = await openSession(created.body.planId, ada.token);

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      planId: created.body.planId,
      role: "editor",
      person: { id: ada.person.id },
    });
    const claims = await verifyToken(api.server.secret, reply.body.token);
    expect(claims.plan).toBe(created.body.planId);
  });

  test("non-member gets 403", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const grace = await api.joinDemo("editor", "Grace");
    const created = await createPlan(ada.token, "Alpha");

    const reply = await openSession(created.body.planId, grace.token);

    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("NOT_A_MEMBER");
    expect(reply.body.error.message).toContain(created.body.planId);
  });
});

describe("PATCH /api/session", () => {
  test("renames the person and returns a new token", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const before = await verifyToken(api.server.secret, ada.token);

    const reply = await api.call("PATCH", "/api/session", {
      token: ada.token,
      body: { name: " Ada Lovelace " },
    });

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      planId: "demo",
      role: "editor",
      person: { id: ada.person.id, name: "Ada Lovelace" },
    });
    const after = await verifyToken(api.server.secret, reply.body.token);
    expect(after).toMatchObject({
      sub: ada.person.id,
      name: "Ada Lovelace",
      plan: "demo",
      role: "editor",
      exp: before.exp,
      invite: before.invite,
    });

    const session = await api.call("GET", "/api/session", { token: ada.token });
    expect(session.body.person.name).toBe("Ada Lovelace");
    const people = await api.call("GET", "/api/plans/demo/people", {
      token: reply.body.token,
    });
    expect(people.body.people[0].name).toBe("Ada Lovelace");
  });

  test("renames the person in every plan", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const created = await createPlan(ada.token, "Alpha");

    await api.call("PATCH", "/api/session", {
      token: ada.token,
      body: { name: "Countess" },
    });

    const people = await api.call(
      "GET",
      `/api/plans/${created.body.planId}/people`,
      { token: created.body.token },
    );
    expect(people.body.people[0].name).toBe("Countess");
  });

  test("invalid name gets 400 and keeps the old one", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const reply = await api.call("PATCH", "/api/session", {
      token: ada.token,
      body: { name: "" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("NAME_INVALID");
    const session = await api.call("GET", "/api/session", { token: ada.token });
    expect(session.body.person.name).toBe("Ada");
  });

  test("invite token gets 401", async () => {
    const invite = await testToken("editor", { kind: "invite", name: "" });
    const reply = await api.call("PATCH", "/api/session", {
      token: invite,
      body: { name: "Ada" },
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("INVITE_TOKEN");
  });
});
