import pino from "pino";
import { afterEach, describe, expect, test, vi } from "vitest";
import { freePort } from "../../scripts/test-services/free-port.ts";
import { startRedis } from "../../scripts/test-services/index.ts";
import { RedisPeers } from "../../sync-server/cluster/redis-peers.ts";
import { LogCapture } from "./helpers.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

function entries(logs: LogCapture): { level: number; msg: string }[] {
  return logs.lines.map((line) => JSON.parse(line));
}

async function waitFor(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error("timed out waiting for a log line");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("RedisPeers", () => {
  test("refused connection names the cause once", async () => {
    const port = await freePort();
    const printed = vi.spyOn(console, "error");

    const opening = RedisPeers.open({
      redisUrl: `redis://127.0.0.1:${port}`,
      logger: pino({ level: "silent" }),
      catchUpIntervalMs: 60_000,
    });

    await expect(opening).rejects.toThrow(
      `Connecting to Redis at REDIS_URL failed: connect ECONNREFUSED 127.0.0.1:${port}. Check that redis-server runs and REDIS_URL is right.`,
    );
    // ioredis reports an error event without a listener on the next tick.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = printed.mock.calls.map((call) => call.join(" "));
    expect(lines.filter((line) => line.includes("[ioredis]"))).toEqual([]);
  });

  test("outage logs one warning and one recovery", async () => {
    let redis = await startRedis();
    const logs = new LogCapture();
    const peers = await RedisPeers.open({
      redisUrl: redis.url,
      logger: pino({ level: "info" }, logs.stream),
      catchUpIntervalMs: 60_000,
    });
    try {
      // Given Redis stopped long enough for several reconnect attempts
      await redis.stop();
      await waitFor(() =>
        entries(logs).some(
          (entry) => entry.msg === "Redis connection error, reconnecting",
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 3_000));

      // When it is back on the same port
      redis = await startRedis({ port: redis.port });
      await waitFor(() => peers.isSubscribed());
      await waitFor(() =>
        entries(logs).some((entry) => entry.msg === "Redis connection is back"),
      );
    } finally {
      await peers.close();
      await redis.stop();
    }

    // Then the outage took one warning, one info line, and no repeats
    const messages = entries(logs).map((entry) => entry.msg);
    expect(
      messages.filter((msg) => msg === "Redis connection error, reconnecting"),
    ).toHaveLength(1);
    expect(
      messages.filter((msg) => msg === "Redis connection errors continue"),
    ).toEqual([]);
    expect(
      messages.filter((msg) => msg === "Redis connection is back"),
    ).toHaveLength(1);
  }, 60_000);
});
