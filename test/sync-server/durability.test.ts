import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import { DATABASE_FILE, Storage } from "../../sync-server/storage.ts";
import {
  connectClient,
  createFixture,
  DEMO_PLAN,
  LogCapture,
  rawClient,
  roomUrl,
  serverPlan,
  spawnServer,
  startTestServer,
  synced,
  testToken,
  until,
  type Fixture,
  type ServerProcess,
  type TestClient,
} from "./helpers.ts";

// Each kill cycle restarts `npm start`'s server process. Five cycles took
// 5 s on a 2-core machine and 16 s while other test suites loaded it.
const KILL_CYCLES = 5;
// Edits the watcher must see in a cycle before the server is killed.
const EDITS_PER_CYCLE = 20;
// The writer edits on this interval whether or not the server is up.
const EDIT_INTERVAL_MS = 5;
// Timeout of the kill test, above the integration project's 30 s default
// because of those 16 s.
const KILL_TEST_TIMEOUT_MS = 60_000;
// Units of the fixture's demo plan, which every edit below adds to.
const DEMO_UNITS = Object.keys(DEMO_PLAN.assignments).length;

let fixture: Fixture;
let processes: ServerProcess[];
let server: RunningServer | null;
const clients: TestClient[] = [];

beforeEach(() => {
  fixture = createFixture();
  processes = [];
  server = null;
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const running of processes) {
    if (running.child.exitCode !== null || running.child.signalCode !== null)
      continue;
    running.child.kill("SIGKILL");
    await running.exited;
  }
  await server?.close();
  fixture.remove();
});

async function join(
  target: { syncUrl: string },
  role: "editor" | "viewer",
): Promise<TestClient> {
  const client = connectClient(target, "demo", await testToken(role));
  clients.push(client);
  await synced(client);
  return client;
}

async function spawn() {
  const running = await spawnServer(fixture);
  processes.push(running);
  return running;
}

/** Returns the unit ids that this file's edits assigned, not the demo plan's. */
function editedUnits(client: TestClient): Set<string> {
  const units = [...client.plan.readAssignments().keys()];
  return new Set(units.filter((unit) => unit.startsWith("9")));
}

/**
 * Connects a new viewer and resolves with the edited units its document
 * contains at the moment of its first sync, read inside the sync handler.
 */
async function firstSyncedUnits(target: {
  syncUrl: string;
}): Promise<Set<string>> {
  const client = connectClient(target, "demo", await testToken("viewer"));
  clients.push(client);
  return new Promise((resolve) =>
    client.provider.once("sync", () => resolve(editedUnits(client))),
  );
}

function missingFrom(expected: Set<string>, actual: Set<string>): string[] {
  return [...expected].filter((unit) => !actual.has(unit));
}

/** Closes the provider's socket and keeps it from reconnecting. */
function goOffline(client: TestClient): void {
  client.provider.disconnect();
}

function goOnline(client: TestClient, target: { syncUrl: string }): void {
  client.provider.serverUrl = target.syncUrl;
  client.provider.connect();
}

describe("durability", () => {
  test(
    "edits survive repeated SIGKILL",
    async () => {
      let running = await spawn();
      const writer = await join(running, "editor");
      // The watcher is read-only, so its reconnects cannot put back an edit
      // that the server lost.
      const watcher = await join(running, "viewer");
      const assignedUnits: string[] = [];
      const timer = setInterval(() => {
        const unit = `9${String(assignedUnits.length).padStart(4, "0")}`;
        assignedUnits.push(unit);
        writer.plan.assign([unit], "demo-west");
      }, EDIT_INTERVAL_MS);
      const seen = new Set<string>();

      try {
        for (let cycle = 1; cycle <= KILL_CYCLES; cycle++) {
          const target = seen.size + EDITS_PER_CYCLE;
          await until(watcher.doc, () => editedUnits(watcher).size >= target);

          running.child.kill("SIGKILL");
          expect((await running.exited).signal).toBe("SIGKILL");
          goOffline(writer);
          goOffline(watcher);
          for (const unit of editedUnits(watcher)) seen.add(unit);

          // The writer is offline until the first sync below has been read,
          // so only what the killed server stored can be in it.
          running = await spawn();
          const first = await firstSyncedUnits(running);
          expect(missingFrom(seen, first), `cycle ${cycle}`).toEqual([]);

          goOnline(writer, running);
          goOnline(watcher, running);
        }
      } finally {
        clearInterval(timer);
      }

      const reader = await join(running, "viewer");
      await until(
        reader.doc,
        () => editedUnits(reader).size >= assignedUnits.length,
      );
      const units = [...reader.plan.readAssignments().keys()];
      expect(missingFrom(new Set(assignedUnits), editedUnits(reader))).toEqual(
        [],
      );
      expect(units).toHaveLength(DEMO_UNITS + assignedUnits.length);
      expect(reader.plan.assignmentArray.length).toBe(
        DEMO_UNITS + assignedUnits.length,
      );
      expect(reader.plan.readTerritories()).toHaveLength(
        DEMO_PLAN.territories.length,
      );
    },
    KILL_TEST_TIMEOUT_MS,
  );

  test("SIGTERM closes clients and keeps edits", async () => {
    const running = await spawn();
    const writer = await join(running, "editor");
    const watcher = await join(running, "viewer");
    const closes = [writer, watcher].map(
      (client) =>
        new Promise<{ code: number; reason: string }>((resolve) =>
          client.provider.once("connection-close", (event) =>
            resolve({ code: event!.code, reason: event!.reason }),
          ),
        ),
    );
    writer.plan.assign(["01009"], "demo-west");
    await until(
      watcher.doc,
      () => watcher.plan.territoryOf("01009") === "demo-west",
    );

    running.child.kill("SIGTERM");

    for (const closed of await Promise.all(closes)) {
      expect(closed.code).toBe(1001);
      expect(closed.reason).toBe("The server is shutting down.");
    }
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.stderr()).toContain('"msg":"server stopped"');
    // A clean close checkpoints the write-ahead log into the database file,
    // so the file alone contains every edit.
    const database = path.join(fixture.dataDir, DATABASE_FILE);
    expect(fs.existsSync(`${database}-wal`)).toBe(false);
    const stored = Storage.open(fixture.dataDir, { readonly: true });
    try {
      expect(loadPlanDoc(stored, "demo").territoryOf("01009")).toBe(
        "demo-west",
      );
    } finally {
      stored.close();
    }
  });

  test("stopping server rejects new connections", async () => {
    server = await startTestServer(fixture);
    const client = rawClient(
      roomUrl(server, "demo", await testToken("editor")),
    );
    await client.firstMessage;

    const stopped = server.close();
    const late = await fetch(`${server.url}/healthz`).then(
      (response) => response.status,
      (error: Error) => error.message,
    );

    expect(late).toBe("fetch failed");
    expect((await client.closed).code).toBe(1001);
    await stopped;
    server = null;
  });
});

describe("storage failures", () => {
  test("writer resends after database closes", async () => {
    const logs = new LogCapture();
    server = await startTestServer(fixture, {}, logs);
    const writer = await join(server, "editor");
    const watcher = await join(server, "viewer");
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      writer.provider.once("connection-close", (event) => {
        // Keeps the writer offline until a server with a working database
        // is up, because this one drops every new socket now.
        goOffline(writer);
        resolve({ code: event!.code, reason: event!.reason });
      }),
    );

    server.storage.close();
    writer.plan.assign(["01009"], "demo-west");

    const close = await closed;
    expect(close.code).toBe(1011);
    expect(close.reason).toBe(
      "The server could not store your update; reconnect to send it again.",
    );
    expect(serverPlan(server).territoryOf("01009")).toBeNull();
    expect(watcher.plan.territoryOf("01009")).toBeNull();
    expect(writer.plan.territoryOf("01009")).toBe("demo-west");
    const failure = logs.lines
      .map((line) => JSON.parse(line))
      .find((entry) => entry.msg === "update not stored");
    expect(failure).toMatchObject({ level: 50, room: "demo" });
    expect(failure.err.message).toContain(
      "Storing an update of room demo failed",
    );
    expect(failure.err.message).toContain("database connection is not open");

    goOffline(watcher);
    await server.close();
    server = await startTestServer(fixture);
    const reader = await join(server, "viewer");
    expect(reader.plan.territoryOf("01009")).toBeNull();
    goOnline(writer, server);
    await until(
      reader.doc,
      () => reader.plan.territoryOf("01009") === "demo-west",
    );
    expect(server.storage.countUpdates("demo")).toBe(2);
  });
});
