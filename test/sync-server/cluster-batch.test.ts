import { beforeAll, describe, expect, test } from "vitest";
import {
  countTerritories,
  flushThroughRedis,
  hasTerritories,
  logLines,
  newTerritory,
  nextClose,
  STORE_FAILED_REASON,
  useCluster,
  type ClusterNode,
} from "./cluster-helpers.ts";
import { sleepingSession, sql, storedPlan } from "./cluster-postgres.ts";
import { serverPlan, until } from "./helpers.ts";

// A cluster room appends the updates that queue while its append is in
// flight in one call of meridian_append_room_updates. A statement trigger
// counts those calls, because each runs one INSERT. Node A never catches up
// by timer and node B once a day, so what reaches node B came through Redis
// or through the catch-up a node runs for a seq that stays missing. No
// timing is asserted: every wait ends on a state, bounded by the test
// timeout.

const cluster = useCluster();
let nodeA: ClusterNode;
let nodeB: ClusterNode;

beforeAll(async () => {
  nodeA = await cluster.startNode(86_400_000);
  nodeB = await cluster.startNode(86_400_000);
});

/**
 * Adds a statement trigger that counts the INSERT statements into
 * `meridian_room_updates`, one for each append call, and returns a reader of
 * the count.
 */
async function countAppends(): Promise<() => Promise<number>> {
  const url = cluster.services.postgres.url;
  await sql(
    url,
    `CREATE TABLE IF NOT EXISTS meridian_test_appends (n bigint NOT NULL);
     TRUNCATE meridian_test_appends;
     INSERT INTO meridian_test_appends VALUES (0);
     CREATE OR REPLACE FUNCTION meridian_test_count_append() RETURNS trigger AS $$
     BEGIN
       UPDATE meridian_test_appends SET n = n + 1;
       RETURN NULL;
     END $$ LANGUAGE plpgsql;
     CREATE TRIGGER meridian_test_count_append AFTER INSERT ON meridian_room_updates
       FOR EACH STATEMENT EXECUTE FUNCTION meridian_test_count_append();`,
  );
  cluster.cleanups.push(async () => {
    await sql(
      url,
      "DROP TRIGGER IF EXISTS meridian_test_count_append ON meridian_room_updates",
    );
  });
  return async () => {
    const rows = await sql<{ n: string }>(
      url,
      "SELECT n FROM meridian_test_appends",
    );
    return Number(rows[0].n);
  };
}

/**
 * Adds a row trigger to `meridian_room_updates` that sleeps one second for
 * an update containing `slowMarker` and raises for one containing
 * `rejectMarker`, and removes it after the test.
 */
async function addSlowAndRejectTrigger(
  slowMarker: string,
  rejectMarker: string,
): Promise<() => Promise<void>> {
  const url = cluster.services.postgres.url;
  await sql(
    url,
    `CREATE OR REPLACE FUNCTION meridian_test_batch_trigger() RETURNS trigger AS $$
     BEGIN
       IF position(convert_to('${slowMarker}', 'UTF8') in NEW.data) > 0 THEN
         PERFORM pg_sleep(1);
       END IF;
       IF position(convert_to('${rejectMarker}', 'UTF8') in NEW.data) > 0 THEN
         RAISE EXCEPTION 'test trigger rejects this batch';
       END IF;
       RETURN NEW;
     END $$ LANGUAGE plpgsql;
     CREATE TRIGGER meridian_test_batch_trigger BEFORE INSERT ON meridian_room_updates
       FOR EACH ROW EXECUTE FUNCTION meridian_test_batch_trigger();`,
  );
  const remove = async () => {
    await sql(
      url,
      "DROP TRIGGER IF EXISTS meridian_test_batch_trigger ON meridian_room_updates",
    );
  };
  cluster.cleanups.push(remove);
  return remove;
}

describe("cluster append batches", () => {
  test("burst from several clients arrives once", async () => {
    const writers = [
      await cluster.editor(nodeA),
      await cluster.editor(nodeA),
      await cluster.editor(nodeA),
    ];
    const peerB = await cluster.editor(nodeB);
    const appends = await countAppends();
    const storedSeqs: number[] = [];
    const recordSeq = ({ seq }: { seq: number }) => storedSeqs.push(seq);
    nodeA.server.events.on("update-stored", recordSeq);
    cluster.cleanups.push(async () => {
      nodeA.server.events.off("update-stored", recordSeq);
    });

    // When three clients each send 20 updates in one burst
    const names: string[] = [];
    writers.forEach((writer, index) => {
      for (let edit = 0; edit < 20; edit++) {
        const name = `Burst ${index}-${edit}`;
        names.push(name);
        newTerritory(writer, name);
      }
    });

    // Then the peer on node B and every writer have each territory once
    await until(peerB.doc, hasTerritories(peerB, names));
    for (const writer of writers)
      await until(writer.doc, hasTerritories(writer, names));
    for (const name of names) {
      expect(countTerritories(peerB.plan, name)).toBe(1);
      expect(countTerritories(serverPlan(nodeB.server), name)).toBe(1);
    }
    const stored = await storedPlan(cluster.services.postgres.url);
    for (const name of names) expect(countTerritories(stored, name)).toBe(1);

    // and the 60 updates took fewer append calls than updates, with
    // consecutive seqs
    expect(storedSeqs).toHaveLength(60);
    const appendCount = await appends();
    expect(appendCount).toBeGreaterThan(0);
    expect(appendCount).toBeLessThan(60);
    const sorted = [...storedSeqs].sort((a, b) => a - b);
    expect(sorted.at(-1)! - sorted[0]).toBe(59);
    expect(storedSeqs).toEqual(sorted);
    expect(peerB.plan.snapshot()).toEqual(writers[0].plan.snapshot());
  });

  test("failed batch closes all its writers", async () => {
    const slow = await cluster.editor(nodeA);
    const rejected = await cluster.editor(nodeA);
    const innocent = await cluster.editor(nodeA);
    const peerA = await cluster.editor(nodeA);
    const peerB = await cluster.editor(nodeB);
    const removeTrigger = await addSlowAndRejectTrigger(
      "Slow batch edit",
      "Rejected batch edit",
    );

    // Given an append that is in flight, so that the next updates queue
    newTerritory(slow, "Slow batch edit");
    await sleepingSession(cluster.services.postgres.url);

    // When two writers' updates share the next batch and one is rejected
    const rejectedClosed = nextClose(rejected);
    const innocentClosed = nextClose(innocent);
    newTerritory(rejected, "Rejected batch edit");
    newTerritory(innocent, "Innocent batch edit");

    // Then both writers are closed, the failure is logged, and no peer has
    // either update
    expect(await rejectedClosed).toEqual({
      code: 1011,
      reason: STORE_FAILED_REASON,
    });
    expect(await innocentClosed).toEqual({
      code: 1011,
      reason: STORE_FAILED_REASON,
    });
    const failures = logLines(nodeA.logs, "update not stored");
    expect(failures.length).toBeGreaterThan(0);
    expect((failures[0].err as { message: string }).message).toContain(
      "rejects this batch",
    );
    await flushThroughRedis(peerA, peerB, "after rejected batch");
    for (const name of ["Rejected batch edit", "Innocent batch edit"]) {
      for (const client of [slow, peerA, peerB])
        expect(countTerritories(client.plan, name)).toBe(0);
      expect(countTerritories(serverPlan(nodeA.server), name)).toBe(0);
      expect(countTerritories(serverPlan(nodeB.server), name)).toBe(0);
    }
    expect(countTerritories(peerB.plan, "Slow batch edit")).toBe(1);

    // Once inserts work, both writers resend and everyone has both once
    await removeTrigger();
    const names = ["Rejected batch edit", "Innocent batch edit"];
    for (const client of [peerA, peerB, rejected, innocent])
      await until(client.doc, hasTerritories(client, names));
    const stored = await storedPlan(cluster.services.postgres.url);
    for (const name of names) {
      expect(countTerritories(stored, name)).toBe(1);
      expect(countTerritories(peerB.plan, name)).toBe(1);
    }
  });

  test("catch-up logs info only for news", async () => {
    const writerA = await cluster.editor(nodeA);
    const writerB = await cluster.editor(nodeB);
    const linesBefore = [nodeA.logs.lines.length, nodeB.logs.lines.length];

    // When both nodes write the room at once
    const names: string[] = [];
    for (let edit = 0; edit < 30; edit++) {
      names.push(`Node A ${edit}`, `Node B ${edit}`);
      newTerritory(writerA, `Node A ${edit}`);
      newTerritory(writerB, `Node B ${edit}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }

    // Then both converge, and a catch-up is logged at info only when it
    // changed the document. Which catch-ups run depends on when the Redis
    // publishes arrive, so the check covers every line that was logged.
    await until(writerA.doc, hasTerritories(writerA, names));
    await until(writerB.doc, hasTerritories(writerB, names));
    for (const name of names) {
      expect(countTerritories(writerA.plan, name)).toBe(1);
      expect(countTerritories(writerB.plan, name)).toBe(1);
    }
    const catchUps = [nodeA, nodeB]
      .flatMap((node, index) => node.logs.lines.slice(linesBefore[index]))
      .map(
        (line) =>
          JSON.parse(line) as { msg: string; level: number; changed: boolean },
      )
      .filter((line) => line.msg === "room caught up from the store");
    for (const line of catchUps) {
      if (line.level >= 30) expect(line.changed).toBe(true);
      else expect(line.changed).toBe(false);
    }
  });
});
