import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { demoPayAdminLink } from "../../../sync-server/demo.ts";
import type { RunningServer } from "../../../sync-server/server.ts";
import {
  createFixture,
  startTestServer,
  testToken,
  type Fixture,
} from "../helpers.ts";
import {
  ANA,
  BEN,
  call,
  CREATOR,
  createPayPlan,
  creatorToken,
  joinWithLink,
  MIA,
  PAY_PLAN,
  payPath,
  payTeam,
} from "./pay-fixture.ts";

let fixture: Fixture;
let server: RunningServer;

beforeEach(async () => {
  fixture = createFixture();
  server = await startTestServer(fixture);
});

afterEach(async () => {
  await server.close();
  fixture.remove();
});

describe("pay access", () => {
  test("plan creator is administrator", async () => {
    createPayPlan(server);
    const reply = await call(server, "GET", payPath("/me"), {
      token: await creatorToken(),
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      admin: true,
      repId: null,
      repName: null,
      visibleRepIds: [ANA, BEN, MIA],
    });
  });

  test("rep invite links the person to the rep", async () => {
    const team = await payTeam(server);
    const ana = await call(server, "GET", payPath("/me"), { token: team.ana });
    expect(ana.body).toEqual({
      admin: false,
      repId: ANA,
      repName: "Ana Ribeiro",
      visibleRepIds: [ANA],
    });
    const session = await call(server, "GET", "/api/session", {
      token: team.ana,
    });
    expect(session.body.role).toBe("viewer");
  });

  test("manager sees their team", async () => {
    const team = await payTeam(server);
    const mia = await call(server, "GET", payPath("/me"), { token: team.mia });
    expect(mia.body.visibleRepIds).toEqual([BEN, MIA]);
  });

  test("member without pay access sees nobody", async () => {
    createPayPlan(server);
    const viewer = await testToken("viewer", { plan: PAY_PLAN });
    const reply = await call(server, "GET", payPath("/me"), { token: viewer });
    expect(reply.body).toEqual({
      admin: false,
      repId: null,
      repName: null,
      visibleRepIds: [],
    });
  });

  test("personal invite works once", async () => {
    createPayPlan(server);
    const invite = await call(server, "POST", payPath("/invites"), {
      token: await creatorToken(),
      body: { repId: ANA },
    });
    await joinWithLink(server, invite.body.url, "Ana");
    const token = new URL(invite.body.url).searchParams.get("token");
    const again = await call(server, "POST", "/api/join", {
      body: { token, name: "Someone else" },
    });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe("INVITE_USED");
    const people = server.storage.people.listMembers(PAY_PLAN);
    expect(people.map((p) => p.name)).toEqual(["Cora Admin", "Ana"]);
  });

  test("administrator invite grants administrator", async () => {
    createPayPlan(server);
    const invite = await call(server, "POST", payPath("/invites"), {
      token: await creatorToken(),
      body: { payRole: "admin", days: 5 },
    });
    expect(invite.status).toBe(201);
    const joined = await joinWithLink(server, invite.body.url, "Dee");
    const me = await call(server, "GET", payPath("/me"), {
      token: joined.token,
    });
    expect(me.body.admin).toBe(true);
    const session = await call(server, "GET", "/api/session", {
      token: joined.token,
    });
    expect(session.body.role).toBe("editor");
  });

  test("share list leaves pay invites out", async () => {
    createPayPlan(server);
    const admin = await creatorToken();
    await call(server, "POST", payPath("/invites"), {
      token: admin,
      body: { payRole: "admin" },
    });
    await call(server, "POST", payPath("/invites"), {
      token: admin,
      body: { repId: ANA },
    });
    const invites = await call(
      server,
      "GET",
      `/api/plans/${PAY_PLAN}/invites`,
      {
        token: admin,
      },
    );
    expect(invites.status).toBe(200);
    expect(invites.body.invites).toEqual([]);
  });

  test("invite for unknown rep is rejected", async () => {
    createPayPlan(server);
    const reply = await call(server, "POST", payPath("/invites"), {
      token: await creatorToken(),
      body: { repId: "rep-nobody" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("REP_NOT_FOUND");
    expect(reply.body.error.message).toContain('"rep-nobody"');
  });

  test("invite with both grants is rejected", async () => {
    createPayPlan(server);
    const reply = await call(server, "POST", payPath("/invites"), {
      token: await creatorToken(),
      body: { payRole: "admin", repId: ANA },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("PAY_INVITE_INVALID");
  });

  test("rep cannot create pay invites", async () => {
    const team = await payTeam(server);
    const reply = await call(server, "POST", payPath("/invites"), {
      token: team.ana,
      body: { repId: BEN },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("PAY_ADMIN_REQUIRED");
  });
});

describe("pay people", () => {
  test("administrator lists everyone's access", async () => {
    const team = await payTeam(server);
    const reply = await call(server, "GET", payPath("/people"), {
      token: team.admin,
    });
    expect(reply.status).toBe(200);
    expect(
      reply.body.people.map(
        (p: { name: string; admin: boolean; repId: string | null }) => [
          p.name,
          p.admin,
          p.repId,
        ],
      ),
    ).toEqual([
      ["Cora Admin", true, null],
      ["Ana", false, ANA],
      ["Ben", false, BEN],
      ["Mia", false, MIA],
    ]);
  });

  test("rep cannot list pay people", async () => {
    const team = await payTeam(server);
    const reply = await call(server, "GET", payPath("/people"), {
      token: team.ana,
    });
    expect(reply.status).toBe(403);
  });

  test("administrator relinks a person", async () => {
    const team = await payTeam(server);
    const people = await call(server, "GET", payPath("/people"), {
      token: team.admin,
    });
    const ana = people.body.people.find(
      (p: { name: string }) => p.name === "Ana",
    );
    const reply = await call(
      server,
      "PUT",
      payPath(`/people/${ana.personId}`),
      {
        token: team.admin,
        body: { repId: BEN, admin: true },
      },
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      personId: ana.personId,
      name: "Ana",
      admin: true,
      repId: BEN,
    });
    const me = await call(server, "GET", payPath("/me"), { token: team.ana });
    expect(me.body.repId).toBe(BEN);
    expect(me.body.admin).toBe(true);
  });

  test("last administrator cannot step down", async () => {
    const team = await payTeam(server);
    const reply = await call(server, "PUT", payPath(`/people/${CREATOR}`), {
      token: team.admin,
      body: { admin: false },
    });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe("LAST_PAY_ADMIN");
    const me = await call(server, "GET", payPath("/me"), { token: team.admin });
    expect(me.body.admin).toBe(true);
  });

  test("unknown person gets 404", async () => {
    const team = await payTeam(server);
    const reply = await call(server, "PUT", payPath("/people/person-x"), {
      token: team.admin,
      body: { admin: true },
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe("PERSON_NOT_FOUND");
  });

  test("malformed body gets 400", async () => {
    const team = await payTeam(server);
    const reply = await call(server, "PUT", payPath(`/people/${CREATOR}`), {
      token: team.admin,
      rawBody: "{admin: yes",
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("INVALID_JSON");
    const wrongType = await call(server, "PUT", payPath(`/people/${CREATOR}`), {
      token: team.admin,
      body: { admin: "yes" },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toContain('"admin"');
  });

  test("token of another plan gets 403", async () => {
    createPayPlan(server);
    const demoEditor = await testToken("editor", { plan: "demo" });
    const reply = await call(server, "GET", payPath("/me"), {
      token: demoEditor,
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("WRONG_PLAN");
  });

  test("unknown pay path gets 404", async () => {
    createPayPlan(server);
    const reply = await call(server, "GET", payPath("/nothing"), {
      token: await creatorToken(),
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe("NOT_FOUND");
  });
});

describe("demo administrator link", () => {
  test("joins the demo as administrator", async () => {
    const url = await demoPayAdminLink(
      server.storage,
      server.secret,
      `${server.url}/`,
    );
    expect(url).not.toBeNull();
    const joined = await joinWithLink(server, url!, "Admin");
    const me = await call(server, "GET", "/api/plans/demo/pay/me", {
      token: joined.token,
    });
    expect(me.body.admin).toBe(true);
  });

  test("is reused across calls", async () => {
    const base = `${server.url}/`;
    const first = await demoPayAdminLink(server.storage, server.secret, base);
    const again = await demoPayAdminLink(server.storage, server.secret, base);
    expect(again).toBe(first);
  });

  test("is never reused as the editor link", async () => {
    await demoPayAdminLink(server.storage, server.secret, `${server.url}/`);
    const links = await server.demoLinks();
    const editor = links.find((link) => link.role === "editor")!;
    const joined = await joinWithLink(server, editor.url, "Ed");
    const me = await call(server, "GET", "/api/plans/demo/pay/me", {
      token: joined.token,
    });
    expect(me.body.admin).toBe(false);
  });
});
