import net from "node:net";
import { describe, expect, test } from "vitest";
import {
  createFixture,
  LogCapture,
  startTestServer,
  testToken,
} from "./helpers.ts";

describe("sync socket errors", () => {
  test("client reset logs at debug", async () => {
    const fixture = createFixture();
    const logs = new LogCapture();
    const server = await startTestServer(fixture, {}, logs);
    const token = await testToken("editor");
    try {
      // Given a WebSocket handshake that succeeded
      const socket = net.connect(server.port, "127.0.0.1");
      await new Promise<void>((resolve) => socket.once("connect", resolve));
      socket.write(
        [
          `GET /sync/demo?token=${token} HTTP/1.1`,
          `Host: 127.0.0.1:${server.port}`,
          "Upgrade: websocket",
          "Connection: Upgrade",
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
          "Sec-WebSocket-Version: 13",
          "",
          "",
        ].join("\r\n"),
      );
      const response = await new Promise<string>((resolve) =>
        socket.once("data", (chunk) => resolve(String(chunk))),
      );
      expect(response).toMatch(/^HTTP\/1\.1 101 /);

      // When the client resets the connection, as a reloaded browser can
      socket.resetAndDestroy();
      await waitFor(() =>
        logs.messages().includes("client closed the sync socket"),
      );
    } finally {
      await server.close();
      fixture.remove();
    }

    // Then one debug line names the path and the peer, and nothing warns
    const entries = logs.lines.map((line) => JSON.parse(line));
    const closed = entries.filter(
      (entry) => entry.msg === "client closed the sync socket",
    );
    expect(closed).toHaveLength(1);
    expect(closed[0].level).toBe(20);
    expect(closed[0].code).toBe("ECONNRESET");
    expect(closed[0].path).toBe("/sync/demo?token=[redacted]");
    expect(closed[0].remoteAddress).toBe("127.0.0.1");
    expect(
      entries.filter((entry) => entry.msg === "sync socket error"),
    ).toEqual([]);
    expect(logs.text()).not.toContain(token);
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error("timed out waiting for a log line");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
