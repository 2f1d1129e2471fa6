import { afterEach, beforeEach, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { planContentHash } from "../../model/doc/plan-content.ts";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { restorePlanState } from "../../model/doc/restore.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  serverPlan,
  startTestServer,
  synced,
  until,
  untilServer,
  type Fixture,
  type TestClient,
} from "./helpers.ts";
import { callApi, fetchStateDoc, joinDemo } from "./plan-api.ts";

let fixture: Fixture;
let server: RunningServer;
const clients: TestClient[] = [];

beforeEach(async () => {
  fixture = createFixture();
  server = await startTestServer(fixture);
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
  fixture.remove();
});

async function connect(token: string): Promise<TestClient> {
  const client = connectClient(server, "demo", token);
  clients.push(client);
  await synced(client);
  return client;
}

describe("restore a version", () => {
  test("editor restores a version through sync", async () => {
    // Given a saved version and later edits by an editor
    const ada = await joinDemo(server, "editor", "Ada");
    const bob = await joinDemo(server, "editor", "Bob");
    const editor = await connect(ada.token);
    const peer = await connect(bob.token);
    editor.plan.assign(["01009"], "demo-west");
    await untilServer(
      server,
      "demo",
      (plan) => plan.territoryOf("01009") === "demo-west",
    );
    const saved = await callApi(server, "POST", "/api/plans/demo/versions", {
      token: ada.token,
      body: { name: "Before the split" },
    });
    expect(saved.status).toBe(201);
    const north = peer.plan.createTerritory({
      name: "North",
      color: "#2ca02c",
      parentId: null,
      ownerId: null,
      locked: false,
      kind: "territory",
    });
    peer.plan.assign(["01009", "01011"], north);
    await untilServer(
      server,
      "demo",
      (plan) => plan.territoryOf("01011") === north,
    );
    const seqBeforeRestore = server.storage.countUpdates("demo");

    // When the editor restores the version on their own document
    const version = new PlanDoc(
      await fetchStateDoc(
        server,
        ada.token,
        `/api/plans/demo/versions/${saved.body.id}/state`,
      ),
    );
    const origin = { person: ada.person.id };
    const undoManager = new Y.UndoManager(
      [editor.plan.territories, editor.plan.assignmentArray],
      { trackedOrigins: new Set([origin]) },
    );
    restorePlanState(editor.doc, version.doc, origin);
    await untilServer(
      server,
      "demo",
      (plan) => plan.readTerritory(north) === null,
    );

    // Then the server and the peer hold the version's content
    const restored = serverPlan(server);
    expect(restored.readTerritories()).toEqual(version.readTerritories());
    expect(restored.readAssignments()).toEqual(version.readAssignments());
    expect(restored.readOverrides()).toEqual(version.readOverrides());
    expect(planContentHash(restored.doc)).toBe(planContentHash(version.doc));
    await until(peer.doc, () => peer.plan.readTerritory(north) === null);
    expect(peer.plan.readAssignments()).toEqual(version.readAssignments());

    // And history keeps every update, so the edits before it still rebuild
    expect(server.storage.countUpdates("demo")).toBeGreaterThan(
      seqBeforeRestore,
    );
    const before = new PlanDoc(
      await fetchStateDoc(
        server,
        ada.token,
        `/api/plans/demo/timeline/${seqBeforeRestore}/state`,
      ),
    );
    expect(before.territoryOf("01011")).toBe(north);

    // And one undo step takes the restore back everywhere
    expect(undoManager.undoStack).toHaveLength(1);
    undoManager.undo();
    await untilServer(
      server,
      "demo",
      (plan) => plan.territoryOf("01011") === north,
    );
    expect(serverPlan(server).territoryOf("01009")).toBe(north);
  });
});
