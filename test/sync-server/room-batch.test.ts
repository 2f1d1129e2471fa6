import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import * as Y from "yjs";
import { createServerEvents } from "../../sync-server/events.ts";
import { createLogger } from "../../sync-server/log.ts";
import { decodeClientMessage } from "../../sync-server/protocol.ts";
import { MAX_BATCH_UPDATES } from "../../sync-server/room-batch.ts";
import { Room, type RoomMember } from "../../sync-server/room.ts";
import { Storage, StorageError } from "../../sync-server/storage.ts";
import { LogCapture } from "./helpers.ts";

// The room stores the updates of one event-loop turn in one SQLite
// transaction and sends each member the batch in one sendMany call. These
// tests drive a Room directly, with a real database and members that record
// what they are sent, so that two updates surely share a batch.

interface RecordingMember extends RoomMember {
  /** The updates of every send or sendMany call, one array a call. */
  batches: Uint8Array[][];
}

let dir: string;
let storage: Storage;
let room: Room;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-room-batch-"));
  storage = Storage.open(dir);
  storage.createPlan({ id: "batch", name: "Batch" }, firstUpdate());
  room = new Room(
    { name: "batch", planId: "batch", kind: "plan" },
    {
      storage,
      logger: createLogger("info", new LogCapture().stream),
      events: createServerEvents(),
      compactAfterUpdates: 500,
    },
  );
  await room.load();
});

afterEach(() => {
  if (room.state === "ready") room.unload();
  storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function firstUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap("units").set("seed", "none");
  return Y.encodeStateAsUpdate(doc);
}

function edit(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap("units").set(key, "west");
  return Y.encodeStateAsUpdate(doc);
}

function member(personId: string): RecordingMember {
  const recording: RecordingMember = {
    id: personId,
    personId,
    inviteId: null,
    mayWrite: true,
    awarenessClients: new Set(),
    batches: [],
    start() {},
    send(message) {
      recording.batches.push([updateOf(message)]);
    },
    sendMany(messages) {
      recording.batches.push(messages.map(updateOf));
    },
    close() {},
  };
  room.addMember(recording);
  return recording;
}

function updateOf(message: Uint8Array): Uint8Array {
  const decoded = decodeClientMessage(message);
  if (decoded.type !== "update")
    throw new Error(`Expected an update message, got ${decoded.type}.`);
  return new Uint8Array(decoded.update);
}

describe("room update batch", () => {
  test("updates of one turn share a batch", async () => {
    const ada = member("ada");
    const bob = member("bob");
    const watcher = member("watcher");
    const first = edit("01009");
    const second = edit("01011");

    const seqs = await Promise.all([
      room.writeUpdate(ada, first),
      room.writeUpdate(bob, second),
    ]);

    expect(seqs).toEqual([2, 3]);
    expect(storage.countUpdates("batch")).toBe(3);
    expect(watcher.batches).toEqual([[first, second]]);
    expect(ada.batches).toEqual([[second]]);
    expect(bob.batches).toEqual([[first]]);
    expect(room.doc.getMap("units").get("01011")).toBe("west");
  });

  test("failed update leaves the rest of its batch", async () => {
    const ada = member("ada");
    const bob = member("bob");
    const watcher = member("watcher");
    const append = storage.appendUpdate.bind(storage);
    vi.spyOn(storage, "appendUpdate").mockImplementation(
      (name, update, personId) => {
        if (personId === "ada") throw new Error("disk I/O error");
        return append(name, update, personId);
      },
    );
    const second = edit("01011");

    const [failed, stored] = await Promise.allSettled([
      room.writeUpdate(ada, edit("01009")),
      room.writeUpdate(bob, second),
    ]);

    expect(failed.status).toBe("rejected");
    expect((failed as PromiseRejectedResult).reason).toBeInstanceOf(
      StorageError,
    );
    expect(stored).toEqual({ status: "fulfilled", value: 2 });
    expect(watcher.batches).toEqual([[second]]);
    expect(room.doc.getMap("units").has("01009")).toBe(false);
  });

  test("failed commit rejects the whole batch", async () => {
    const ada = member("ada");
    const bob = member("bob");
    const watcher = member("watcher");
    const writes = [
      room.writeUpdate(ada, edit("01009")),
      room.writeUpdate(bob, edit("01011")),
    ];
    storage.close();

    const results = await Promise.allSettled(writes);

    for (const result of results) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason.message).toContain(
        "Storing an update of room batch failed",
      );
    }
    expect(watcher.batches).toEqual([]);
    expect(room.doc.getMap("units").size).toBe(1);
  });

  test("unload stores queued updates first", () => {
    const ada = member("ada");
    void room.writeUpdate(ada, edit("01009"));
    room.removeMember(ada);

    room.unload();

    expect(storage.countUpdates("batch")).toBe(2);
  });

  test("long queue drains over several batches", async () => {
    const ada = member("ada");
    const watcher = member("watcher");
    const count = MAX_BATCH_UPDATES + 10;
    const updates = Array.from({ length: count }, (_, index) =>
      edit(`unit-${index}`),
    );

    const seqs = await Promise.all(
      updates.map((update) => room.writeUpdate(ada, update)),
    );

    expect(seqs).toEqual(updates.map((_, index) => index + 2));
    expect(watcher.batches).toHaveLength(2);
    expect(watcher.batches[0]).toHaveLength(MAX_BATCH_UPDATES);
    expect(watcher.batches.flat()).toEqual(updates);
    expect(room.doc.getMap("units").size).toBe(count + 1);
  });

  test("unload stores a long queue", () => {
    const ada = member("ada");
    for (let index = 0; index < MAX_BATCH_UPDATES + 10; index++)
      void room.writeUpdate(ada, edit(`unit-${index}`));
    room.removeMember(ada);

    room.unload();

    expect(storage.countUpdates("batch")).toBe(MAX_BATCH_UPDATES + 11);
  });
});
