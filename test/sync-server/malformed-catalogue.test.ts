import type WebSocket from "ws";
import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import {
  encodeAwareness,
  encodeUpdate,
  MESSAGE_SYNC,
} from "../../sync-server/protocol.ts";
import { useApiServer } from "./api-suite.ts";
import {
  testToken,
  until,
  type RawClient,
  type TestClient,
} from "./helpers.ts";

// Cases beyond malformed.test.ts: frames with no bytes, well-framed
// awareness with an invalid state, updates with missing dependencies and a
// seeded run of random frames.

const api = useApiServer();

async function openRaw(): Promise<RawClient> {
  const raw = api.rawClient("demo", await testToken("editor"));
  await raw.firstMessage;
  return raw;
}

/** Resolves with the next sync step 2 the socket receives. */
function nextSyncStep2(ws: WebSocket): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      if (data[0] !== MESSAGE_SYNC || data[1] !== 1) return;
      ws.off("message", onMessage);
      resolve(new Uint8Array(data));
    };
    ws.on("message", onMessage);
  });
}

/**
 * Sends sync step 1 with an empty state vector and resolves with "open" once
 * the server answers it, or with the close when the server closes instead.
 * The server handles a connection's messages in order, so the answer shows
 * that every earlier message was accepted.
 */
function probe(
  raw: RawClient,
): Promise<"open" | { code: number; reason: string }> {
  const answered = nextSyncStep2(raw.ws).then(() => "open" as const);
  raw.ws.send(new Uint8Array([MESSAGE_SYNC, 0, 1, 0]));
  return Promise.race([answered, raw.closed]);
}

/** Checks that an edit still travels from one editor to another. */
async function expectRoomStillSyncs(
  writer: TestClient,
  watcher: TestClient,
  unitId: string,
): Promise<void> {
  writer.plan.assign([unitId], "demo-west");
  await until(
    watcher.doc,
    () => watcher.plan.territoryOf(unitId) === "demo-west",
  );
  expect(writer.provider.wsconnected).toBe(true);
  expect(watcher.provider.wsconnected).toBe(true);
}

function awarenessWithState(state: string): Uint8Array {
  // Awareness update layout from y-protocols/awareness.js: client count,
  // then client id, clock and JSON state for each client.
  const body = new TextEncoder().encode(state);
  return new Uint8Array([1, 7, 1, 0, body.length, ...body]);
}

const closingCases: [string, Uint8Array | string, number, RegExp][] = [
  ["empty binary frame", new Uint8Array(0), 1007, /truncated message type/],
  ["empty text frame", "", 1003, /text frames/],
  [
    "awareness with invalid JSON state",
    encodeAwareness(awarenessWithState("{not json")),
    1007,
    /invalid awareness update/,
  ],
  [
    "awareness with truncated client list",
    encodeAwareness(new Uint8Array([3, 7, 1])),
    1007,
    /invalid awareness update/,
  ],
  [
    "update with truncated struct",
    new Uint8Array([MESSAGE_SYNC, 2, 4, 1, 1, 7, 0]),
    1007,
    /invalid update/,
  ],
  [
    "sync step 2 of random bytes",
    new Uint8Array([MESSAGE_SYNC, 1, 5, 0xff, 0x13, 0x02, 0x99, 0x41]),
    1007,
    /invalid update/,
  ],
];

describe("malformed frame catalogue", () => {
  test.each(closingCases)(
    "%s closes only that connection",
    async (_name, message, code, reason) => {
      const writer = await api.editor();
      const watcher = await api.editor();
      const raw = await openRaw();

      raw.ws.send(message);
      const closed = await raw.closed;

      expect(closed.code).toBe(code);
      expect(closed.reason).toMatch(reason);
      await expectRoomStillSyncs(writer, watcher, "01009");
      expect(api.logs.messages()).toContain(
        "message rejected, closing connection",
      );
    },
  );

  test("update with missing structs waits for them", async () => {
    // Given an update whose first struct follows one the server lacks
    const source = new Y.Doc();
    source.clientID = 424242;
    source.getMap("reps").set("first", 1);
    const first = Y.encodeStateAsUpdate(source);
    const before = Y.encodeStateVector(source);
    source.getMap("reps").set("second", 2);
    const second = Y.encodeStateAsUpdate(source, before);
    const watcher = await api.editor();
    const raw = await openRaw();

    // When it arrives first, the connection stays and the update waits
    raw.ws.send(encodeUpdate(second));
    expect(await probe(raw)).toBe("open");
    const room = api.server.rooms.get("demo")!;
    expect(room.doc.store.pendingStructs).not.toBeNull();
    expect(room.doc.getMap("reps").has("second")).toBe(false);

    // Then the missing update completes it on the server and for others
    raw.ws.send(encodeUpdate(first));
    await until(watcher.doc, () => watcher.doc.getMap("reps").has("second"));
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(watcher.doc.getMap("reps").get("first")).toBe(1);
    expect(watcher.doc.getMap("reps").get("second")).toBe(2);
    raw.ws.close(1000);
  });

  test("seeded random frames never stop the server", async () => {
    const writer = await api.editor();
    const watcher = await api.editor();
    const random = seededRandom(20261205);
    const codes = new Set<number>();

    for (let i = 0; i < 40; i += 1) {
      const raw = await openRaw();
      raw.ws.send(randomFrame(random));
      const outcome = await probe(raw);
      if (outcome === "open") {
        raw.ws.close(1000);
        await raw.closed;
        continue;
      }
      codes.add(outcome.code);
      expect(outcome.reason.length).toBeGreaterThan(0);
    }

    expect([...codes].sort()).toEqual([1003, 1007]);
    await expectRoomStillSyncs(writer, watcher, "01011");
    expect(api.server.rooms.get("demo")!.members.size).toBe(2);
  });
});

/** Builds a frame that starts like a protocol message, then random bytes. */
function randomFrame(random: () => number): Uint8Array {
  const length = 1 + Math.floor(random() * 24);
  const frame = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) frame[i] = Math.floor(random() * 256);
  // Bias the first bytes to known types so that decoding gets deep.
  frame[0] = Math.floor(random() * 5);
  if (length > 1 && frame[0] === MESSAGE_SYNC)
    frame[1] = Math.floor(random() * 4);
  return frame;
}

/** Mulberry32: a small seeded generator, so every run sends the same frames. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
