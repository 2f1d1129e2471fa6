import pg from "pg";
import * as Y from "yjs";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { createLogger } from "../../sync-server/log.ts";
import { PostgresUpdateStore } from "../../sync-server/cluster/postgres-store.ts";

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

/**
 * Runs `work` with an update store of its own on the test PostgreSQL, as a
 * node that no client is connected to, and closes the store afterwards.
 */
export async function withStore<T>(
  databaseUrl: string,
  work: (store: PostgresUpdateStore) => Promise<T>,
): Promise<T> {
  const store = await PostgresUpdateStore.open({
    databaseUrl,
    logger: createLogger("silent"),
    readLocalRoom: (room) => {
      throw new Error(`Room ${room} should already be in PostgreSQL.`);
    },
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Reads a room as stored in PostgreSQL, without any server node. */
export function storedPlan(
  databaseUrl: string,
  room = "demo",
): Promise<PlanDoc> {
  return withStore(databaseUrl, async (store) => {
    const stored = await store.loadRoom(room);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return new PlanDoc(doc);
  });
}
