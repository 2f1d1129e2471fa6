import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { createServerEvents } from "../../sync-server/events.ts";
import { createLogger } from "../../sync-server/log.ts";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import { Room, type RoomMember } from "../../sync-server/room.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import { Storage, StorageError } from "../../sync-server/storage.ts";
import {
  connectClient,
  createFixture,
  LogCapture,
  nextEvent,
  startTestServer,
  synced,
  testToken,
  type Fixture,
  type TestClient,
} from "./helpers.ts";

let fixture: Fixture;
let storage: Storage | null;
let server: RunningServer | null;
const clients: TestClient[] = [];

beforeEach(() => {
  fixture = createFixture();
  storage = null;
  server = null;
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.close();
  storage?.close();
  fixture.remove();
});

/** Stores `count` edits of a map key in room "notes" and returns the doc that made them. */
function storeEdits(target: Storage, count: number): Y.Doc {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  for (let index = 0; index < count; index++) {
    doc.getMap("notes").set(`key-${index % 3}`, `value ${index}`);
    target.appendUpdate("notes", updates.pop()!, "person-1");
  }
  return doc;
}

function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

describe("snapshot worker", () => {
  test("builds the state of every stored update", async () => {
    storage = Storage.open(fixture.dataDir);
    const source = storeEdits(storage, 9);

    const built = await storage.buildSnapshot("notes", 9);

    expect(built.failedSeqs).toEqual([]);
    expect(docOf(built.state).getMap("notes").toJSON()).toEqual(
      source.getMap("notes").toJSON(),
    );
    expect(Y.encodeStateVector(docOf(built.state))).toEqual(
      Y.encodeStateVector(source),
    );
  });

  test("starts from the latest snapshot up to seq", async () => {
    storage = Storage.open(fixture.dataDir);
    const source = storeEdits(storage, 6);
    const atFour = await storage.buildSnapshot("notes", 4);
    storage.writeSnapshot("notes", 4, atFour.state);
    // A snapshot after the requested seq must not be used.
    storage.writeSnapshot("notes", 6, new Uint8Array([0, 0]));

    const built = await storage.buildSnapshot("notes", 5);

    expect(docOf(atFour.state).getMap("notes").get("key-0")).toBe("value 3");
    const map = docOf(built.state).getMap("notes");
    expect(map.get("key-1")).toBe("value 4");
    expect(map.get("key-2")).toBe("value 2");
    expect(source.getMap("notes").get("key-2")).toBe("value 5");
  });

  test("rejects a seq beyond the stored updates", async () => {
    storage = Storage.open(fixture.dataDir);
    storeEdits(storage, 3);

    const built = storage.buildSnapshot("notes", 5);

    await expect(built).rejects.toThrow(StorageError);
    await expect(built).rejects.toThrow(
      /3 stored updates between seq 1 and 5, expected 5/,
    );
  });

  test("close rejects later builds and removes the WAL", async () => {
    storage = Storage.open(fixture.dataDir);
    storeEdits(storage, 3);
    await storage.buildSnapshot("notes", 3);
    const pending = storage.buildSnapshot("notes", 3);

    storage.close();

    await expect(pending).rejects.toThrow(StorageError);
    await expect(storage.buildSnapshot("notes", 3)).rejects.toThrow(
      /is closed/,
    );
    const wal = path.join(fixture.dataDir, "meridian.db-wal");
    expect(fs.existsSync(wal)).toBe(false);
    storage = null;
  });
});

describe("room compaction", () => {
  test("busy room snapshots in the background", async () => {
    const logs = new LogCapture();
    server = await startTestServer(fixture, { compactAfterUpdates: 2 }, logs);
    const writer = connectClient(server, "demo", await testToken("editor"));
    clients.push(writer);
    await synced(writer);
    const westUnits = [
      "01009",
      "01011",
      "01013",
      "01015",
      "01017",
      "01019",
      "01021",
    ];
    const eastUnits = ["01023", "01025"];
    // The plan's first update is seq 1, so seq 8 makes 4 × 2 since no
    // snapshot, which starts a build without waiting for an idle room.
    const backlogFull = nextEvent<{ seq: number }>(
      server.events,
      "update-stored",
      (event) => event.seq === 8,
    );
    for (const unit of westUnits) writer.plan.assign([unit], "demo-west");
    await backlogFull;
    // The worker's reply arrives in a later turn than the update.
    expect(server.storage.loadRoom("demo").snapshotSeq).toBe(0);
    // Later edits are stored after the build's seq.
    for (const unit of eastUnits) writer.plan.assign([unit], "demo-east");

    const running = server;
    await expect
      .poll(() => running.storage.loadRoom("demo").snapshotSeq, {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(8);
    const written = logs.lines
      .map((line) => JSON.parse(line) as { msg: string; seq?: number })
      .filter((line) => line.msg === "snapshot written");
    expect(written[0]?.seq).toBe(8);
    expect(logs.messages()).not.toContain("snapshot failed");
    const rebuilt = loadPlanDoc(server.storage, "demo");
    for (const unit of westUnits)
      expect(rebuilt.territoryOf(unit)).toBe("demo-west");
    for (const unit of eastUnits)
      expect(rebuilt.territoryOf(unit)).toBe("demo-east");
  });
});

describe("snapshot worker cache and checkpoints", () => {
  test("later build includes newer updates", async () => {
    storage = Storage.open(fixture.dataDir);
    const source = storeEdits(storage, 4);
    await storage.buildSnapshot("notes", 4);
    source.getMap("notes").set("key-9", "late value");
    const late = Y.encodeStateAsUpdate(
      source,
      Y.encodeStateVector(
        docOf((await storage.buildSnapshot("notes", 4)).state),
      ),
    );
    storage.appendUpdate("notes", late, "person-1");

    const built = await storage.buildSnapshot("notes", 5);

    const map = docOf(built.state).getMap("notes");
    expect(map.get("key-9")).toBe("late value");
    expect(map.toJSON()).toEqual(source.getMap("notes").toJSON());
  });

  test("build after a replaced row starts over", async () => {
    storage = Storage.open(fixture.dataDir);
    storeEdits(storage, 4);
    await storage.buildSnapshot("notes", 4);
    const other = new Y.Doc();
    other.getMap("notes").set("key-x", "replaced");
    const database = new Database(path.join(fixture.dataDir, "meridian.db"));
    try {
      database
        .prepare("UPDATE updates SET data = ? WHERE room = ? AND seq = ?")
        .run(Y.encodeStateAsUpdate(other), "notes", 4);
    } finally {
      database.close();
    }
    storage.appendUpdate("notes", new Uint8Array([0, 0]), null);

    const built = await storage.buildSnapshot("notes", 5);

    expect(docOf(built.state).getMap("notes").get("key-x")).toBe("replaced");
  });

  test("worker checkpoints the WAL into the database", async () => {
    storage = Storage.open(fixture.dataDir);
    storeEdits(storage, 2);
    await storage.buildSnapshot("notes", 2);
    const file = path.join(fixture.dataDir, "meridian.db");
    const sizeBefore = fs.statSync(file).size;

    // 2 MiB in 256 rows is far below the 10,000 pages at which the
    // server's own connection would checkpoint.
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    storage.transaction(() => {
      for (let index = 0; index < 256; index++) {
        doc.getMap("blobs").set(`blob-${index}`, "x".repeat(8192));
        storage!.appendUpdate("blobs", updates.pop()!, null);
      }
    });

    await expect
      .poll(() => fs.statSync(file).size, { timeout: 5_000 })
      .toBeGreaterThan(sizeBefore + 2 * 1024 * 1024);
  });
});

describe("room unload", () => {
  test("unload during a build snapshots in place", async () => {
    storage = Storage.open(fixture.dataDir);
    const first = new Y.Doc();
    first.getMap("units").set("seed", "none");
    storage.createPlan(
      { id: "busy", name: "Busy" },
      Y.encodeStateAsUpdate(first),
    );
    const room = new Room(
      { name: "busy", planId: "busy", kind: "plan" },
      {
        storage,
        logger: createLogger("info", new LogCapture().stream),
        events: createServerEvents(),
        compactAfterUpdates: 2,
      },
    );
    await room.load();
    const writer: RoomMember = {
      id: "writer",
      personId: "writer",
      inviteId: null,
      mayWrite: true,
      awarenessClients: new Set(),
      start() {},
      send() {},
      close() {},
    };
    room.addMember(writer);
    const edits = Array.from({ length: 7 }, (_, index) => {
      const doc = new Y.Doc();
      doc.getMap("units").set(`unit-${index}`, "west");
      return Y.encodeStateAsUpdate(doc);
    });

    // Seq 8 is 4 × 2 updates since no snapshot, so a build starts, and
    // its reply cannot arrive before the unload in this turn.
    await Promise.all(edits.map((edit) => room.writeUpdate(writer, edit)));
    room.removeMember(writer);
    room.unload();

    expect(storage.loadRoom("busy").snapshotSeq).toBe(8);
    const snapshot = docOf(storage.loadRoom("busy").snapshot!);
    expect(snapshot.getMap("units").get("unit-6")).toBe("west");
  });
});
