import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  nextEvent,
  serverPlan,
  spawnServer,
  startTestServer,
  synced,
  testToken,
  until,
  type Fixture,
  type TestClient,
} from "./helpers.ts";

let fixture: Fixture;
let server: RunningServer | null;
const clients: TestClient[] = [];

beforeEach(() => {
  fixture = createFixture();
  server = null;
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.close();
  fixture.remove();
});

async function editor(
  target: { syncUrl: string },
  sub?: string,
): Promise<TestClient> {
  const client = connectClient(
    target,
    "demo",
    await testToken("editor", { sub }),
  );
  clients.push(client);
  await synced(client);
  return client;
}

describe("storage", () => {
  test("failed write closes the writer, which resends later", async () => {
    server = await startTestServer(fixture);
    const writer = await editor(server, "writer");
    const other = await editor(server, "other");
    const watcher = await editor(server, "watcher");
    const append = server.storage.appendUpdate.bind(server.storage);
    const failing = vi
      .spyOn(server.storage, "appendUpdate")
      .mockImplementation((room, update, personId) => {
        if (personId === "writer") throw new Error("disk I/O error");
        return append(room, update, personId);
      });
    const closed = new Promise<number>((resolve) =>
      writer.provider.once("connection-close", (event) => resolve(event!.code)),
    );

    writer.plan.assign(["01009"], "demo-west");

    expect(await closed).toBe(1011);
    other.plan.assign(["01011"], "demo-east");
    await until(
      watcher.doc,
      () => watcher.plan.territoryOf("01011") === "demo-east",
    );
    expect(watcher.plan.territoryOf("01009")).toBeNull();
    expect(serverPlan(server).territoryOf("01009")).toBeNull();

    failing.mockRestore();
    await until(
      watcher.doc,
      () => watcher.plan.territoryOf("01009") === "demo-west",
    );
    expect(server.storage.countUpdates("demo")).toBe(3);
  });

  test("compaction writes a snapshot and keeps every update", async () => {
    server = await startTestServer(fixture, { compactAfterUpdates: 4 });
    const writer = await editor(server);
    const units = ["01009", "01011", "01013", "01015", "01017"];
    const lastStored = nextEvent<{ seq: number }>(
      server.events,
      "update-stored",
      (event) => event.seq === 6,
    );

    for (const unit of units) writer.plan.assign([unit], "demo-west");
    await lastStored;

    const stored = server.storage.loadRoom("demo");
    expect(stored.snapshotSeq).toBe(4);
    expect(stored.updates).toHaveLength(2);
    expect(server.storage.countUpdates("demo")).toBe(6);
    const rebuilt = loadPlanDoc(server.storage, "demo");
    for (const unit of units)
      expect(rebuilt.territoryOf(unit)).toBe("demo-west");
    expect(rebuilt.readAssignments()).toEqual(writer.plan.readAssignments());
  });

  test("edit a peer saw survives a killed server", async () => {
    const killed = await spawnServer(fixture);
    const writer = await editor(killed);
    const watcher = await editor(killed);

    writer.plan.assign(["01009"], "demo-west");
    await until(
      watcher.doc,
      () => watcher.plan.territoryOf("01009") === "demo-west",
    );
    killed.child.kill("SIGKILL");
    expect((await killed.exited).signal).toBe("SIGKILL");
    for (const client of clients.splice(0)) client.destroy();

    server = await startTestServer(fixture);
    const reader = await editor(server);
    expect(reader.plan.territoryOf("01009")).toBe("demo-west");
    expect(reader.plan.readTerritories()).toHaveLength(2);
  });
});
