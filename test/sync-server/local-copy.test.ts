import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  expect,
  test,
  vi,
} from "vitest";
import {
  startPostgres,
  type TestPostgres,
} from "../../scripts/test-services/index.ts";
import { LocalRoomCopy } from "../../sync-server/cluster/local-copy.ts";
import { PostgresUpdateStore } from "../../sync-server/cluster/postgres-store.ts";
import { createLogger } from "../../sync-server/log.ts";
import { Storage } from "../../sync-server/storage.ts";
import { sql } from "./cluster-postgres.ts";
import { LogCapture } from "./helpers.ts";

// The SQLite copy that cluster nodes keep of the room updates in PostgreSQL.
// Every test works on a room of its own in one PostgreSQL and a fresh
// DATA_DIR.

let postgres: TestPostgres;
let dataDir: string;
let storage: Storage;
let local: LocalRoomCopy;
let logs: LogCapture;
const stores: PostgresUpdateStore[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
});

afterAll(async () => {
  await postgres?.stop();
});

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-local-copy-"));
  storage = Storage.open(dataDir);
  local = new LocalRoomCopy(storage.file, "normal");
  logs = new LogCapture();
});

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  local.close();
  storage.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Opens the store of one node, copying back to SQLite unless `copyBack` is false. */
async function openStore(copyBack = true): Promise<PostgresUpdateStore> {
  const store = await PostgresUpdateStore.open({
    databaseUrl: postgres.url,
    logger: createLogger("info", logs.stream),
    local: copyBack ? local : undefined,
  });
  stores.push(store);
  return store;
}

const bytes = (text: string) => new TextEncoder().encode(text);

interface Row {
  seq: number;
  data: string;
  person: string | null;
}

function sqliteRows(room: string): Row[] {
  return storage.updatesAfter(room, 0).map((row) => ({
    seq: row.seq,
    data: new TextDecoder().decode(row.data),
    person: personInSqlite(room, row.seq),
  }));
}

function personInSqlite(room: string, seq: number): string | null {
  const rows = local.readRoom(room).rows;
  return rows.find((row) => row.seq === seq)?.personId ?? null;
}

async function postgresRows(room: string): Promise<Row[]> {
  const rows = await sql<{
    seq: string;
    data: Buffer;
    person_id: string | null;
  }>(
    postgres.url,
    "SELECT seq, data, person_id FROM meridian_room_updates WHERE room = $1 ORDER BY seq",
    [room],
  );
  return rows.map((row) => ({
    seq: Number(row.seq),
    data: row.data.toString("utf8"),
    person: row.person_id,
  }));
}

function deleteFromSqlite(room: string, seq: number): void {
  const db = new Database(storage.file);
  db.prepare("DELETE FROM updates WHERE room = ? AND seq = ?").run(room, seq);
  db.close();
}

test("room moves with seqs and senders", async () => {
  storage.createPlan({ id: "moved", name: "Moved" }, bytes("first"));
  storage.appendUpdate("moved", bytes("second"), "person-a");
  storage.appendUpdate("moved", bytes("third"), "person-b");
  storage.writeSnapshot("moved", 2, bytes("snapshot-2"));
  const store = await openStore();

  const loaded = await store.loadRoom("moved");

  expect(await postgresRows("moved")).toEqual([
    { seq: 1, data: "first", person: null },
    { seq: 2, data: "second", person: "person-a" },
    { seq: 3, data: "third", person: "person-b" },
  ]);
  expect(loaded.snapshotSeq).toBe(2);
  expect(loaded.lastSeq).toBe(3);
  expect(logs.messages()).toContain("room copied from SQLite to PostgreSQL");
});

test("stored updates copied back", async () => {
  storage.createPlan({ id: "back", name: "Back" }, bytes("first"));
  const store = await openStore();
  await store.loadRoom("back");

  const first = await store.appendUpdates("back", [
    { update: bytes("from-a"), personId: "person-a" },
    { update: bytes("from-b"), personId: "person-b" },
  ]);

  expect(first).toBe(2);
  expect(sqliteRows("back")).toEqual(await postgresRows("back"));
  expect(sqliteRows("back").map((row) => row.person)).toEqual([
    null,
    "person-a",
    "person-b",
  ]);
});

test("refresh fills missed updates", async () => {
  storage.createPlan({ id: "gaps", name: "Gaps" }, bytes("first"));
  const node = await openStore();
  await node.loadRoom("gaps");
  await node.appendUpdate("gaps", bytes("kept"), "person-a");
  await node.appendUpdate("gaps", bytes("lost"), "person-a");
  // The node stopped between its PostgreSQL commit and its SQLite write.
  deleteFromSqlite("gaps", 3);
  // Another node whose copy back failed.
  const other = await openStore(false);
  await other.appendUpdate("gaps", bytes("elsewhere"), "person-b");
  expect(sqliteRows("gaps").map((row) => row.seq)).toEqual([1, 2]);

  await node.refreshLocalCopy("gaps");

  expect(sqliteRows("gaps")).toEqual(await postgresRows("gaps"));
  expect(sqliteRows("gaps").map((row) => row.data)).toEqual([
    "first",
    "kept",
    "lost",
    "elsewhere",
  ]);
});

test("outside row gives way", async () => {
  storage.createPlan({ id: "outside", name: "Outside" }, bytes("first"));
  const node = await openStore();
  await node.loadRoom("outside");
  // The command line appends seq 2 to SQLite only, then the node stores
  // its own seq 2 in PostgreSQL.
  storage.appendUpdate("outside", bytes("command-line"), null);

  await node.appendUpdate("outside", bytes("workshop"), "person-b");

  expect(sqliteRows("outside").map((row) => row.data)).toEqual([
    "first",
    "workshop",
  ]);
  const warning = logs.lines
    .map((line) => JSON.parse(line) as { msg: string; seqs?: number[] })
    .find((line) => line.msg.startsWith("SQLite held other updates"));
  expect(warning?.seqs).toEqual([2]);
});

test("snapshot copied back", async () => {
  storage.createPlan({ id: "snap", name: "Snap" }, bytes("first"));
  const store = await openStore();
  await store.loadRoom("snap");
  await store.appendUpdate("snap", bytes("second"), null);

  await store.writeSnapshot("snap", 2, bytes("merged"));

  const stored = storage.loadRoom("snap");
  expect(stored.snapshotSeq).toBe(2);
  expect(new TextDecoder().decode(stored.snapshot!)).toBe("merged");
});

test("failed copy is retried", async () => {
  storage.createPlan({ id: "retry", name: "Retry" }, bytes("first"));
  const node = await openStore();
  await node.loadRoom("retry");
  const db = new Database(storage.file);
  db.exec(`CREATE TRIGGER fail_copy BEFORE INSERT ON updates
    WHEN NEW.room = 'retry' BEGIN SELECT RAISE(ABORT, 'disk is full'); END`);

  await node.appendUpdate("retry", bytes("later"), "person-a");
  expect(sqliteRows("retry").map((row) => row.data)).toEqual(["first"]);
  db.exec("DROP TRIGGER fail_copy");
  db.close();

  await vi.waitFor(
    () =>
      expect(sqliteRows("retry").map((row) => row.data)).toEqual([
        "first",
        "later",
      ]),
    { timeout: 10_000 },
  );
  expect(logs.messages()).toContain(
    "copying stored updates to SQLite failed; a refresh copies them",
  );
});
