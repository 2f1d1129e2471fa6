import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import { Storage } from "../../sync-server/storage.ts";
import { useApiServer } from "./api-suite.ts";
import {
  serverPlan,
  untilServer,
  territoryNames,
  until,
  type Fixture,
  type TestClient,
} from "./helpers.ts";

const api = useApiServer();

describe("sync", () => {
  test("new client receives the seeded demo plan", async () => {
    const client = await api.editor();

    expect(client.plan.readMeta()).toMatchObject({
      planId: "demo",
      name: "Fixture demo",
    });
    expect(client.plan.readMeta().datasets.geometry).toMatch(/^[0-9a-f]{64}$/);
    expect(territoryNames(client.plan)).toEqual(["East", "West"]);
    expect(client.plan.readAssignments()).toEqual(
      new Map([
        ["01001", "demo-east"],
        ["01003", "demo-east"],
        ["06001", "demo-west"],
      ]),
    );
  });

  test("two clients converge", async () => {
    const a = await api.editor();
    const b = await api.editor();

    a.plan.assign(["01005"], "demo-west");
    b.plan.updateTerritory("demo-east", { name: "East Coast" });

    await until(
      a.doc,
      () => a.plan.readTerritory("demo-east")?.name === "East Coast",
    );
    await until(b.doc, () => b.plan.territoryOf("01005") === "demo-west");
    expect(a.plan.snapshot()).toEqual(b.plan.snapshot());
  });

  test("concurrent paints of one unit pick one winner everywhere", async () => {
    const a = await api.editor();
    const b = await api.editor();
    const hasEditsOfBoth = (client: TestClient) => {
      const seen = Y.decodeStateVector(Y.encodeStateVector(client.doc));
      return seen.has(a.doc.clientID) && seen.has(b.doc.clientID);
    };

    a.plan.assign(["01009"], "demo-west");
    b.plan.assign(["01009"], "demo-east");
    await until(a.doc, () => hasEditsOfBoth(a));
    await until(b.doc, () => hasEditsOfBoth(b));

    const winner = a.plan.territoryOf("01009");
    expect(winner).not.toBeNull();
    expect(b.plan.territoryOf("01009")).toBe(winner);
    expect(serverPlan(api.server).territoryOf("01009")).toBe(winner);
  });

  test("restart keeps edits without re-seeding or duplicating", async () => {
    const a = await api.editor();
    a.plan.deleteTerritory("demo-west");
    const created = a.plan.createTerritory({
      name: "North",
      color: "#2ca02c",
      parentId: null,
      ownerId: null,
      locked: false,
      kind: "territory",
    });
    a.plan.assign(["06001"], created);
    await untilServer(
      api.server,
      "demo",
      (plan) => plan.territoryOf("06001") === created,
    );
    api.destroyClients();
    await api.restart();
    const b = await api.editor();

    expect(territoryNames(b.plan)).toEqual(["East", "North"]);
    expect(b.plan.territoryOf("06001")).toBe(created);
    expect(api.server.storage.listPlans().map((plan) => plan.id)).toEqual([
      "demo",
    ]);
  });

  test("restart never seeds the demo plan again", async () => {
    await api.server.close();
    const updatesAfterFirstStart = countStoredUpdates(api.fixture, "demo");
    expect(updatesAfterFirstStart).toBe(1);

    await api.start();
    await api.server.close();
    await api.start();

    expect(api.server.storage.countUpdates("demo")).toBe(
      updatesAfterFirstStart,
    );
    expect(territoryNames(loadPlanDoc(api.server.storage, "demo"))).toEqual([
      "East",
      "West",
    ]);
  });

  test("awareness is relayed between clients", async () => {
    const a = await (await api.demoRooms("editor", "Ada")).plan();
    const b = await api.editor();

    // The server stamps the person's id and name over what the client sent.
    a.provider.awareness.setLocalStateField("user", { name: "Someone else" });

    await new Promise<void>((resolve) => {
      const check = () => {
        const state = b.provider.awareness.getStates().get(a.doc.clientID);
        if (state?.user?.name === "Ada") resolve();
      };
      check();
      b.provider.awareness.on("change", check);
    });
    expect(b.provider.awareness.getStates().get(a.doc.clientID)).toEqual({
      user: { name: "Ada", id: "person-Ada" },
    });
  });

  test("review room syncs its own document", async () => {
    const a = await api.editor("demo.review");
    const b = await api.editor("demo.review");

    a.doc.getMap("comments").set("c1", "Looks good");

    await until(
      b.doc,
      () => b.doc.getMap("comments").get("c1") === "Looks good",
    );
    expect(api.server.storage.countUpdates("demo.review")).toBe(1);
    expect(b.doc.getMap("territories").size).toBe(0);
  });
});

function countStoredUpdates(fixture: Fixture, room: string): number {
  const storage = Storage.open(fixture.dataDir, { readonly: true });
  try {
    return storage.countUpdates(room);
  } finally {
    storage.close();
  }
}
