import { beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { ConfigError, readConfig } from "../../sync-server/config.ts";
import type { PostgresUpdateStore } from "../../sync-server/cluster/postgres-store.ts";
import { startBalancer } from "./cluster-balancer.ts";
import { hasTerritories, newTerritory, useCluster } from "./cluster-helpers.ts";
import { storedPlan, withStore } from "./cluster-postgres.ts";
import { territoryNames, until, type ServerProcess } from "./helpers.ts";

// Two server nodes share one PostgreSQL, one Redis and one DATA_DIR (plans,
// invites and the auth secret are still in SQLite). Node A never catches up
// from PostgreSQL by timer, so what reaches it came through Redis; node B
// catches up every 200 ms. No timing is asserted: every wait ends when a
// document or awareness reaches the expected state, and the test timeout
// bounds it.

const cluster = useCluster();
let nodeA: ServerProcess;
let nodeB: ServerProcess;

beforeAll(async () => {
  // One after the other, so that only one node creates the SQLite tables.
  nodeA = await cluster.spawnNode(86_400_000, "warn");
  nodeB = await cluster.spawnNode(200, "warn");
});

/** Runs `work` with a store of its own on the test PostgreSQL. */
function withTestStore<T>(
  work: (store: PostgresUpdateStore) => Promise<T>,
): Promise<T> {
  return withStore(cluster.services.postgres.url, work);
}

/** Stores a new territory in PostgreSQL without telling any node. */
async function storeUnpublished(name: string): Promise<void> {
  const plan = await storedPlan(cluster.services.postgres.url);
  const before = Y.encodeStateVector(plan.doc);
  plan.createTerritory({
    name,
    color: "#996633",
    parentId: null,
    ownerId: null,
    locked: false,
    kind: "territory",
  });
  const update = Y.encodeStateAsUpdate(plan.doc, before);
  await withTestStore((store) => store.appendUpdate("demo", update, null));
}

describe("cluster mode", () => {
  test("clients on two nodes converge", async () => {
    const a = await cluster.editor(nodeA);
    const b = await cluster.editor(nodeB);
    expect(territoryNames(b.plan)).toEqual(["East", "West"]);

    // Node A has not written since B's edit, so only Redis can bring it.
    newTerritory(b, "South");
    await until(a.doc, hasTerritories(a, ["South"]));
    newTerritory(a, "North");
    a.plan.assign(["01005"], "demo-west");

    await until(b.doc, hasTerritories(b, ["North", "South"]));
    await until(b.doc, () => b.plan.territoryOf("01005") === "demo-west");
    expect(a.plan.snapshot()).toEqual(b.plan.snapshot());

    const stored = await storedPlan(cluster.services.postgres.url);
    expect(territoryNames(stored)).toEqual(
      expect.arrayContaining(["North", "South"]),
    );
    expect(stored.territoryOf("01005")).toBe("demo-west");
  });

  test("update never published arrives by catch-up", async () => {
    const watcher = await cluster.editor(nodeB);

    // As when a node dies between its commit and its publish
    await storeUnpublished("Unannounced");

    await until(watcher.doc, hasTerritories(watcher, ["Unannounced"]));
    expect(territoryNames(watcher.plan)).toContain("Unannounced");
  });

  test("presence crosses nodes", async () => {
    const a = await cluster.editor(nodeA);
    const b = await cluster.editor(nodeB);
    const awarenessOfB = b.provider.awareness;
    const seesMarker = () =>
      [...awarenessOfB.getStates().values()].some(
        (state) => (state as { marker?: string }).marker === "from node A",
      );

    // The server stamps the token's name over the name the client sends.
    a.provider.awareness.setLocalState({
      user: { name: "Ada" },
      marker: "from node A",
    });
    await new Promise<void>((resolve) => {
      const check = () => {
        if (!seesMarker()) return;
        awarenessOfB.off("change", check);
        resolve();
      };
      awarenessOfB.on("change", check);
      check();
    });
    expect(awarenessOfB.getStates().get(a.doc.clientID)).toMatchObject({
      user: { name: "Test editor" },
      marker: "from node A",
    });

    a.provider.disconnect();
    await new Promise<void>((resolve) => {
      const check = () => {
        if (awarenessOfB.getStates().has(a.doc.clientID)) return;
        awarenessOfB.off("change", check);
        resolve();
      };
      awarenessOfB.on("change", check);
      check();
    });
    expect(awarenessOfB.getStates().has(a.doc.clientID)).toBe(false);
  });

  test("node catches up after Redis restarts", async () => {
    const a = await cluster.editor(nodeA);

    // Node A catches up by timer only once a day, so the update stored
    // while Redis is down reaches it only by the catch-up on reconnect.
    await cluster.services.redis.stop();
    await storeUnpublished("During outage");
    await cluster.startRedisAgain();

    await until(a.doc, hasTerritories(a, ["During outage"]));
    expect(territoryNames(a.plan)).toContain("During outage");
  });

  test("killed node loses no edit", async () => {
    const balancer = await startBalancer([nodeA.port, nodeB.port]);
    try {
      const writer = await cluster.editor(balancer);
      const watcher = await cluster.editor(nodeB);
      const names = Array.from({ length: 30 }, (_, i) => `Region ${i}`);

      // Given a writer on node A whose first edits reached node B
      for (const name of names.slice(0, 10)) newTerritory(writer, name);
      await until(watcher.doc, hasTerritories(watcher, names.slice(0, 10)));

      // When node A is killed while the writer keeps editing
      for (const name of names.slice(10, 20)) newTerritory(writer, name);
      nodeA.child.kill("SIGKILL");
      await nodeA.exited;
      for (const name of names.slice(20)) newTerritory(writer, name);

      // Then the writer reconnects through the balancer to node B, and
      // every edit reaches the watcher and PostgreSQL
      await until(watcher.doc, hasTerritories(watcher, names));
      expect(writer.provider.wsconnected).toBe(true);
      const stored = await storedPlan(cluster.services.postgres.url);
      expect(territoryNames(stored)).toEqual(expect.arrayContaining(names));
    } finally {
      balancer.close();
    }
  });
});

describe("PostgreSQL update store", () => {
  test("concurrent appends get distinct seqs", async () => {
    const updates = Array.from({ length: 40 }, (_, i) => {
      const doc = new Y.Doc();
      doc.getMap("race").set(`key ${i}`, i);
      return Y.encodeStateAsUpdate(doc);
    });

    // Two stores, as on two nodes, append to one room at once.
    const seqs = await withTestStore((first) =>
      withTestStore((second) =>
        Promise.all(
          updates.map((update, i) =>
            (i % 2 === 0 ? first : second).appendUpdate("race", update, null),
          ),
        ),
      ),
    );

    expect([...seqs].sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const stored = await withTestStore((store) =>
      store.updatesAfter("race", 0),
    );
    expect(stored.map((update) => update.seq)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  test("batch appends get consecutive seqs", async () => {
    const batch = (from: number) =>
      Array.from({ length: 5 }, (_, i) => {
        const doc = new Y.Doc();
        doc.getMap("batch").set(`key ${from + i}`, from + i);
        return { update: Y.encodeStateAsUpdate(doc), personId: `p${from + i}` };
      });

    // Two stores, as on two nodes, append batches of five to one room at once.
    const firsts = await withTestStore((first) =>
      withTestStore((second) =>
        Promise.all(
          [0, 5, 10, 15, 20, 25].map((from, i) =>
            (i % 2 === 0 ? first : second).appendUpdates(
              "batches",
              batch(from),
            ),
          ),
        ),
      ),
    );

    expect([...firsts].sort((x, y) => x - y)).toEqual([1, 6, 11, 16, 21, 26]);
    const rows = await withTestStore(async (store) => {
      const stored = await store.updatesAfter("batches", 0);
      return stored.map((row) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, row.data);
        return { seq: row.seq, key: [...doc.getMap("batch").keys()][0] };
      });
    });
    expect(rows.map((row) => row.seq)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    // Each batch keeps its order and stays contiguous.
    for (const first of firsts) {
      const from = Number(rows[first - 1].key.slice("key ".length));
      expect(rows.slice(first - 1, first + 4).map((row) => row.key)).toEqual(
        Array.from({ length: 5 }, (_, i) => `key ${from + i}`),
      );
    }
  });

  test("room loads from its latest snapshot", async () => {
    const doc = new Y.Doc();
    const edit = (value: number) => {
      const before = Y.encodeStateVector(doc);
      doc.getMap("values").set("value", value);
      return Y.encodeStateAsUpdate(doc, before);
    };

    const stored = await withTestStore(async (store) => {
      await store.appendUpdate("snapshotted", edit(1), null);
      const seq = await store.appendUpdate("snapshotted", edit(2), null);
      await store.writeSnapshot("snapshotted", seq, Y.encodeStateAsUpdate(doc));
      await store.appendUpdate("snapshotted", edit(3), "person-1");
      return store.loadRoom("snapshotted");
    });

    expect(stored.snapshotSeq).toBe(2);
    expect(stored.updates).toHaveLength(1);
    expect(stored.lastSeq).toBe(3);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, stored.snapshot!);
    for (const update of stored.updates) Y.applyUpdate(loaded, update);
    expect(loaded.getMap("values").get("value")).toBe(3);
  });
});

describe("cluster configuration", () => {
  test("DATABASE_URL without REDIS_URL is rejected", () => {
    const read = () =>
      readConfig({ DATABASE_URL: cluster.services.postgres.url });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/REDIS_URL is missing/);
  });

  test("REDIS_URL without DATABASE_URL is rejected", () => {
    expect(() => readConfig({ REDIS_URL: cluster.services.redis.url })).toThrow(
      /DATABASE_URL is missing/,
    );
  });

  test("CLUSTER_CATCH_UP_MS below 100 is rejected", () => {
    expect(() => readConfig({ CLUSTER_CATCH_UP_MS: "5" })).toThrow(
      /CLUSTER_CATCH_UP_MS "5" is not a whole number between 100/,
    );
  });
});
