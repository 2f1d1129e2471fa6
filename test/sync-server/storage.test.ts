import { describe, expect, test, vi } from "vitest";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import { Storage } from "../../sync-server/storage.ts";
import { useApiServer } from "./api-suite.ts";
import { nextEvent, serverPlan, spawnServer, until } from "./helpers.ts";

const api = useApiServer({ startEachTest: false });

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
    await api.start();
    const writer = await api.editor("demo", { sub: "writer" });
    const other = await api.editor("demo", { sub: "other" });
    const watcher = await api.editor("demo", { sub: "watcher" });
    const append = api.server.storage.appendUpdate.bind(api.server.storage);
    const failing = vi
      .spyOn(api.server.storage, "appendUpdate")
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
    expect(serverPlan(api.server).territoryOf("01009")).toBeNull();

    failing.mockRestore();
    await until(
      watcher.doc,
      () => watcher.plan.territoryOf("01009") === "demo-west",
    );
    expect(api.server.storage.countUpdates("demo")).toBe(3);
  });

  test("compaction writes a snapshot and keeps every update", async () => {
    await api.start({ compactAfterUpdates: 4 });
    const writer = await api.editor();
    const units = ["01009", "01011", "01013", "01015", "01017"];
    const lastStored = nextEvent<{ seq: number }>(
      api.server.events,
      "update-stored",
      (event) => event.seq === 6,
    );

    for (const unit of units) writer.plan.assign([unit], "demo-west");
    await lastStored;
    // A due snapshot waits until the room is idle, not in the update's path.
    expect(api.server.storage.loadRoom("demo").snapshotSeq).toBe(0);

    await untilSnapshot(api.server, 6);
    const stored = api.server.storage.loadRoom("demo");
    expect(stored.snapshotSeq).toBe(6);
    expect(stored.updates).toHaveLength(0);
    expect(api.server.storage.countUpdates("demo")).toBe(6);
    const rebuilt = loadPlanDoc(api.server.storage, "demo");
    for (const unit of units)
      expect(rebuilt.territoryOf(unit)).toBe("demo-west");
    expect(rebuilt.readAssignments()).toEqual(writer.plan.readAssignments());
  });

  test("busy room compacts at the backlog limit", async () => {
    await api.start({ compactAfterUpdates: 2 });
    const writer = await api.editor();
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
      api.server.events,
      "update-stored",
      (event) => event.seq === 8,
    );

    for (const unit of units) writer.plan.assign([unit], "demo-west");
    await backlogFull;
    // The snapshot is built in a worker thread after the backlog filled.
    await untilSnapshot(api.server, 8);

    expect(api.server.storage.loadRoom("demo").snapshotSeq).toBe(8);
    const rebuilt = loadPlanDoc(api.server.storage, "demo");
    for (const unit of units)
      expect(rebuilt.territoryOf(unit)).toBe("demo-west");
  });

  test("room unload writes a due snapshot", async () => {
    await api.start({ compactAfterUpdates: 2 });
    const writer = await api.editor();
    const stored = nextEvent<{ seq: number }>(
      api.server.events,
      "update-stored",
      (event) => event.seq === 3,
    );
    writer.plan.assign(["01009"], "demo-west");
    writer.plan.assign(["01011"], "demo-west");
    await stored;
    expect(api.server.storage.loadRoom("demo").snapshotSeq).toBe(0);

    await api.server.close();
    const reopened = Storage.open(api.fixture.dataDir);
    try {
      expect(reopened.loadRoom("demo").snapshotSeq).toBe(3);
    } finally {
      reopened.close();
    }
  });

  test("edit a peer saw survives a killed server", async () => {
    const killed = await spawnServer(api.fixture);
    const writer = await api.editor("demo", { target: killed });
    const watcher = await api.editor("demo", { target: killed });

    writer.plan.assign(["01009"], "demo-west");
    await until(
      watcher.doc,
      () => watcher.plan.territoryOf("01009") === "demo-west",
    );
    killed.child.kill("SIGKILL");
    expect((await killed.exited).signal).toBe("SIGKILL");
    api.destroyClients();

    await api.start();
    const reader = await api.editor();
    expect(reader.plan.territoryOf("01009")).toBe("demo-west");
    expect(reader.plan.readTerritories()).toHaveLength(2);
  });
});
