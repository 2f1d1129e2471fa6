import { afterAll, afterEach, beforeAll } from "vitest";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import {
  startRedis,
  startTestServices,
  type TestServices,
} from "../../scripts/test-services/index.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  LogCapture,
  spawnServer,
  startTestServer,
  synced,
  territoryNames,
  testToken,
  type Fixture,
  type ServerProcess,
  type TestClient,
} from "./helpers.ts";

/** The close reason a node sends a client whose update it could not store. */
export const STORE_FAILED_REASON =
  "The server could not store your update; reconnect to send it again.";

/** An in-process cluster node and the log lines it wrote. */
export interface ClusterNode {
  server: RunningServer;
  logs: LogCapture;
}

/**
 * Starts a node on the test PostgreSQL and Redis. `catchUpMs` is how often
 * it reads missed updates from PostgreSQL, so a node with a day's interval
 * receives other nodes' updates through Redis only.
 */
export async function startClusterNode(
  fixture: Fixture,
  services: TestServices,
  catchUpMs: number,
): Promise<ClusterNode> {
  const logs = new LogCapture();
  const server = await startTestServer(
    fixture,
    {
      databaseUrl: services.postgres.url,
      redisUrl: services.redis.url,
      clusterCatchUpMs: catchUpMs,
    },
    logs,
  );
  return { server, logs };
}

/**
 * The setup that every cluster test file shares: the test PostgreSQL and
 * Redis, one fixture DATA_DIR for every node, the nodes the file starts, and
 * the clients and cleanups of the running test. `useCluster` creates it.
 */
export class ClusterSuite {
  /**
   * Functions run after the current test, in the order added. A test may
   * pop the last one to run it early or to drop it.
   */
  readonly cleanups: (() => Promise<void>)[] = [];
  private readonly clients: TestClient[] = [];
  private readonly inProcessNodes: ClusterNode[] = [];
  private readonly spawnedNodes: ServerProcess[] = [];
  private started: { services: TestServices; fixture: Fixture } | null = null;

  get services(): TestServices {
    return this.require().services;
  }

  get fixture(): Fixture {
    return this.require().fixture;
  }

  /**
   * Starts an in-process node, closed after the file's tests. Start nodes
   * one after the other, so that only one of them creates the SQLite tables.
   */
  async startNode(catchUpMs: number): Promise<ClusterNode> {
    const node = await startClusterNode(this.fixture, this.services, catchUpMs);
    this.inProcessNodes.push(node);
    return node;
  }

  /**
   * Starts a node in a child process as `npm start` does. It is killed after
   * the file's tests unless it has exited by then.
   */
  async spawnNode(
    catchUpMs: number,
    logLevel: "info" | "warn",
  ): Promise<ServerProcess> {
    const node = await spawnServer(this.fixture, {
      DATABASE_URL: this.services.postgres.url,
      REDIS_URL: this.services.redis.url,
      CLUSTER_CATCH_UP_MS: String(catchUpMs),
      LOG_LEVEL: logLevel,
    });
    this.spawnedNodes.push(node);
    return node;
  }

  /**
   * Connects an editor of the demo plan to a node, or to anything with a
   * sync URL, and resolves once it has synced. It is destroyed after the
   * test.
   */
  async editor(target: ClusterNode | { syncUrl: string }): Promise<TestClient> {
    const server = "server" in target ? target.server : target;
    const client = connectClient(server, "demo", await testToken("editor"));
    this.clients.push(client);
    await synced(client);
    return client;
  }

  /** Starts Redis again on its old port after a test stopped it. */
  async startRedisAgain(): Promise<void> {
    this.services.redis = await startRedis({ port: this.services.redis.port });
  }

  async start(): Promise<void> {
    const services = await startTestServices();
    this.started = { services, fixture: createFixture() };
  }

  async endTest(): Promise<void> {
    for (const client of this.clients.splice(0)) client.destroy();
    for (const cleanup of this.cleanups.splice(0)) await cleanup();
  }

  async stop(): Promise<void> {
    for (const node of this.inProcessNodes) await node.server.close();
    for (const node of this.spawnedNodes) {
      if (node.child.exitCode !== null || node.child.signalCode !== null)
        continue;
      node.child.kill("SIGKILL");
      await node.exited;
    }
    await this.started?.services.stop();
    this.started?.fixture.remove();
  }

  private require(): { services: TestServices; fixture: Fixture } {
    if (!this.started)
      throw new Error(
        "The cluster services are not running yet. Read them inside a hook or a test, which run after the beforeAll hook of useCluster.",
      );
    return this.started;
  }
}

/**
 * Registers the hooks of a cluster test file: start PostgreSQL, Redis and a
 * fixture before its tests, destroy the clients and run the cleanups after
 * each test, and stop the nodes, the services and the fixture after its
 * tests.
 */
export function useCluster(): ClusterSuite {
  const cluster = new ClusterSuite();
  beforeAll(() => cluster.start());
  afterEach(() => cluster.endTest());
  afterAll(() => cluster.stop());
  return cluster;
}

export function newTerritory(client: TestClient, name: string): string {
  return client.plan.createTerritory({
    name,
    color: "#336699",
    parentId: null,
    ownerId: null,
    locked: false,
    kind: "territory",
  });
}

/** Counts the territories of `plan` named `name`. */
export function countTerritories(plan: PlanDoc, name: string): number {
  return territoryNames(plan).filter((other) => other === name).length;
}

export function hasTerritories(
  client: TestClient,
  names: string[],
): () => boolean {
  return () => {
    const present = new Set(territoryNames(client.plan));
    return names.every((name) => present.has(name));
  };
}

/** Resolves with the code and reason of the client's next socket close. */
export function nextClose(
  client: TestClient,
): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const listener = (event: { code: number; reason: string } | null) => {
      if (event === null) return;
      client.provider.off("connection-close", listener);
      resolve({ code: event.code, reason: event.reason });
    };
    client.provider.on("connection-close", listener);
  });
}

/**
 * Resolves once the client's awareness shows another client whose state has
 * `marker` as its `marker` field.
 */
export function untilAwarenessMarker(
  client: TestClient,
  marker: string,
): Promise<void> {
  const awareness = client.provider.awareness;
  const seen = () =>
    [...awareness.getStates().values()].some(
      (state) => (state as { marker?: string }).marker === marker,
    );
  return new Promise((resolve) => {
    const check = () => {
      if (!seen()) return;
      awareness.off("change", check);
      resolve();
    };
    awareness.on("change", check);
    check();
  });
}

/**
 * Sends an awareness marker from `from` and resolves once `to` receives it, so
 * that everything `from`'s node published before it has reached `to`.
 */
export async function flushThroughRedis(
  from: TestClient,
  to: TestClient,
  marker: string,
): Promise<void> {
  const seen = untilAwarenessMarker(to, marker);
  from.provider.awareness.setLocalStateField("marker", marker);
  await seen;
}

/** `GET /healthz` of a node: the status code and the parsed body. */
export async function getHealth(
  server: RunningServer,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/healthz`);
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** Requests `/healthz` every 50 ms until `check` holds for a reply. */
export async function untilHealth(
  server: RunningServer,
  check: (reply: { status: number; body: Record<string, unknown> }) => boolean,
): Promise<{ status: number; body: Record<string, unknown> }> {
  for (;;) {
    const reply = await getHealth(server);
    if (check(reply)) return reply;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Parsed log lines of a node whose message is `message`. */
export function logLines(
  logs: LogCapture,
  message: string,
): Record<string, unknown>[] {
  return logs.lines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === message);
}
