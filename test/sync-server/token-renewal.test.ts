import { describe, expect, test } from "vitest";
import { MESSAGE_SYNC } from "../../sync-server/protocol.ts";
import { useApiServer } from "./api-suite.ts";
import {
  synced,
  TEST_SECRET,
  testToken,
  until,
  type TestClient,
} from "./helpers.ts";

// A workshop can outlast a token: the server checks expiry only when a
// socket opens, and the page renews its person token before expiry with
// POST /api/plans/<planId>/session, then uses it for the next connection.

const api = useApiServer();
async function join(): Promise<{ personId: string }> {
  const invite = await testToken("editor", { kind: "invite" });
  const joined = await api.joinWithInvite(invite, "Ada");
  return { personId: joined.person.id };
}

async function renew(token: string): Promise<Response> {
  return fetch(`${api.server.url}/api/plans/demo/session`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });
}

/** Waits on the clock until `expiresAt` (seconds since the epoch) has passed. */
async function waitPast(expiresAt: number): Promise<void> {
  while (Date.now() / 1000 <= expiresAt) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("token renewal", () => {
  test("open socket outlives its token", async () => {
    // Given an editor whose token expires in one to two seconds
    const { personId } = await join();
    const expiresAt = Math.ceil(Date.now() / 1000) + 1;
    const shortToken = await testToken("editor", { sub: personId, expiresAt });
    const writer = api.connect("demo", shortToken);
    const watcher = api.connect("demo", await testToken("viewer"));
    await synced(writer);
    await synced(watcher);
    const closes: number[] = [];
    writer.provider.on("connection-close", (event) => {
      if (event) closes.push(event.code);
    });

    // When the token expires during the session
    await waitPast(expiresAt);

    // Then the open socket still syncs, while a new one is rejected
    writer.plan.assign(["01009"], "demo-west");
    await until(
      watcher.doc,
      () => watcher.plan.territoryOf("01009") === "demo-west",
    );
    expect(writer.provider.wsconnected).toBe(true);
    expect(closes).toEqual([]);
    const late = await api.rawClient("demo", shortToken).closed;
    expect(late.code).toBe(4401);
    expect(late.reason).toMatch(/expired/);
  });

  test("renewed token reconnects after expiry", async () => {
    // Given an editor connected with a short token it renews in time
    const { personId } = await join();
    const expiresAt = Math.ceil(Date.now() / 1000) + 1;
    const shortToken = await testToken("editor", { sub: personId, expiresAt });
    const writer = api.connect("demo", shortToken);
    await synced(writer);
    const response = await renew(shortToken);
    expect(response.status).toBe(200);
    const renewed = await response.json();
    expect(renewed.role).toBe("editor");
    expect(renewed.person.id).toBe(personId);
    expect(Date.parse(renewed.expiresAt) / 1000).toBeGreaterThan(
      expiresAt + 29 * 86_400,
    );
    writer.provider.params.token = renewed.token;

    // When the old token has expired and the socket reconnects
    await waitPast(expiresAt);
    writer.provider.disconnect();
    writer.plan.assign(["01011"], "demo-east");
    writer.provider.connect();

    // Then the renewed token opens it and the offline edit arrives
    await untilSynced(writer);
    const watcher = api.connect("demo", await testToken("viewer"));
    await until(
      watcher.doc,
      () => watcher.plan.territoryOf("01011") === "demo-east",
    );
    expect(writer.provider.wsconnected).toBe(true);
    expect(api.logs.text()).not.toContain(shortToken);
    expect(api.logs.text()).not.toContain(renewed.token);
    expect(api.logs.text()).not.toContain(TEST_SECRET);
  });

  test("expired token cannot renew", async () => {
    const { personId } = await join();
    const expired = await testToken("editor", {
      sub: personId,
      expiresAt: Math.floor(Date.now() / 1000) - 5,
    });

    const response = await renew(expired);

    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("TOKEN_EXPIRED");
    expect(api.logs.text()).not.toContain(expired);
  });

  test("renewed token opens the plan socket", async () => {
    const { personId } = await join();
    const token = await testToken("editor", { sub: personId });
    const renewed = await (await renew(token)).json();

    const client = api.rawClient("demo", renewed.token);
    const first = await client.firstMessage;
    client.ws.close(1000);

    expect(first[0]).toBe(MESSAGE_SYNC);
    expect((await client.closed).code).toBe(1000);
  });
});

/** Resolves once the provider has synced on its current connection. */
function untilSynced(client: TestClient): Promise<void> {
  return new Promise((resolve) => {
    if (client.provider.synced && client.provider.wsconnected) resolve();
    client.provider.on("sync", (state: boolean) => state && resolve());
  });
}
