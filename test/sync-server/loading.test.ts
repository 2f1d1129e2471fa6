import { afterEach, beforeEach, describe, expect, test } from "vitest";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { encodeSyncStep1 } from "../../sync-server/protocol.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  nextEvent,
  rawClient,
  roomUrl,
  startTestServer,
  synced,
  territoryNames,
  testToken,
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

describe("room loading", () => {
  test("client connecting while loading never sees an empty plan", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    server = await startTestServer(fixture, { beforeRoomLoad: () => held });
    const token = await testToken("editor");

    // Given a raw client whose sync step 1 reached the server mid-load
    const raw = rawClient(roomUrl(server, "demo", token));
    const queued = nextEvent(server.events, "message-queued");
    await raw.opened;
    raw.ws.send(encodeSyncStep1(new Y.Doc()));
    await queued;
    expect(raw.messages).toEqual([]);

    // and a y-websocket client that connects during the same load
    const client = connectClient(server, "demo", token);
    clients.push(client);
    const namesAtFirstSync = new Promise<string[]>((resolve) =>
      client.provider.once("sync", () => resolve(territoryNames(client.plan))),
    );
    await nextEvent(
      server.events,
      "message-queued",
      () => raw.messages.length === 0,
    );

    // When the load finishes
    release();

    // Then both get the whole plan in their first sync
    expect(await namesAtFirstSync).toEqual(["East", "West"]);
    await synced(client);
    expect(client.plan.readAssignments().size).toBe(3);

    const [stepOne, stepTwo] = await nextMessages(raw, 2);
    const serverState = readSyncPayload(stepOne, 0);
    expect(Y.decodeStateVector(serverState).size).toBeGreaterThan(0);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, readSyncPayload(stepTwo, 1));
    expect(doc.getMap("territories").size).toBe(2);
    raw.ws.close();
  });

  test("idle room unloads and loads again", async () => {
    server = await startTestServer(fixture, { roomIdleMs: 0 });
    const first = connectClient(server, "demo", await testToken("editor"));
    await synced(first);
    first.plan.assign(["01009"], "demo-west");
    await nextEvent(server.events, "update-stored");
    expect(server.rooms.names()).toEqual(["demo"]);

    const unloaded = nextEvent(server.events, "room-unloaded");
    first.destroy();
    expect(await unloaded).toEqual({ room: "demo" });
    expect(server.rooms.names()).toEqual([]);

    const loaded = nextEvent(server.events, "room-loaded");
    const second = connectClient(server, "demo", await testToken("viewer"));
    clients.push(second);
    await synced(second);
    await loaded;
    expect(second.plan.territoryOf("01009")).toBe("demo-west");
  });
});

function nextMessages(
  raw: ReturnType<typeof rawClient>,
  count: number,
): Promise<Uint8Array[]> {
  return new Promise((resolve) => {
    const check = () => {
      if (raw.messages.length < count) return;
      raw.ws.off("message", check);
      resolve(raw.messages.slice(0, count));
    };
    raw.ws.on("message", check);
    check();
  });
}

/** Returns the payload of a sync message after checking its sync type. */
function readSyncPayload(message: Uint8Array, syncType: number): Uint8Array {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(0);
  expect(decoding.readVarUint(decoder)).toBe(syncType);
  return decoding.readVarUint8Array(decoder);
}
