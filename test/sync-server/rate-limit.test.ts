import { afterEach, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { readConfig } from "../../sync-server/config.ts";
import {
  DEFAULT_BYTES_PER_SECOND,
  DEFAULT_MESSAGE_BURST,
  DEFAULT_MESSAGES_PER_SECOND,
  RateLimiter,
  rateLimitFor,
} from "../../sync-server/rate-limit.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import type { StartOptions } from "../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  LogCapture,
  rawClient,
  roomUrl,
  startTestServer,
  synced,
  TEST_SECRET,
  testToken,
  until,
  type Fixture,
  type TestClient,
} from "./helpers.ts";

describe("RateLimiter", () => {
  const limit = {
    messagesPerSecond: 2,
    messageBurst: 3,
    bytesPerSecond: 100,
    byteBurst: 1000,
  };

  test("allows the burst, then the rate", () => {
    let now = 0;
    const limiter = new RateLimiter(limit, () => now);

    expect(limiter.take(1)).toBeNull();
    expect(limiter.take(1)).toBeNull();
    expect(limiter.take(1)).toBeNull();
    expect(limiter.take(1)).toBe("messages");

    now = 500;
    expect(limiter.take(1)).toBeNull();
    expect(limiter.take(1)).toBe("messages");
  });

  test("refills no further than the burst", () => {
    let now = 0;
    const limiter = new RateLimiter(limit, () => now);

    now = 60_000;
    for (let i = 0; i < 3; i += 1) expect(limiter.take(1)).toBeNull();
    expect(limiter.take(1)).toBe("messages");
  });

  test("counts bytes apart from messages", () => {
    let now = 0;
    const limiter = new RateLimiter(limit, () => now);

    expect(limiter.take(1000)).toBeNull();
    expect(limiter.take(1)).toBe("bytes");

    now = 1000;
    expect(limiter.take(100)).toBeNull();
    expect(limiter.take(1)).toBe("bytes");
  });

  test("rejected message takes nothing", () => {
    const limiter = new RateLimiter(limit, () => 0);

    expect(limiter.take(1001)).toBe("bytes");
    expect(limiter.take(1000)).toBeNull();
  });

  test("byte burst admits two largest messages", () => {
    const built = rateLimitFor(4096);

    expect(built).toEqual({
      messagesPerSecond: DEFAULT_MESSAGES_PER_SECOND,
      messageBurst: DEFAULT_MESSAGE_BURST,
      bytesPerSecond: DEFAULT_BYTES_PER_SECOND,
      byteBurst: 8192,
    });
  });
});

describe("rate limit configuration", () => {
  test("reads the rate limit variables", () => {
    const config = readConfig({
      RATE_LIMIT_MESSAGES_PER_SECOND: "20",
      RATE_LIMIT_MESSAGE_BURST: "200",
      RATE_LIMIT_BYTES_PER_SECOND: "65536",
    });

    expect(config.rateLimitMessagesPerSecond).toBe(20);
    expect(config.rateLimitMessageBurst).toBe(200);
    expect(config.rateLimitBytesPerSecond).toBe(65536);
  });

  test("leaves them undefined for the defaults", () => {
    const config = readConfig({});

    expect(config.rateLimitMessagesPerSecond).toBeUndefined();
    expect(config.rateLimitMessageBurst).toBeUndefined();
    expect(config.rateLimitBytesPerSecond).toBeUndefined();
  });

  test.each([
    ["RATE_LIMIT_MESSAGES_PER_SECOND", "0"],
    ["RATE_LIMIT_MESSAGE_BURST", "many"],
    ["RATE_LIMIT_BYTES_PER_SECOND", "1.5"],
  ])("rejects %s=%s", (name, value) => {
    expect(() => readConfig({ [name]: value })).toThrow(
      `${name} "${value}" is not a whole number between 1`,
    );
  });
});

describe("rate limit on the server", () => {
  let fixture: Fixture;
  let server: RunningServer;
  let logs: LogCapture;
  const clients: TestClient[] = [];

  async function start(options: StartOptions): Promise<void> {
    fixture = createFixture();
    logs = new LogCapture();
    server = await startTestServer(fixture, options, logs);
  }

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    fixture.remove();
  });

  async function editor(doc?: Y.Doc): Promise<TestClient> {
    const token = await testToken("editor");
    const client = connectClient(server, "demo", token, doc);
    clients.push(client);
    await synced(client);
    return client;
  }

  test("flood closes only the flooding connection", async () => {
    // Given a tight message limit and two editors syncing
    await start({ rateLimitMessagesPerSecond: 1, rateLimitMessageBurst: 20 });
    const writer = await editor();
    const watcher = await editor();
    const token = await testToken("editor");
    const flooder = rawClient(roomUrl(server, "demo", token));
    await flooder.firstMessage;

    // When one connection sends far more than the burst at once
    for (let i = 0; i < 200; i += 1) flooder.ws.send(new Uint8Array([3]));
    const closed = await flooder.closed;

    // Then it is closed with 1013 and the others still sync
    expect(closed.code).toBe(1013);
    expect(closed.reason).toBe(
      "Rate limit exceeded: more than 1 messages a second. Reconnect to resend.",
    );
    writer.plan.assign(["01009"], "demo-west");
    await until(
      watcher.doc,
      () => watcher.plan.territoryOf("01009") === "demo-west",
    );
    expect(writer.provider.wsconnected).toBe(true);
    expect(watcher.provider.wsconnected).toBe(true);
    expect(logs.messages()).toContain("message rejected, closing connection");
    expect(logs.text()).not.toContain(token);
    expect(logs.text()).not.toContain(TEST_SECRET);
  });

  test("full-size catch-up passes a low byte rate", async () => {
    // Given a byte rate far below one catch-up and a 64 KiB message limit
    const maxMessageBytes = 64 * 1024;
    await start({ maxMessageBytes, rateLimitBytesPerSecond: 1024 });
    const watcher = await editor();
    const offline = new Y.Doc();
    offline.getMap("reps").set("notes", "x".repeat(maxMessageBytes - 1024));

    // When an editor connects with that much offline work
    await editor(offline);

    // Then its sync step 2 is accepted and reaches the other editor
    await until(watcher.doc, () => watcher.doc.getMap("reps").has("notes"));
    const notes = watcher.doc.getMap("reps").get("notes") as string;
    expect(notes.length).toBe(maxMessageBytes - 1024);
  });

  test("editor over the limit resends after reconnecting", async () => {
    // Given a message burst that a quick series of edits exceeds
    await start({ rateLimitMessagesPerSecond: 1, rateLimitMessageBurst: 10 });
    const watcher = await editor();
    const painter = await editor();
    const closes: number[] = [];
    painter.provider.on("connection-close", (event) => {
      if (event) closes.push(event.code);
    });
    const units = Array.from({ length: 30 }, (_, i) =>
      String(2001 + i * 2).padStart(5, "0"),
    );

    // When it sends one update per unit
    for (const unit of units) painter.plan.assign([unit], "demo-east");

    // Then the server closes it, and after reconnecting every edit arrives
    await until(watcher.doc, () =>
      units.every((unit) => watcher.plan.territoryOf(unit) === "demo-east"),
    );
    expect(closes).toContain(1013);
    expect(watcher.provider.wsconnected).toBe(true);
  });
});
