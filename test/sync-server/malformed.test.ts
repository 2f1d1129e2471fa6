import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  LogCapture,
  rawClient,
  roomUrl,
  startTestServer,
  synced,
  testToken,
  until,
  type Fixture,
  type TestClient,
} from "./helpers.ts";

const MAX_MESSAGE_BYTES = 4096;

let fixture: Fixture;
let server: RunningServer;
let logs: LogCapture;
const clients: TestClient[] = [];

beforeEach(async () => {
  fixture = createFixture();
  logs = new LogCapture();
  server = await startTestServer(
    fixture,
    { maxMessageBytes: MAX_MESSAGE_BYTES },
    logs,
  );
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
  fixture.remove();
});

async function editor(): Promise<TestClient> {
  const client = connectClient(server, "demo", await testToken("editor"));
  clients.push(client);
  await synced(client);
  return client;
}

const cases: [string, Uint8Array | string, number, RegExp][] = [
  ["truncated varint", bytes(0x80), 1007, /truncated message type/],
  ["unknown message type", bytes(7), 1003, /unsupported message type 7/],
  ["auth message", bytes(2, 0), 1003, /unsupported message type 2/],
  ["unknown sync type", bytes(0, 9, 0), 1003, /unsupported sync/],
  ["garbage update", bytes(0, 2, 3, 1, 2, 3), 1007, /invalid update/],
  ["update longer than message", bytes(0, 2, 50, 0, 0), 1007, /exceeds/],
  ["garbage state vector", bytes(0, 0, 2, 0x80, 0x80), 1007, /state vector/],
  ["trailing bytes", bytes(3, 9), 1007, /unexpected bytes/],
  ["garbage awareness", bytes(1, 3, 1, 2, 3), 1007, /awareness/],
  ["text frame", "hello", 1003, /text frames/],
  [
    "oversized message",
    new Uint8Array(MAX_MESSAGE_BYTES + 1),
    1009,
    /larger than 4096 bytes/,
  ],
];

describe("malformed messages", () => {
  test.each(cases)(
    "%s closes only that connection",
    async (_name, message, code, reason) => {
      const writer = await editor();
      const watcher = await editor();
      const raw = rawClient(roomUrl(server, "demo", await testToken("editor")));
      await raw.firstMessage;

      raw.ws.send(message);
      const closed = await raw.closed;

      expect(closed.code).toBe(code);
      expect(closed.reason).toMatch(reason);
      writer.plan.assign(["01009"], "demo-west");
      await until(
        watcher.doc,
        () => watcher.plan.territoryOf("01009") === "demo-west",
      );
      expect(writer.provider.wsconnected).toBe(true);
      expect(watcher.provider.wsconnected).toBe(true);
      expect(server.storage.countUpdates("demo")).toBe(2);
      expect(logs.messages()).toContainEqual(
        expect.stringMatching(/closing connection/),
      );
    },
  );

  test("catch-up below the limit is accepted", async () => {
    const watcher = await editor();
    const writer = await editor();

    writer.doc.getMap("reps").set("big", "x".repeat(MAX_MESSAGE_BYTES / 2));

    await until(watcher.doc, () => watcher.doc.getMap("reps").has("big"));
    expect(server.storage.countUpdates("demo")).toBe(2);
  });
});

function bytes(...values: number[]): Uint8Array {
  return new Uint8Array(values);
}
