import { beforeAll, describe, expect, test } from "vitest";
import {
  countTerritories,
  hasTerritories,
  newTerritory,
  useCluster,
  type ClusterNode,
} from "./cluster-helpers.ts";
import {
  addUpdateTrigger,
  sleepingSession,
  storedPlan,
} from "./cluster-postgres.ts";
import { until } from "./helpers.ts";

// A node started as `npm start` does gets SIGTERM while PostgreSQL still
// runs the inserts of a client's last edits: a trigger makes each insert
// sleep. The watcher's node never catches up by timer, so only the dying
// node's Redis publishes bring the edits to it.

const cluster = useCluster();
let watcherNode: ClusterNode;

beforeAll(async () => {
  watcherNode = await cluster.startNode(86_400_000);
});

describe("cluster shutdown", () => {
  test("SIGTERM keeps edits still being stored", async () => {
    const dying = await cluster.spawnNode(86_400_000, "info");
    const writer = await cluster.editor(dying);
    const watcher = await cluster.editor(watcherNode);
    const removeTrigger = await addUpdateTrigger(
      cluster.services.postgres.url,
      "Last edit",
      "PERFORM pg_sleep(0.5);",
    );
    try {
      // Given two edits whose first insert is still running, and the
      // second queued behind it
      newTerritory(writer, "Last edit 1");
      newTerritory(writer, "Last edit 2");
      await sleepingSession(cluster.services.postgres.url);

      // When the node gets SIGTERM
      dying.child.kill("SIGTERM");
      const exit = await dying.exited;

      // Then it exits 0 after storing and publishing both
      expect(exit).toEqual({ code: 0, signal: null });
      const stored = await storedPlan(cluster.services.postgres.url);
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
