import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { verifyToken } from "../../sync-server/tokens.ts";
import {
  createFixture,
  rawClient,
  roomUrl,
  serverEnv,
  spawnServer,
  TEST_SECRET,
  testToken,
  type Fixture,
  type ServerProcess,
} from "./helpers.ts";

let fixture: Fixture;
let running: ServerProcess | null;

beforeEach(() => {
  fixture = createFixture();
  running = null;
});

afterEach(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill("SIGKILL");
    await running.exited;
  }
  fixture.remove();
});

describe("npm start entry point", () => {
  test("prints an invite link per role", async () => {
    running = await spawnServer(fixture);

    const links = running.stdoutLines.filter((line) => /^\w+: http/.test(line));
    expect(links.map((line) => line.split(":")[0])).toEqual([
      "editor",
      "reviewer",
      "viewer",
    ]);
    for (const [index, role] of ["editor", "reviewer", "viewer"].entries()) {
      const match = new RegExp(
        `^${role}: http://localhost:${running.port}/\\?plan=demo&token=([\\w.-]+)$`,
      ).exec(links[index]);
      expect(match).not.toBeNull();
      const claims = await verifyToken(
        new TextEncoder().encode(TEST_SECRET),
        match![1],
      );
      expect(claims).toMatchObject({ plan: "demo", role, kind: "invite" });
      expect(claims.exp - Date.now() / 1000).toBeGreaterThanOrEqual(
        30 * 86_400 - 60,
      );
    }
  });

  test("answers /healthz", async () => {
    running = await spawnServer(fixture);
    const response = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  test("SIGTERM closes clients with 1001 and exits 0", async () => {
    running = await spawnServer(fixture);
    const client = rawClient(
      roomUrl(running, "demo", await testToken("editor")),
    );
    await client.firstMessage;

    running.child.kill("SIGTERM");

    const closed = await client.closed;
    expect(closed.code).toBe(1001);
    expect(closed.reason).toMatch(/shutting down/);
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.stderr()).toContain('"msg":"server stopped"');
  });

  test("logs carry no token", async () => {
    running = await spawnServer(fixture, { LOG_LEVEL: "debug" });
    const token = await testToken("editor");
    const client = rawClient(roomUrl(running, "demo", token));
    await client.firstMessage;
    const refused = rawClient(roomUrl(running, "demo", `${token}x`));
    await refused.closed;
    await fetch(`http://127.0.0.1:${running.port}/?token=${token}`);
    client.ws.close();
    await client.closed;

    running.child.kill("SIGTERM");
    await running.exited;

    const logs = running.stderr();
    expect(logs).toContain("connection rejected");
    expect(logs).toContain("token=[redacted]");
    expect(logs).not.toContain(token);
    for (const line of running.stdoutLines) {
      const printed = /token=([\w.-]+)/.exec(line)?.[1];
      if (printed) expect(logs).not.toContain(printed);
    }
  });

  test("invalid configuration exits 2 with the variable named", () => {
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "sync-server/main.ts"],
      {
        cwd: path.resolve(import.meta.dirname, "../.."),
        env: { ...process.env, PORT: "abc", DATA_DIR: fixture.dataDir },
        encoding: "utf8",
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'PORT "abc" is not a whole number between 0 and 65535',
    );
  });

  test("occupied port names it and PORT", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) =>
      blocker.listen(0, "127.0.0.1", resolve),
    );
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = runMain({ PORT: String(port) });

      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `Another process uses port ${port} on 127.0.0.1. Stop it or set PORT to a free port (PORT=0 picks one).`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test("short AUTH_SECRET exits 2", () => {
    const result = runMain({ AUTH_SECRET: "short" });

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      "The auth secret from AUTH_SECRET has 5 characters",
    );
  });

  test("mysql DATABASE_URL exits 2 without its password", () => {
    const result = runMain({
      DATABASE_URL: "mysql://root:hunter2@127.0.0.1:3306/meridian",
      REDIS_URL: "redis://127.0.0.1:6379",
    });

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'DATABASE_URL "mysql://root:***@127.0.0.1:3306/meridian" has scheme mysql, not postgres or postgresql',
    );
    expect(result.stderr).not.toContain("hunter2");
  });

  test("DATA_DIR naming a file says so", () => {
    const file = path.join(fixture.dataDir, "not-a-folder");
    fs.mkdirSync(fixture.dataDir, { recursive: true });
    fs.writeFileSync(file, "");

    const result = runMain({ DATA_DIR: file });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `DATA_DIR ${file} names a file, not a folder (EEXIST).`,
    );
  });
});

/** Runs sync-server/main.ts to its exit with the fixture's folders. */
function runMain(env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", "sync-server/main.ts"],
    {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: serverEnv(fixture, env),
      encoding: "utf8",
      timeout: 30_000,
    },
  );
}
