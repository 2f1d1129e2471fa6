import { describe, expect, test } from "vitest";
import {
  createFixture,
  LogCapture,
  rawClient,
  roomUrl,
  startTestServer,
  testToken,
} from "./helpers.ts";

describe("logs", () => {
  test("never contain a token", async () => {
    const fixture = createFixture();
    const logs = new LogCapture();
    const server = await startTestServer(fixture, {}, logs);
    const tokens: string[] = [];
    try {
      // Given every way a token reaches the server
      const invite = await testToken("editor", { kind: "invite" });
      tokens.push(invite);
      const joined = await fetch(`${server.url}/api/join`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ token: invite, name: "Ada" }),
      }).then((response) => response.json());
      tokens.push(joined.token);
      await fetch(`${server.url}/api/session`, {
        headers: { Authorization: `Bearer ${joined.token}` },
      });

      const accepted = rawClient(roomUrl(server, "demo", joined.token));
      await accepted.firstMessage;
      accepted.ws.send(new Uint8Array([7]));
      await accepted.closed;

      const expired = await testToken("viewer", {
        expiresAt: Math.floor(Date.now() / 1000) - 5,
      });
      tokens.push(expired);
      await rawClient(roomUrl(server, "demo", expired)).closed;
      await rawClient(roomUrl(server, "nope!", joined.token)).closed;
    } finally {
      await server.close();
      fixture.remove();
    }

    // Then the log shows each step but no token
    const messages = logs.messages();
    expect(messages).toContain("connection opened");
    expect(messages).toContain("connection rejected");
    expect(messages).toContain("message rejected, closing connection");
    expect(logs.text()).toContain("token=[redacted]");
    for (const token of tokens) {
      expect(logs.text()).not.toContain(token);
      expect(logs.text()).not.toContain(token.split(".")[2]);
    }
  });
});
