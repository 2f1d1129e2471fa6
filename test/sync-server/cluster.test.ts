import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import {
  startRedis,
  startTestServices,
  type TestServices,
} from "../../scripts/test-services/index.ts";
import { ConfigError, readConfig } from "../../sync-server/config.ts";
import { createLogger } from "../../sync-server/log.ts";
import { PostgresUpdateStore } from "../../sync-server/cluster/postgres-store.ts";
import {
  connectClient,
  createFixture,
  spawnServer,
  synced,
  territoryNames,
  testToken,
  until,
  type Fixture,
  type ServerProcess,
  type TestClient,
} from "./helpers.ts";

// Two server nodes share one PostgreSQL, one Redis and one DATA_DIR (plans,
// invites and the auth secret are still in SQLite). Node A never catches up
// from PostgreSQL by timer, so what reaches it came through Redis; node B
// catches up every 200 ms. No timing is asserted: every wait ends when a
// document or awareness reaches the expected state, and the test timeout
// bounds it.

let services: TestServices;
let fixture: Fixture;
let nodeA: ServerProcess;
let nodeB: ServerProcess;
const clients: TestClient[] = [];

function startNode(catchUpMs: number): Promise<ServerProcess> {
  return spawnServer(fixture, {
    DATABASE_URL: services.postgres.url,
    REDIS_URL: services.redis.url,
    CLUSTER_CATCH_UP_MS: String(catchUpMs),
    LOG_LEVEL: "warn",
  });
}

beforeAll(async () => {
  services = await startTestServices();
  fixture = createFixture();
  // One after the other, so that only one node creates the SQLite tables.
  nodeA = await startNode(86_400_000);
  nodeB = await startNode(200);
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  for (const node of [nodeA, nodeB]) {
    if (
      node &&
      node.child.exitCode === null &&
      node.child.signalCode === null
    ) {
      node.child.kill("SIGTERM");
      await node.exited;
    }
  }
  await services?.stop();
  fixture?.remove();
});

async function editor(node: { syncUrl: string }): Promise<TestClient> {
  const client = connectClient(node, "demo", await testToken("editor"));
  clients.push(client);
  await synced(client);
  return client;
}

function newTerritory(client: TestClient, name: string): string {
  return client.plan.createTerritory({
    name,
    color: "#336699",
    parentId: null,
    ownerId: null,
    locked: false,
    kind: "territory",
  });
}

function hasTerritories(client: TestClient, names: string[]): () => boolean {
  return () => {
    const present = new Set(territoryNames(client.plan));
    return names.every((name) => present.has(name));
  };
}

/** Runs `work` with a store of its own on the test PostgreSQL. */
async function withStore<T>(
  work: (store: PostgresUpdateStore) => Promise<T>,
): Promise<T> {
  const store = await PostgresUpdateStore.open({
    databaseUrl: services.postgres.url,
    logger: createLogger("silent"),
    readLocalRoom: () => {
      throw new Error("The demo room should already be in PostgreSQL.");
    },
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Reads the demo plan as stored in PostgreSQL, without any server node. */
function storedPlan(): Promise<PlanDoc> {
  return withStore(async (store) => {
    const stored = await store.loadRoom("demo");
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return new PlanDoc(doc);
  });
}

/** Stores a new territory in PostgreSQL without telling any node. */
async function storeUnpublished(name: string): Promise<void> {
  const plan = await storedPlan();
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
  await withStore((store) => store.appendUpdate("demo", update, null));
}

/**
 * Starts a TCP load balancer on loopback. Each connection goes to the
 * first backend that accepts it, so connections move on when a node dies.
 */
async function startBalancer(ports: number[]) {
  const server = net.createServer((client) => {
    client.pause();
    const tryBackend = (index: number) => {
      if (index >= ports.length) {
        client.destroy();
        return;
      }
      const upstream = net.connect(ports[index], "127.0.0.1");
      upstream.once("error", () => tryBackend(index + 1));
      upstream.once("connect", () => {
        upstream.removeAllListeners("error");
        upstream.on("error", () => client.destroy());
        client.on("error", () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.once("close", () => upstream.destroy());
        upstream.once("close", () => client.destroy());
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve()),
  );
  const { port } = server.address() as net.AddressInfo;
  return {
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    close: () => {
      server.close();
    },
  };
}

describe("cluster mode", () => {
  test("clients on two nodes converge", async () => {
    const a = await editor(nodeA);
    const b = await editor(nodeB);
    expect(territoryNames(b.plan)).toEqual(["East", "West"]);

    // Node A has not written since B's edit, so only Redis can bring it.
    newTerritory(b, "South");
    await until(a.doc, hasTerritories(a, ["South"]));
    newTerritory(a, "North");
    a.plan.assign(["01005"], "demo-west");

    await until(b.doc, hasTerritories(b, ["North", "South"]));
    await until(b.doc, () => b.plan.territoryOf("01005") === "demo-west");
    expect(a.plan.snapshot()).toEqual(b.plan.snapshot());

    const stored = await storedPlan();
    expect(territoryNames(stored)).toEqual(
      expect.arrayContaining(["North", "South"]),
    );
    expect(stored.territoryOf("01005")).toBe("demo-west");
  });

  test("update never published arrives by catch-up", async () => {
    const watcher = await editor(nodeB);

    // As when a node dies between its commit and its publish
    await storeUnpublished("Unannounced");

    await until(watcher.doc, hasTerritories(watcher, ["Unannounced"]));
    expect(territoryNames(watcher.plan)).toContain("Unannounced");
  });

  test("presence crosses nodes", async () => {
    const a = await editor(nodeA);
    const b = await editor(nodeB);
    const awarenessOfB = b.provider.awareness;
    const seesAda = () =>
      [...awarenessOfB.getStates().values()].some(
        (state) => (state as { user?: { name?: string } }).user?.name === "Ada",
      );

    a.provider.awareness.setLocalStateField("user", { name: "Ada" });
    await new Promise<void>((resolve) => {
      const check = () => {
        if (!seesAda()) return;
        awarenessOfB.off("change", check);
        resolve();
      };
      awarenessOfB.on("change", check);
      check();
    });
    expect(awarenessOfB.getStates().get(a.doc.clientID)).toMatchObject({
      user: { name: "Ada" },
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
    const a = await editor(nodeA);

    // Node A catches up by timer only once a day, so the update stored
    // while Redis is down reaches it only by the catch-up on reconnect.
    await services.redis.stop();
    await storeUnpublished("During outage");
    services.redis = await startRedis({ port: services.redis.port });

    await until(a.doc, hasTerritories(a, ["During outage"]));
    expect(territoryNames(a.plan)).toContain("During outage");
  });

  test("killed node loses no edit", async () => {
    const balancer = await startBalancer([nodeA.port, nodeB.port]);
    try {
      const writer = await editor(balancer);
      const watcher = await editor(nodeB);
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
      const stored = await storedPlan();
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
    const seqs = await withStore((first) =>
      withStore((second) =>
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
    const stored = await withStore((store) => store.updatesAfter("race", 0));
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
    const firsts = await withStore((first) =>
      withStore((second) =>
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
    const rows = await withStore(async (store) => {
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

    const stored = await withStore(async (store) => {
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
    const read = () => readConfig({ DATABASE_URL: services.postgres.url });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/REDIS_URL is missing/);
  });

  test("REDIS_URL without DATABASE_URL is rejected", () => {
    expect(() => readConfig({ REDIS_URL: services.redis.url })).toThrow(
      /DATABASE_URL is missing/,
    );
  });

  test("CLUSTER_CATCH_UP_MS below 100 is rejected", () => {
    expect(() => readConfig({ CLUSTER_CATCH_UP_MS: "5" })).toThrow(
      /CLUSTER_CATCH_UP_MS "5" is not a whole number between 100/,
    );
  });
});
