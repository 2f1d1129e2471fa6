import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  startTestServices,
  type TestServices,
} from "../../scripts/test-services/index.ts";
import {
  addUpdateTrigger,
  countTerritories,
  hasTerritories,
  newTerritory,
  sleepingSession,
  startClusterNode,
  storedPlan,
  type ClusterNode,
} from "./cluster-helpers.ts";
import {
  connectClient,
  createFixture,
  spawnServer,
  synced,
  testToken,
  until,
  type Fixture,
  type ServerProcess,
  type TestClient,
} from "./helpers.ts";

// A node started as `npm start` does gets SIGTERM while PostgreSQL still
// runs the inserts of a client's last edits: a trigger makes each insert
// sleep. The watcher's node never catches up by timer, so only the dying
// node's Redis publishes bring the edits to it.

let services: TestServices;
let fixture: Fixture;
let watcherNode: ClusterNode;
let dying: ServerProcess | undefined;
const clients: TestClient[] = [];

beforeAll(async () => {
  services = await startTestServices();
  fixture = createFixture();
  watcherNode = await startClusterNode(fixture, services, 86_400_000);
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  if (dying && dying.child.exitCode === null) {
    dying.child.kill("SIGKILL");
    await dying.exited;
  }
  await watcherNode?.server.close();
  await services?.stop();
  fixture?.remove();
});

async function editor(node: { syncUrl: string }): Promise<TestClient> {
  const client = connectClient(node, "demo", await testToken("editor"));
  clients.push(client);
  await synced(client);
  return client;
}

describe("cluster shutdown", () => {
  test("SIGTERM keeps edits still being stored", async () => {
    dying = await spawnServer(fixture, {
      DATABASE_URL: services.postgres.url,
      REDIS_URL: services.redis.url,
      CLUSTER_CATCH_UP_MS: "86400000",
      LOG_LEVEL: "info",
    });
    const writer = await editor(dying);
    const watcher = await editor(watcherNode.server);
    const removeTrigger = await addUpdateTrigger(
      services.postgres.url,
      "Last edit",
      "PERFORM pg_sleep(0.5);",
    );
    try {
      // Given two edits whose first insert is still running, and the
      // second queued behind it
      newTerritory(writer, "Last edit 1");
      newTerritory(writer, "Last edit 2");
      await sleepingSession(services.postgres.url);

      // When the node gets SIGTERM
      dying.child.kill("SIGTERM");
      const exit = await dying.exited;

      // Then it exits 0 after storing and publishing both
      expect(exit).toEqual({ code: 0, signal: null });
      const stored = await storedPlan(services.postgres.url);
      expect(countTerritories(stored, "Last edit 1")).toBe(1);
      expect(countTerritories(stored, "Last edit 2")).toBe(1);
      await until(
        watcher.doc,
        hasTerritories(watcher, ["Last edit 1", "Last edit 2"]),
      );
      const stderr = dying.stderr();
      expect(stderr).not.toContain("update not stored");
      expect(stderr).not.toContain("publish failed");
      expect(stderr).toContain('"msg":"server stopped"');
    } finally {
      await removeTrigger();
    }
  });
});
