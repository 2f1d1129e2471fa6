import pg from "pg";
import * as Y from "yjs";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import type { TestServices } from "../../scripts/test-services/index.ts";
import { createLogger } from "../../sync-server/log.ts";
import { PostgresUpdateStore } from "../../sync-server/cluster/postgres-store.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  LogCapture,
  startTestServer,
  territoryNames,
  type Fixture,
  type TestClient,
} from "./helpers.ts";

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

/** Runs one SQL statement on the test PostgreSQL with a connection of its own. */
export async function sql<Row extends pg.QueryResultRow>(
  databaseUrl: string,
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Adds a trigger to `meridian_room_updates` that runs `action` (PL/pgSQL)
 * for every inserted update whose bytes contain `marker`, and returns a
 * function that removes it.
 */
export async function addUpdateTrigger(
  databaseUrl: string,
  marker: string,
  action: string,
): Promise<() => Promise<void>> {
  await sql(
    databaseUrl,
    `CREATE OR REPLACE FUNCTION meridian_test_trigger() RETURNS trigger AS $$
     BEGIN
       IF position(convert_to(${pg.escapeLiteral(marker)}, 'UTF8') in NEW.data) > 0 THEN
         ${action}
       END IF;
       RETURN NEW;
     END $$ LANGUAGE plpgsql;
     CREATE TRIGGER meridian_test_trigger BEFORE INSERT ON meridian_room_updates
       FOR EACH ROW EXECUTE FUNCTION meridian_test_trigger();`,
  );
  return async () => {
    await sql(
      databaseUrl,
      "DROP TRIGGER IF EXISTS meridian_test_trigger ON meridian_room_updates",
    );
  };
}

/**
 * Resolves with the pid of a session sleeping in `pg_sleep`, polling
 * `pg_stat_activity` every 20 ms until one is.
 */
export async function sleepingSession(databaseUrl: string): Promise<number> {
  for (;;) {
    const rows = await sql<{ pid: number }>(
      databaseUrl,
      "SELECT pid FROM pg_stat_activity WHERE wait_event = 'PgSleep'",
    );
    if (rows.length > 0) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads a room as stored in PostgreSQL, without any server node. */
export async function storedPlan(
  databaseUrl: string,
  room = "demo",
): Promise<PlanDoc> {
  const store = await PostgresUpdateStore.open({
    databaseUrl,
    logger: createLogger("silent"),
    readLocalRoom: () => {
      throw new Error(`Room ${room} should already be in PostgreSQL.`);
    },
  });
  try {
    const stored = await store.loadRoom(room);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return new PlanDoc(doc);
  } finally {
    await store.close();
  }
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
