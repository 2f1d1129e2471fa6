import { beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { useCluster, type ClusterNode } from "./cluster-helpers.ts";
import { storedPlan, withStore } from "./cluster-postgres.ts";
import {
  connectClient,
  startTestServer,
  synced,
  until,
  untilServer,
  type TestClient,
} from "./helpers.ts";
import { callApi, fetchStateDoc, joinDemo } from "./plan-api.ts";

// Versions, timeline and history read the plan's room from the SQLite copy
// in the shared DATA_DIR. These tests check that a node returns
// the edits made on the other node, and that a version saved before the
// plan moved to PostgreSQL still rebuilds the same plan.

const cluster = useCluster();
let nodeA: ClusterNode;
let nodeB: ClusterNode;
let ada: { token: string; person: { id: string; name: string } };
let beforeCluster: { id: string; seq: number };

beforeAll(async () => {
  // A single server paints one county and saves a version, then stops.
  const single = await startTestServer(cluster.fixture);
  try {
    ada = await joinDemo(single, "editor", "Ada");
    const client = connectClient(single, "demo", ada.token);
    await synced(client);
    client.plan.assign(["01001"], "demo-west");
    await untilServer(
      single,
      "demo",
      (plan) => plan.territoryOf("01001") === "demo-west",
    );
    client.destroy();
    const saved = await callApi(single, "POST", "/api/plans/demo/versions", {
      token: ada.token,
      body: { name: "Before the cluster" },
    });
    expect(saved.status).toBe(201);
    beforeCluster = saved.body;
  } finally {
    await single.close();
  }
  nodeA = await cluster.startNode(200);
  nodeB = await cluster.startNode(200);
});

async function connect(node: ClusterNode, token: string): Promise<TestClient> {
  const client = connectClient(node.server, "demo", token);
  cluster.cleanups.push(async () => client.destroy());
  await synced(client);
  return client;
}

/**
 * Paints a county from a client of node A and waits until a client of node
 * B has it, so both nodes applied it.
 */
async function paintOnA(unitId: string, territoryId: string): Promise<void> {
  const writer = await connect(nodeA, ada.token);
  const reader = await connect(nodeB, ada.token);
  writer.plan.assign([unitId], territoryId);
  await until(
    reader.doc,
    () => reader.plan.territoryOf(unitId) === territoryId,
  );
}

describe("reads of edits from another node", () => {
  test("new version on B has A's edit", async () => {
    await paintOnA("06001", "demo-east");

    const saved = await callApi(
      nodeB.server,
      "POST",
      "/api/plans/demo/versions",
      {
        token: ada.token,
        body: { name: "Workshop" },
      },
    );

    expect(saved.status).toBe(201);
    expect(saved.body.seq).toBeGreaterThan(beforeCluster.seq);
    const now = new PlanDoc(
      await fetchStateDoc(
        nodeB.server,
        ada.token,
        `/api/plans/demo/versions/${saved.body.id}/state`,
      ),
    );
    expect(now.territoryOf("01001")).toBe("demo-west");
    expect(now.territoryOf("06001")).toBe("demo-east");
    const then = new PlanDoc(
      await fetchStateDoc(
        nodeB.server,
        ada.token,
        `/api/plans/demo/versions/${beforeCluster.id}/state`,
      ),
    );
    expect(then.territoryOf("01001")).toBe("demo-west");
    expect(then.territoryOf("06001")).toBe("demo-west");
  });

  test("B's timeline names A's editor", async () => {
    await paintOnA("01005", "demo-west");

    const timeline = await callApi(
      nodeB.server,
      "GET",
      "/api/plans/demo/timeline",
      {
        token: ada.token,
      },
    );
    const history = await callApi(
      nodeB.server,
      "GET",
      "/api/plans/demo/history?kind=county&id=01005",
      { token: ada.token },
    );

    expect(timeline.status).toBe(200);
    const seqs = timeline.body.points.map(
      (point: { seq: number }) => point.seq,
    );
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const late = timeline.body.points.filter(
      (point: { seq: number; name: string | null }) =>
        point.seq > beforeCluster.seq && point.name === "Ada",
    );
    expect(late.length).toBeGreaterThan(0);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toContain("demo-west");
    expect(JSON.stringify(history.body)).toContain(ada.person.id);
  });

  test("request fills what only PostgreSQL has", async () => {
    // A node stored this update and stopped before it copied it to SQLite.
    const plan = await storedPlan(cluster.services.postgres.url);
    const before = Y.encodeStateVector(plan.doc);
    plan.assign(["01007"], "demo-east");
    const update = Y.encodeStateAsUpdate(plan.doc, before);
    const seq = await withStore(cluster.services.postgres.url, (store) =>
      store.appendUpdate("demo", update, null),
    );
    expect(nodeB.server.storage.updatesAfter("demo", seq - 1)).toEqual([]);

    const state = new PlanDoc(
      await fetchStateDoc(
        nodeB.server,
        ada.token,
        `/api/plans/demo/timeline/${seq}/state`,
      ),
    );

    expect(state.territoryOf("01007")).toBe("demo-east");
    expect(nodeB.server.storage.updatesAfter("demo", seq - 1)).toHaveLength(1);
  });
});
