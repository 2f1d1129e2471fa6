import { beforeAll, describe, expect, test } from "vitest";
import {
  countTerritories,
  flushThroughRedis,
  getHealth,
  hasTerritories,
  logLines,
  newTerritory,
  nextClose,
  STORE_FAILED_REASON,
  untilHealth,
  useCluster,
  type ClusterNode,
} from "./cluster-helpers.ts";
import {
  addUpdateTrigger,
  sleepingSession,
  sql,
  storedPlan,
} from "./cluster-postgres.ts";
import { serverPlan, until, type TestClient } from "./helpers.ts";

// Two in-process nodes share one PostgreSQL, one Redis and one DATA_DIR.
// Node A never catches up by timer and node B once a day, so an update
// reaches the other node only through a Redis publish, or through the
// catch-up a node runs when a seq arrives out of order.
//
// "No peer saw it": after the failed write, a client on node A sends an
// awareness marker, which node A publishes on the room's Redis channel after
// the point where the failed update would have been published. Once the
// peer on node B sees the marker, any wrong relay would have arrived too.
// No timing is asserted: every wait ends on a state, bounded by the test
// timeout.

const cluster = useCluster();
let nodeA: ClusterNode;
let nodeB: ClusterNode;

beforeAll(async () => {
  // One after the other, so that only one node creates the tables.
  nodeA = await cluster.startNode(86_400_000);
  nodeB = await cluster.startNode(86_400_000);
});

/** Connects a writer on node A and a peer on each node, all synced. */
async function threeEditors() {
  const writer = await cluster.editor(nodeA);
  const peerA = await cluster.editor(nodeA);
  const peerB = await cluster.editor(nodeB);
  return { writer, peerA, peerB };
}

/** Checks that no client and no node document has the territory `name`. */
function expectNowhere(name: string, clientList: TestClient[]) {
  for (const client of clientList)
    expect(countTerritories(client.plan, name)).toBe(0);
  expect(countTerritories(serverPlan(nodeA.server), name)).toBe(0);
  expect(countTerritories(serverPlan(nodeB.server), name)).toBe(0);
}

/** Checks that every client, both nodes and PostgreSQL have `name` once. */
async function expectOnceEverywhere(name: string, clientList: TestClient[]) {
  for (const client of clientList)
    expect(countTerritories(client.plan, name)).toBe(1);
  expect(countTerritories(serverPlan(nodeA.server), name)).toBe(1);
  expect(countTerritories(serverPlan(nodeB.server), name)).toBe(1);
  expect(
    countTerritories(await storedPlan(cluster.services.postgres.url), name),
  ).toBe(1);
}

function expectStoreFailureLogged(node: ClusterNode, room: string) {
  const lines = logLines(node.logs, "update not stored");
  expect(lines.length).toBeGreaterThan(0);
  const line = lines.at(-1)!;
  expect(line.room).toBe(room);
  expect(line.connection).toEqual(expect.any(String));
  expect((line.err as { message: string }).message).toContain(
    `Storing an update of room ${room} failed`,
  );
}

describe("cluster write failures", () => {
  test("rejected insert closes the writer", async () => {
    const { writer, peerA, peerB } = await threeEditors();
    const removeTrigger = await addUpdateTrigger(
      cluster.services.postgres.url,
      "Rejected edit",
      "RAISE EXCEPTION 'test trigger rejects this update';",
    );
    cluster.cleanups.push(removeTrigger);

    // When the writer's update fails to insert
    const firstClose = nextClose(writer);
    newTerritory(writer, "Rejected edit");
    expect(await firstClose).toEqual({
      code: 1011,
      reason: STORE_FAILED_REASON,
    });

    // Then it is logged, and neither node relays it
    expectStoreFailureLogged(nodeA, "demo");
    expect(logLines(nodeA.logs, "update not stored").at(-1)!.err).toMatchObject(
      { message: expect.stringContaining("rejects this update") },
    );
    await flushThroughRedis(peerA, peerB, "after rejected edit");
    expectNowhere("Rejected edit", [peerA, peerB]);

    // The writer reconnects and resends, and is closed again while the
    // insert still fails
    const resendClose = await nextClose(writer);
    expect(resendClose.code).toBe(1011);
    await flushThroughRedis(peerA, peerB, "after rejected resend");
    expectNowhere("Rejected edit", [peerA, peerB]);

    // Once inserts work, the next resend is stored and reaches everyone
    await removeTrigger();
    newTerritory(peerB, "Edit after rejection");
    await until(peerA.doc, hasTerritories(peerA, ["Rejected edit"]));
    await until(peerB.doc, hasTerritories(peerB, ["Rejected edit"]));
    await until(
      writer.doc,
      hasTerritories(writer, ["Rejected edit", "Edit after rejection"]),
    );
    await expectOnceEverywhere("Rejected edit", [writer, peerA, peerB]);
    await expectOnceEverywhere("Edit after rejection", [writer, peerA, peerB]);
    expect(peerA.plan.snapshot()).toEqual(peerB.plan.snapshot());
  });

  test("PostgreSQL stopped while clients write", async () => {
    const { writer, peerA, peerB } = await threeEditors();

    // When PostgreSQL stops at once while a client on each node writes
    await cluster.services.postgres.stopImmediately();
    cluster.cleanups.push(() => cluster.services.postgres.restart());
    const writerClosed = nextClose(writer);
    const peerBClosed = nextClose(peerB);
    newTerritory(writer, "Written in outage A");
    newTerritory(peerB, "Written in outage B");

    // Then both writers are closed with the reason, both nodes log it
    expect(await writerClosed).toEqual({
      code: 1011,
      reason: STORE_FAILED_REASON,
    });
    expect(await peerBClosed).toEqual({
      code: 1011,
      reason: STORE_FAILED_REASON,
    });
    expectStoreFailureLogged(nodeA, "demo");
    expectStoreFailureLogged(nodeB, "demo");

    // and no other client or node has either edit
    await flushThroughRedis(peerA, peerB, "after outage edits");
    expectNowhere("Written in outage A", [peerA, peerB]);
    expectNowhere("Written in outage B", [peerA, writer]);

    // Both nodes report PostgreSQL down
    for (const node of [nodeA, nodeB]) {
      const health = await getHealth(node.server);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({
        status: "unavailable",
        cluster: { postgres: "unreachable", redis: "subscribed" },
      });
    }

    // When PostgreSQL is back, both clients resend and everyone has both
    // edits once
    await cluster.services.postgres.restart();
    cluster.cleanups.pop();
    const names = ["Written in outage A", "Written in outage B"];
    for (const client of [writer, peerA, peerB])
      await until(client.doc, hasTerritories(client, names));
    for (const name of names)
      await expectOnceEverywhere(name, [writer, peerA, peerB]);
    expect(writer.plan.snapshot()).toEqual(peerB.plan.snapshot());
    for (const node of [nodeA, nodeB]) {
      const health = await getHealth(node.server);
      expect(health.status).toBe(200);
    }
  });

  test("connection lost during a write", async () => {
    const { writer, peerA, peerB } = await threeEditors();
    // The insert sleeps, so the test can end its session mid-write.
    const removeTrigger = await addUpdateTrigger(
      cluster.services.postgres.url,
      "Severed edit",
      "PERFORM pg_sleep(3);",
    );
    cluster.cleanups.push(removeTrigger);

    const closed = nextClose(writer);
    newTerritory(writer, "Severed edit");
    const pid = await sleepingSession(cluster.services.postgres.url);
    await sql(
      cluster.services.postgres.url,
      "SELECT pg_terminate_backend($1)",
      [pid],
    );

    expect(await closed).toEqual({ code: 1011, reason: STORE_FAILED_REASON });
    expectStoreFailureLogged(nodeA, "demo");
    await removeTrigger();
    await flushThroughRedis(peerA, peerB, "after severed edit");
    expect(countTerritories(peerB.plan, "Severed edit")).toBe(0);

    for (const client of [peerA, peerB])
      await until(client.doc, hasTerritories(client, ["Severed edit"]));
    await expectOnceEverywhere("Severed edit", [writer, peerA, peerB]);
  });
});

describe("cluster /healthz", () => {
  test("reports both services when up", async () => {
    const health = await getHealth(nodeA.server);

    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      status: "ok",
      rooms: expect.any(Number),
      clients: expect.any(Number),
      cluster: {
        node: expect.stringMatching(/^[0-9a-f-]{36}$/),
        postgres: "reachable",
        redis: "subscribed",
      },
    });
  });

  test("returns 503 while Redis is down", async () => {
    await cluster.editor(nodeA);

    await cluster.services.redis.stop();
    cluster.cleanups.push(() => cluster.startRedisAgain());
    const down = await untilHealth(
      nodeA.server,
      (reply) => reply.status !== 200,
    );
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: "unavailable",
      cluster: { postgres: "reachable", redis: "disconnected" },
    });
    expect(
      logLines(nodeA.logs, "health: Redis disconnected, /healthz returns 503"),
    ).toHaveLength(1);

    await cluster.cleanups.pop()!();
    const up = await untilHealth(nodeA.server, (reply) => reply.status === 200);
    expect(up.body).toMatchObject({
      status: "ok",
      cluster: { postgres: "reachable", redis: "subscribed" },
    });
  });
});
