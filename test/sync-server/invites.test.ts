import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import { createPlan } from "../../sync-server/plans.ts";
import { Storage, StorageError } from "../../sync-server/storage.ts";
import { signInvite, verifyToken } from "../../sync-server/tokens.ts";
import { useApiServer } from "./api-suite.ts";
import { testToken, type RawClient } from "./helpers.ts";

const api = useApiServer();

/** Opens a raw socket and resolves once the server has admitted it. */
async function openSocket(room: string, token: string): Promise<RawClient> {
  const socket = api.rawClient(room, token);
  await socket.firstMessage;
  return socket;
}

function tokenOf(url: string): string {
  return new URL(url).searchParams.get("token")!;
}

describe("invite links", () => {
  test("editor mints a link that the list shows", async () => {
    const ada = await api.joinDemo("editor", "Ada");

    const minted = await api.call("POST", "/api/plans/demo/invites", {
      token: ada.token,
      body: { role: "reviewer", days: 7 },
    });

    expect(minted.status).toBe(201);
    expect(Object.keys(minted.body).sort()).toEqual([
      "expiresAt",
      "id",
      "role",
      "url",
    ]);
    expect(minted.body.role).toBe("reviewer");
    const url = new URL(minted.body.url);
    expect(url.origin).toBe(api.server.url);
    expect(url.searchParams.get("plan")).toBe("demo");
    const claims = await verifyToken(
      api.server.secret,
      tokenOf(minted.body.url),
    );
    expect(claims).toMatchObject({
      sub: minted.body.id,
      plan: "demo",
      role: "reviewer",
      kind: "invite",
    });
    expect(claims.exp - claims.iat).toBe(7 * 86_400);
    expect(Date.parse(minted.body.expiresAt)).toBe(claims.exp * 1000);

    const listed = await api.call("GET", "/api/plans/demo/invites", {
      token: ada.token,
    });
    expect(listed.status).toBe(200);
    const entry = listed.body.invites.find(
      (invite: { id: string }) => invite.id === minted.body.id,
    );
    expect(entry).toMatchObject({
      role: "reviewer",
      createdBy: ada.person.id,
      createdByName: "Ada",
      expiresAt: minted.body.expiresAt,
      url: minted.body.url,
    });
  });

  test("start links are recorded as made by the server", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const links = await api.server.demoLinks();

    const listed = await api.call("GET", "/api/plans/demo/invites", {
      token: ada.token,
    });

    const listedUrls = listed.body.invites.map(
      (invite: { url: string }) => invite.url,
    );
    for (const link of links) {
      const url = new URL(link.url);
      url.host = new URL(api.server.url).host;
      expect(listedUrls).toContain(url.toString());
    }
    const byServer = listed.body.invites.filter(
      (invite: { createdBy: string }) => invite.createdBy === "server",
    );
    expect(byServer.length).toBeGreaterThanOrEqual(3);
    expect(byServer[0].createdByName).toBeNull();
  });

  test("rejects an invalid role or lifetime", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const cases: [unknown, string][] = [
      [{ role: "owner" }, "ROLE_INVALID"],
      [{}, "ROLE_INVALID"],
      [{ role: "viewer", days: 0 }, "DAYS_INVALID"],
      [{ role: "viewer", days: 3651 }, "DAYS_INVALID"],
      [{ role: "viewer", days: 1.5 }, "DAYS_INVALID"],
      [{ role: "viewer", days: "7" }, "DAYS_INVALID"],
    ];
    for (const [body, code] of cases) {
      const reply = await api.call("POST", "/api/plans/demo/invites", {
        token: ada.token,
        body,
      });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code, JSON.stringify(body)).toBe(code);
    }
    const role = await api.call("POST", "/api/plans/demo/invites", {
      token: ada.token,
      body: { role: "owner" },
    });
    expect(role.body.error.message).toContain('"owner"');
  });

  test("days default to 30", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const minted = await api.call("POST", "/api/plans/demo/invites", {
      token: ada.token,
      body: { role: "viewer" },
    });
    const claims = await verifyToken(
      api.server.secret,
      tokenOf(minted.body.url),
    );
    expect(claims.exp - claims.iat).toBe(30 * 86_400);
  });
});

describe("revoking an invite", () => {
  test("rejects joins and closes its sockets", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const minted = await api.call("POST", "/api/plans/demo/invites", {
      token: ada.token,
      body: { role: "editor" },
    });
    const invite = tokenOf(minted.body.url);
    const grace = await api.joinWithInvite(invite, "Grace");
    const graceSocket = await openSocket("demo", grace.token);
    const linkSocket = await openSocket("demo", invite);
    const linkReviewSocket = await openSocket("demo.review", invite);

    const revoked = await api.call(
      "DELETE",
      `/api/plans/demo/invites/${minted.body.id}`,
      { token: ada.token },
    );

    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      id: minted.body.id,
      closedConnections: 2,
    });
    const closed = await linkSocket.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/revoked/);
    expect((await linkReviewSocket.closed).code).toBe(4403);
    expect(graceSocket.ws.readyState).toBe(graceSocket.ws.OPEN);

    const rejoin = await api.call("POST", "/api/join", {
      body: { token: invite, name: "Mallory" },
    });
    expect(rejoin.status).toBe(403);
    expect(rejoin.body.error.code).toBe("INVITE_REVOKED");
    expect(rejoin.body.error.message).toContain('"demo"');

    const reopened = api.rawClient("demo", invite);
    const refused = await reopened.closed;
    expect(refused.code).toBe(4403);
    expect(refused.reason).toMatch(/revoked/);

    const listed = await api.call("GET", "/api/plans/demo/invites", {
      token: ada.token,
    });
    const ids = listed.body.invites.map((entry: { id: string }) => entry.id);
    expect(ids).not.toContain(minted.body.id);
  });

  test("keeps people who joined with it", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const minted = await api.call("POST", "/api/plans/demo/invites", {
      token: ada.token,
      body: { role: "editor" },
    });
    const grace = await api.joinWithInvite(minted.body.url, "Grace");
    const graceSocket = await openSocket("demo", grace.token);
    const graceClaims = await verifyToken(api.server.secret, grace.token);
    expect(graceClaims.invite).toBe(minted.body.id);

    await api.call("DELETE", `/api/plans/demo/invites/${minted.body.id}`, {
      token: ada.token,
    });

    const session = await api.call("GET", "/api/session", {
      token: grace.token,
    });
    expect(session.status).toBe(200);
    const renamed = await api.call("POST", "/api/join", {
      body: { token: grace.token, name: "Grace H." },
    });
    expect(renamed.status).toBe(200);
    const later = await openSocket("demo", grace.token);
    expect(later.ws.readyState).toBe(later.ws.OPEN);
    expect(graceSocket.ws.readyState).toBe(graceSocket.ws.OPEN);
  });

  test("records a link signed outside the server on first use", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const invite = await signInvite(api.server.secret, "demo", "viewer", 3);
    const inviteId = (await verifyToken(api.server.secret, invite)).sub;
    await api.joinWithInvite(invite, "Victor");

    const listed = await api.call("GET", "/api/plans/demo/invites", {
      token: ada.token,
    });
    const entry = listed.body.invites.find(
      (item: { id: string }) => item.id === inviteId,
    );
    expect(entry).toMatchObject({ role: "viewer", createdBy: "server" });
    expect(tokenOf(entry.url)).toBe(invite);

    await api.call("DELETE", `/api/plans/demo/invites/${inviteId}`, {
      token: ada.token,
    });
    const rejoin = await api.call("POST", "/api/join", {
      body: { token: invite, name: "Victor" },
    });
    expect(rejoin.status).toBe(403);
    expect(rejoin.body.error.code).toBe("INVITE_REVOKED");
  });

  test("twice keeps the first time", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const minted = await api.call("POST", "/api/plans/demo/invites", {
      token: ada.token,
      body: { role: "viewer" },
    });
    const path = `/api/plans/demo/invites/${minted.body.id}`;

    const first = await api.call("DELETE", path, { token: ada.token });
    const second = await api.call("DELETE", path, { token: ada.token });

    expect(second.status).toBe(200);
    expect(second.body.revokedAt).toBe(first.body.revokedAt);
  });

  test("unknown invite returns 404", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const reply = await api.call("DELETE", "/api/plans/demo/invites/nope", {
      token: ada.token,
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe("INVITE_NOT_FOUND");
    expect(reply.body.error.message).toContain('"nope"');
  });

  test("invite of another plan returns 404", async () => {
    createPlan(api.server.storage, { planId: "other", name: "Other" });
    const otherEditor = await testToken("editor", { plan: "other" });
    const minted = await api.call("POST", "/api/plans/other/invites", {
      token: otherEditor,
      body: { role: "viewer" },
    });
    const ada = await api.joinDemo("editor", "Ada");

    const reply = await api.call(
      "DELETE",
      `/api/plans/demo/invites/${minted.body.id}`,
      { token: ada.token },
    );

    expect(reply.status).toBe(404);
    expect(
      api.server.storage.invites.get(minted.body.id)?.revokedAt,
    ).toBeNull();
  });
});

describe("removing a person", () => {
  test("closes their sockets and rejects them", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const grace = await api.joinDemo("editor", "Grace");
    const planSocket = await openSocket("demo", grace.token);
    const reviewSocket = await openSocket("demo.review", grace.token);
    const adaSocket = await openSocket("demo", ada.token);

    const removed = await api.call(
      "DELETE",
      `/api/plans/demo/people/${grace.person.id}`,
      { token: ada.token },
    );

    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({
      id: grace.person.id,
      closedConnections: 2,
    });
    const closed = await planSocket.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/removed/);
    expect((await reviewSocket.closed).code).toBe(4403);
    expect(adaSocket.ws.readyState).toBe(adaSocket.ws.OPEN);

    const rejoin = await api.call("POST", "/api/join", {
      body: { token: grace.token, name: "Grace" },
    });
    expect(rejoin.status).toBe(403);
    expect(rejoin.body.error.code).toBe("PERSON_REMOVED");

    const session = await api.call("GET", "/api/session", {
      token: grace.token,
    });
    expect(session.status).toBe(403);
    expect(session.body.error.code).toBe("PERSON_REMOVED");

    const reopened = api.rawClient("demo", grace.token);
    const refused = await reopened.closed;
    expect(refused.code).toBe(4403);
    expect(refused.reason).toMatch(/removed/);

    const people = await api.call("GET", "/api/plans/demo/people", {
      token: ada.token,
    });
    const ids = people.body.people.map((person: { id: string }) => person.id);
    expect(ids).toContain(ada.person.id);
    expect(ids).not.toContain(grace.person.id);
  });

  test("removed person may join again with a new link", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const grace = await api.joinDemo("viewer", "Grace");
    await api.call("DELETE", `/api/plans/demo/people/${grace.person.id}`, {
      token: ada.token,
    });

    const again = await api.joinDemo("viewer", "Grace");

    expect(again.person.id).not.toBe(grace.person.id);
    const session = await api.call("GET", "/api/session", {
      token: again.token,
    });
    expect(session.status).toBe(200);
  });

  test("editor cannot remove themselves", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const reply = await api.call(
      "DELETE",
      `/api/plans/demo/people/${ada.person.id}`,
      {
        token: ada.token,
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("REMOVE_SELF");
  });

  test("unknown person returns 404", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const reply = await api.call("DELETE", "/api/plans/demo/people/nobody", {
      token: ada.token,
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe("PERSON_NOT_FOUND");
    expect(reply.body.error.message).toContain('"nobody"');
  });
});

describe("people list", () => {
  test("lists who joined with role and time", async () => {
    const before = Date.now();
    const ada = await api.joinDemo("editor", "Ada");
    const rita = await api.joinDemo("reviewer", "Rita");

    const reply = await api.call("GET", "/api/plans/demo/people", {
      token: rita.token,
    });

    expect(reply.status).toBe(200);
    expect(reply.body.people).toHaveLength(2);
    expect(reply.body.people[0]).toMatchObject({
      id: ada.person.id,
      name: "Ada",
      role: "editor",
    });
    expect(reply.body.people[0].color).toMatch(/^#[0-9a-f]{6}$/);
    expect(reply.body.people[1]).toMatchObject({
      id: rita.person.id,
      name: "Rita",
      role: "reviewer",
    });
    expect(Date.parse(reply.body.people[1].joinedAt)).toBeGreaterThanOrEqual(
      before - 1000,
    );
  });

  test("records a person token seen for the first time", async () => {
    const token = await testToken("viewer", { sub: "p-early", name: "Early" });
    const rita = await api.joinDemo("reviewer", "Rita");
    await openSocket("demo", token);

    const reply = await api.call("GET", "/api/plans/demo/people", {
      token: rita.token,
    });

    expect(reply.body.people).toContainEqual(
      expect.objectContaining({ id: "p-early", name: "Early", role: "viewer" }),
    );
  });
});

describe("sharing permissions", () => {
  test.each(["reviewer", "viewer"] as const)(
    "%s cannot list, mint, revoke or remove",
    async (role) => {
      const ada = await api.joinDemo("editor", "Ada");
      const reader = await api.joinDemo(role, "Rita");
      const minted = await api.call("POST", "/api/plans/demo/invites", {
        token: ada.token,
        body: { role: "viewer" },
      });
      const requests: [string, string, unknown][] = [
        ["GET", "/api/plans/demo/invites", undefined],
        ["POST", "/api/plans/demo/invites", { role: "editor" }],
        ["DELETE", `/api/plans/demo/invites/${minted.body.id}`, undefined],
        ["DELETE", `/api/plans/demo/people/${ada.person.id}`, undefined],
      ];

      for (const [method, pathname, body] of requests) {
        const reply = await api.call(method, pathname, {
          token: reader.token,
          body,
        });
        expect(reply.status, `${method} ${pathname}`).toBe(403);
        expect(reply.body.error.code).toBe("EDITOR_REQUIRED");
        expect(reply.body.error.message).toContain(role);
      }
      expect(
        api.server.storage.invites.get(minted.body.id)?.revokedAt,
      ).toBeNull();
      expect(
        api.server.storage.people.get("demo", ada.person.id)?.removedAt,
      ).toBe(null);
    },
  );

  test("token of another plan gets 403", async () => {
    createPlan(api.server.storage, { planId: "other", name: "Other" });
    const otherEditor = await testToken("editor", { plan: "other" });
    const reply = await api.call("GET", "/api/plans/demo/people", {
      token: otherEditor,
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("WRONG_PLAN");
    expect(reply.body.error.message).toContain('"other"');
  });

  test("unknown plan gets 404", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const reply = await api.call("GET", "/api/plans/nope/invites", {
      token: ada.token,
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe("PLAN_NOT_FOUND");
  });

  test("unknown plan id is quoted and cut", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const long = "x".repeat(300);

    const withNul = await api.call("GET", "/api/plans/demo%00/invites", {
      token: ada.token,
    });
    const tooLong = await api.call("GET", `/api/plans/${long}/invites`, {
      token: ada.token,
    });

    expect(withNul.status).toBe(404);
    expect(withNul.body.error.message).toContain('Plan "demo\\u0000" does');
    expect(withNul.body.error.message).not.toContain("\u0000");
    expect(tooLong.status).toBe(404);
    expect(tooLong.body.error.message).toContain(
      `Plan "${"x".repeat(80)}"... (300 characters) does`,
    );
  });

  test("invite token gets 401", async () => {
    const links = await api.server.demoLinks();
    const reply = await api.call("GET", "/api/plans/demo/people", {
      token: tokenOf(links[0].url),
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("INVITE_TOKEN");
  });

  test("missing token gets 401", async () => {
    const reply = await api.call("GET", "/api/plans/demo/invites");
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("TOKEN_MISSING");
  });

  test("wrong method gets 405", async () => {
    const ada = await api.joinDemo("editor", "Ada");
    const reply = await api.call("PUT", "/api/plans/demo/invites", {
      token: ada.token,
    });
    expect(reply.status).toBe(405);
    expect(reply.body.error.code).toBe("METHOD_NOT_ALLOWED");
  });
});

describe("storage upgrade", () => {
  test("adds invites and people to a version 1 database", async () => {
    await api.server.close();
    const file = path.join(api.fixture.dataDir, "meridian.db");
    const db = new Database(file);
    db.exec("DROP TABLE invites; DROP TABLE people;");
    db.pragma("user_version = 1");
    db.close();

    const readonly = Storage.open(api.fixture.dataDir, { readonly: true });
    expect(readonly.version).toBe(1);
    expect(readonly.listPlans().map((plan) => plan.id)).toEqual(["demo"]);
    expect(() => readonly.invites.get("x")).toThrow(StorageError);
    expect(() => readonly.people.listMembers("demo")).toThrow(
      /Start the server once/,
    );
    readonly.close();

    await api.start();
    expect(api.server.storage.version).toBe(5);
    const ada = await api.joinDemo("editor", "Ada");
    const people = await api.call("GET", "/api/plans/demo/people", {
      token: ada.token,
    });
    expect(people.body.people).toHaveLength(1);
  });
});
