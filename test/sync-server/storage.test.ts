import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import { Storage } from "../../sync-server/storage.ts";
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

async function untilSnapshot(
  running: RunningServer,
  seq: number,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (running.storage.loadRoom("demo").snapshotSeq < seq) {
    if (Date.now() > deadline) {
      throw new Error(`No snapshot of room demo at seq ${seq} within 10 s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
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
    // A due snapshot waits until the room is idle, not in the update's path.
    expect(server.storage.loadRoom("demo").snapshotSeq).toBe(0);

    await untilSnapshot(server, 6);
    const stored = server.storage.loadRoom("demo");
    expect(stored.snapshotSeq).toBe(6);
    expect(stored.updates).toHaveLength(0);
    expect(server.storage.countUpdates("demo")).toBe(6);
    const rebuilt = loadPlanDoc(server.storage, "demo");
    for (const unit of units)
      expect(rebuilt.territoryOf(unit)).toBe("demo-west");
    expect(rebuilt.readAssignments()).toEqual(writer.plan.readAssignments());
  });

  test("busy room compacts at the backlog limit", async () => {
    server = await startTestServer(fixture, { compactAfterUpdates: 2 });
    const writer = await editor(server);
    // The plan's first update is seq 1, so seq 8 makes 4 × 2 since no snapshot.
    const units = [
      "01009",
      "01011",
      "01013",
      "01015",
      "01017",
      "01019",
      "01021",
    ];
    const backlogFull = nextEvent<{ seq: number }>(
      server.events,
      "update-stored",
      (event) => event.seq === 8,
    );

    for (const unit of units) writer.plan.assign([unit], "demo-west");
    await backlogFull;

    expect(server.storage.loadRoom("demo").snapshotSeq).toBe(8);
    const rebuilt = loadPlanDoc(server.storage, "demo");
    for (const unit of units)
      expect(rebuilt.territoryOf(unit)).toBe("demo-west");
  });

  test("room unload writes a due snapshot", async () => {
    server = await startTestServer(fixture, { compactAfterUpdates: 2 });
    const writer = await editor(server);
    const stored = nextEvent<{ seq: number }>(
      server.events,
      "update-stored",
      (event) => event.seq === 3,
    );
    writer.plan.assign(["01009"], "demo-west");
    writer.plan.assign(["01011"], "demo-west");
    await stored;
    expect(server.storage.loadRoom("demo").snapshotSeq).toBe(0);

    await server.close();
    const reopened = Storage.open(fixture.dataDir);
    try {
      expect(reopened.loadRoom("demo").snapshotSeq).toBe(3);
    } finally {
      reopened.close();
    }
    server = null;
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
