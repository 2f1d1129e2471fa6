import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { planContentHash } from "../../model/doc/plan-content.ts";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { restorePlanState } from "../../model/doc/restore.ts";
import { serverPlan, until, untilServer, type TestClient } from "./helpers.ts";
import { useApiServer } from "./api-suite.ts";
import { callApi, fetchStateDoc, joinDemo } from "./plan-api.ts";

const api = useApiServer();

function connect(token: string): Promise<TestClient> {
  return api.connectSynced("demo", token);
}

describe("restore a version", () => {
  test("editor restores a version through sync", async () => {
    // Given a saved version and later edits by an editor
    const ada = await joinDemo(api.server, "editor", "Ada");
    const bob = await joinDemo(api.server, "editor", "Bob");
    const editor = await connect(ada.token);
    const peer = await connect(bob.token);
    editor.plan.assign(["01009"], "demo-west");
    await untilServer(
      api.server,
      "demo",
      (plan) => plan.territoryOf("01009") === "demo-west",
    );
    const saved = await callApi(
      api.server,
      "POST",
      "/api/plans/demo/versions",
      {
        token: ada.token,
        body: { name: "Before the split" },
      },
    );
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
      api.server,
      "demo",
      (plan) => plan.territoryOf("01011") === north,
    );
    const seqBeforeRestore = api.server.storage.countUpdates("demo");

    // When the editor restores the version on their own document
    const version = new PlanDoc(
      await fetchStateDoc(
        api.server,
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
      api.server,
      "demo",
      (plan) => plan.readTerritory(north) === null,
    );

    // Then the server and the peer hold the version's content
    const restored = serverPlan(api.server);
    expect(restored.readTerritories()).toEqual(version.readTerritories());
    expect(restored.readAssignments()).toEqual(version.readAssignments());
    expect(restored.readOverrides()).toEqual(version.readOverrides());
    expect(planContentHash(restored.doc)).toBe(planContentHash(version.doc));
    await until(peer.doc, () => peer.plan.readTerritory(north) === null);
    expect(peer.plan.readAssignments()).toEqual(version.readAssignments());

    // And history keeps every update, so the edits before it still rebuild
    expect(api.server.storage.countUpdates("demo")).toBeGreaterThan(
      seqBeforeRestore,
    );
    const before = new PlanDoc(
      await fetchStateDoc(
        api.server,
        ada.token,
        `/api/plans/demo/timeline/${seqBeforeRestore}/state`,
      ),
    );
    expect(before.territoryOf("01011")).toBe(north);

    // And one undo step takes the restore back everywhere
    expect(undoManager.undoStack).toHaveLength(1);
    undoManager.undo();
    await untilServer(
      api.server,
      "demo",
      (plan) => plan.territoryOf("01011") === north,
    );
    expect(serverPlan(api.server).territoryOf("01009")).toBe(north);
  });
});
