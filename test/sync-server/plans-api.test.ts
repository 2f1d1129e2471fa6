import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import { verifyToken } from "../../sync-server/tokens.ts";
import {
  connectClient,
  createFixture,
  GEOMETRY_SHA256,
  startTestServer,
  synced,
  testToken,
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

/** Sends one API request with an optional Bearer token and JSON body. */
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

describe("POST /api/plans", () => {
  test("creates an empty plan for the same person", async () => {
    const ada = await demoPerson("editor", "Ada");

    const reply = await call("POST", "/api/plans", {
      token: ada.token,
      body: { name: "  Q3 West  " },
    });

    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      name: "Q3 West",
      role: "editor",
      person: { id: ada.person.id, name: "Ada" },
    });
    const planId = reply.body.planId as string;
    expect(planId).toMatch(/^[a-z0-9]{10}$/);
    const claims = await verifyToken(server.secret, reply.body.token);
    expect(claims).toMatchObject({
      sub: ada.person.id,
      name: "Ada",
      plan: planId,
      role: "editor",
      kind: "person",
    });
    expect(claims.invite).toBeUndefined();
    expect(claims.exp - Date.now() / 1000).toBeGreaterThan(29.9 * 86_400);
    expect(server.storage.getPlan(planId)).toMatchObject({ name: "Q3 West" });
  });

  test("new plan has the datasets and no territories", async () => {
    const ada = await demoPerson("editor", "Ada");
    const reply = await call("POST", "/api/plans", {
      token: ada.token,
      body: { name: "Empty" },
    });
    const planId = reply.body.planId as string;

    const plan = loadPlanDoc(server.storage, planId);
    expect(plan.readMeta()).toMatchObject({
      planId,
      name: "Empty",
      datasets: { geometry: GEOMETRY_SHA256 },
    });
    expect(plan.readTerritories()).toEqual([]);
    expect([...plan.readAssignments()]).toEqual([]);

    const client = connectClient(server, planId, reply.body.token);
    clients.push(client);
    await synced(client);
    expect(client.plan.readMeta().name).toBe("Empty");
    expect(client.plan.readTerritories()).toEqual([]);
  });

  test("creator is the first editor in the people list", async () => {
    const ada = await demoPerson("editor", "Ada");
    const created = await call("POST", "/api/plans", {
      token: ada.token,
      body: { name: "Mine" },
    });

    const people = await call(
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
    const invites = await call(
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
      const rita = await demoPerson(role, "Rita");
      const before = server.storage.listPlans().length;

      const reply = await call("POST", "/api/plans", {
        token: rita.token,
        body: { name: "Not mine" },
      });

      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe("EDITOR_REQUIRED");
      expect(reply.body.error.message).toContain(role);
      expect(server.storage.listPlans()).toHaveLength(before);
    },
  );

  test.each([
    ["missing", {}],
    ["blank", { name: "   " }],
    ["too long", { name: "x".repeat(101) }],
    ["a line break", { name: "Q3\nWest" }],
    ["not a string", { name: 7 }],
  ])("name that is %s gets 400", async (_case, body) => {
    const ada = await demoPerson("editor", "Ada");
    const reply = await call("POST", "/api/plans", { token: ada.token, body });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("PLAN_NAME_INVALID");
  });

  test("invite token gets 401", async () => {
    const invite = await testToken("editor", { kind: "invite", name: "" });
    const reply = await call("POST", "/api/plans", {
      token: invite,
      body: { name: "X" },
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("INVITE_TOKEN");
  });

  test("missing manifest gets 503", async () => {
    const ada = await demoPerson("editor", "Ada");
    fs.rmSync(path.join(fixture.publicDataDir, "manifest.json"));
    const reply = await call("POST", "/api/plans", {
      token: ada.token,
      body: { name: "No map" },
    });
    expect(reply.status).toBe(503);
    expect(reply.body.error.code).toBe("DATASETS_MISSING");
  });
});

describe("GET /api/plans", () => {
  test("lists the person's plans with names and roles", async () => {
    const ada = await demoPerson("editor", "Ada");
    const created = await call("POST", "/api/plans", {
      token: ada.token,
      body: { name: "Alpha" },
    });

    const reply = await call("GET", "/api/plans", {
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
    const ada = await demoPerson("editor", "Ada");
    const grace = await demoPerson("editor", "Grace");
    const alpha = await call("POST", "/api/plans", {
      token: ada.token,
      body: { name: "Alpha" },
    });
    const graces = await call("POST", "/api/plans", {
      token: grace.token,
      body: { name: "Grace's" },
    });
    await call("DELETE", `/api/plans/demo/people/${grace.person.id}`, {
      token: ada.token,
    });

    const reply = await call("GET", "/api/plans", {
      token: graces.body.token,
    });

    expect(reply.body.plans.map((plan: { id: string }) => plan.id)).toEqual([
      graces.body.planId,
    ]);
    expect(alpha.status).toBe(201);
  });

  test("a reviewer sees their plan", async () => {
    const rita = await demoPerson("reviewer", "Rita");
    const reply = await call("GET", "/api/plans", { token: rita.token });
    expect(reply.body.plans).toEqual([
      expect.objectContaining({ id: "demo", role: "reviewer" }),
    ]);
  });
});

describe("POST /api/plans/<planId>/session", () => {
  test("returns a token for another plan of the person", async () => {
    const ada = await demoPerson("editor", "Ada");
    const created = await call("POST", "/api/plans", {
      token: ada.token,
      body: { name: "Alpha" },
    });

    const reply = await call(
      "POST",
      `/api/plans/${created.body.planId}/session`,
      {
        token: ada.token,
      },
    );

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      planId: created.body.planId,
      role: "editor",
      person: { id: ada.person.id },
    });
    const claims = await verifyToken(server.secret, reply.body.token);
    expect(claims.plan).toBe(created.body.planId);
  });

  test("non-member gets 403", async () => {
    const ada = await demoPerson("editor", "Ada");
    const grace = await demoPerson("editor", "Grace");
    const created = await call("POST", "/api/plans", {
      token: ada.token,
      body: { name: "Alpha" },
    });

    const reply = await call(
      "POST",
      `/api/plans/${created.body.planId}/session`,
      {
        token: grace.token,
      },
    );

    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("NOT_A_MEMBER");
    expect(reply.body.error.message).toContain(created.body.planId);
  });
});

describe("PATCH /api/session", () => {
  test("renames the person and returns a new token", async () => {
    const ada = await demoPerson("editor", "Ada");
    const before = await verifyToken(server.secret, ada.token);

    const reply = await call("PATCH", "/api/session", {
      token: ada.token,
      body: { name: " Ada Lovelace " },
    });

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      planId: "demo",
      role: "editor",
      person: { id: ada.person.id, name: "Ada Lovelace" },
    });
    const after = await verifyToken(server.secret, reply.body.token);
    expect(after).toMatchObject({
      sub: ada.person.id,
      name: "Ada Lovelace",
      plan: "demo",
      role: "editor",
      exp: before.exp,
      invite: before.invite,
    });

    const session = await call("GET", "/api/session", { token: ada.token });
    expect(session.body.person.name).toBe("Ada Lovelace");
    const people = await call("GET", "/api/plans/demo/people", {
      token: reply.body.token,
    });
    expect(people.body.people[0].name).toBe("Ada Lovelace");
  });

  test("renames the person in every plan", async () => {
    const ada = await demoPerson("editor", "Ada");
    const created = await call("POST", "/api/plans", {
      token: ada.token,
      body: { name: "Alpha" },
    });

    await call("PATCH", "/api/session", {
      token: ada.token,
      body: { name: "Countess" },
    });

    const people = await call(
      "GET",
      `/api/plans/${created.body.planId}/people`,
      { token: created.body.token },
    );
    expect(people.body.people[0].name).toBe("Countess");
  });

  test("invalid name gets 400 and keeps the old one", async () => {
    const ada = await demoPerson("editor", "Ada");
    const reply = await call("PATCH", "/api/session", {
      token: ada.token,
      body: { name: "" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("NAME_INVALID");
    const session = await call("GET", "/api/session", { token: ada.token });
    expect(session.body.person.name).toBe("Ada");
  });

  test("invite token gets 401", async () => {
    const invite = await testToken("editor", { kind: "invite", name: "" });
    const reply = await call("PATCH", "/api/session", {
      token: invite,
      body: { name: "Ada" },
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("INVITE_TOKEN");
  });
});
