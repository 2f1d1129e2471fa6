import { describe, expect, test } from "vitest";
import { useApiServer } from "./api-suite.ts";
import { testToken, until } from "./helpers.ts";

const MAX_MESSAGE_BYTES = 4096;

const api = useApiServer({ server: { maxMessageBytes: MAX_MESSAGE_BYTES } });

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
      const writer = await api.editor();
      const watcher = await api.editor();
      const raw = api.rawClient("demo", await testToken("editor"));
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
      expect(api.server.storage.countUpdates("demo")).toBe(2);
      expect(api.logs.messages()).toContainEqual(
        expect.stringMatching(/closing connection/),
      );
    },
  );

  test("catch-up below the limit is accepted", async () => {
    const watcher = await api.editor();
    const writer = await api.editor();

    writer.doc.getMap("reps").set("big", "x".repeat(MAX_MESSAGE_BYTES / 2));

    await until(watcher.doc, () => watcher.doc.getMap("reps").has("big"));
    expect(api.server.storage.countUpdates("demo")).toBe(2);
  });
});

function bytes(...values: number[]): Uint8Array {
  return new Uint8Array(values);
}
