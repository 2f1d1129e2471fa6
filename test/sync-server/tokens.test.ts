import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { MESSAGE_SYNC } from "../../sync-server/protocol.ts";
import { createPlan } from "../../sync-server/plans.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  createFixture,
  rawClient,
  roomUrl,
  startTestServer,
  testToken,
  type Fixture,
} from "./helpers.ts";

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

async function closeOf(room: string, token?: string) {
  return rawClient(roomUrl(server, room, token)).closed;
}

describe("socket tokens", () => {
  test("missing token closes with 4401", async () => {
    const { code, reason } = await closeOf("demo");
    expect(code).toBe(4401);
    expect(reason).toMatch(/No token/);
  });

  test("malformed token closes with 4401", async () => {
    const { code, reason } = await closeOf("demo", "not-a-jwt");
    expect(code).toBe(4401);
    expect(reason).toMatch(/malformed/);
  });

  test("expired token closes with 4401", async () => {
    const token = await testToken("editor", {
      expiresAt: Math.floor(Date.now() / 1000) - 60,
    });
    const { code, reason } = await closeOf("demo", token);
    expect(code).toBe(4401);
    expect(reason).toMatch(/expired/);
  });

  test("token signed with another secret closes with 4401", async () => {
    const token = await testToken("editor", {
      secret: "another-secret-0123456789-abcdefghijklmnop",
    });
    const { code, reason } = await closeOf("demo", token);
    expect(code).toBe(4401);
    expect(reason).toMatch(/signature/);
  });

  test("token for another plan closes with 4403", async () => {
    createPlan(server.storage, { planId: "other", name: "Other" });
    const token = await testToken("editor", { plan: "other" });
    const { code, reason } = await closeOf("demo", token);
    expect(code).toBe(4403);
    expect(reason).toMatch(/for plan "other", not "demo"/);
  });

  test("token for the plan also opens its review room", async () => {
    const client = rawClient(
      roomUrl(server, "demo.review", await testToken("viewer")),
    );
    const first = await client.firstMessage;
    client.ws.close(1000);
    expect(first[0]).toBe(MESSAGE_SYNC);
    expect((await client.closed).code).toBe(1000);
  });

  test("unknown plan closes with 4403", async () => {
    const token = await testToken("editor", { plan: "nope" });
    const { code, reason } = await closeOf("nope", token);
    expect(code).toBe(4403);
    expect(reason).toMatch(/does not exist/);
  });

  test("invalid room name closes with 4403", async () => {
    const { code } = await closeOf("demo.draft", await testToken("editor"));
    expect(code).toBe(4403);
  });

  test("invite token opens the plan", async () => {
    const client = rawClient(
      roomUrl(server, "demo", await testToken("editor", { kind: "invite" })),
    );
    const first = await client.firstMessage;
    client.ws.close(1000);
    expect(first[0]).toBe(MESSAGE_SYNC);
    expect((await client.closed).code).toBe(1000);
  });
});
