import { spawn } from "node:child_process";
import { Redis } from "ioredis";
import { freePort } from "./free-port.ts";
import { ensureDebianBinary } from "./install.ts";
import { stopProcess, waitUntilReady } from "./process.ts";

const REDIS_SERVER = "/usr/bin/redis-server";

export interface TestRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts redis-server without persistence on `port` of 127.0.0.1, or on a
 * free port, and installs Debian's redis-server package first when the
 * binary is missing. Passing the port of a stopped one restarts it.
 */
export async function startRedis(
  options: { port?: number } = {},
): Promise<TestRedis> {
  ensureDebianBinary(REDIS_SERVER, ["redis-server"]);

  const port = options.port ?? (await freePort());
  let log = "";
  const child = spawn(
    REDIS_SERVER,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => (log += chunk));

  const url = `redis://127.0.0.1:${port}`;
  const stop = () => stopProcess(child, "SIGTERM", 10_000);
  try {
    await waitUntilReady(
      child,
      () => ping(url),
      30_000,
      () => `redis-server on port ${port} (log: ${log.slice(-1000)})`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, stop };
}

async function ping(url: string): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The failed connect rejects below; this only keeps ioredis from also
  // printing the error as unhandled.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}
