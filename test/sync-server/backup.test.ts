import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { setDatasetHash } from "../../model/doc/datasets.ts";
import { planContentHash } from "../../model/doc/plan-content.ts";
import { REVIEW_COMMENTS } from "../../model/doc/schema.ts";
import { backupChecksum } from "../../sync-server/backup/format.ts";
import { loadPlanDoc } from "../../sync-server/plans.ts";
import type { RunningServer } from "../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  GEOMETRY_SHA256,
  LogCapture,
  startTestServer,
  synced,
  until,
  untilServer,
  type Fixture,
  type TestClient,
} from "./helpers.ts";

const UNITS_BYTES = JSON.stringify({
  units: [{ id: "01001" }, { id: "01003" }],
  states: [],
});

const ACCOUNTS_BYTES = JSON.stringify({
  generated: false,
  description: "Imported from accounts.csv",
  accounts: [
    {
      id: "ext-1",
      name: "Acme",
      unitId: "01001",
      segment: "city",
      potential: "1250.50",
    },
  ],
});

function sha256Of(bytes: string | Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A fixture whose manifest also lists a units dataset, as uploads need. */
function fixtureWithUnits(): Fixture {
  const fixture = createFixture();
  fs.writeFileSync(path.join(fixture.publicDataDir, "units.json"), UNITS_BYTES);
  writeManifest(fixture, true);
  return fixture;
}

function writeManifest(fixture: Fixture, withUnits: boolean): void {
  const datasets: Record<string, { file: string; sha256: string }> = {
    geometry: { file: "geometry.json", sha256: GEOMETRY_SHA256 },
  };
  if (withUnits) {
    datasets.units = { file: "units.json", sha256: sha256Of(UNITS_BYTES) };
  }
  fs.writeFileSync(
    path.join(fixture.publicDataDir, "manifest.json"),
    JSON.stringify({ datasets }),
  );
}

interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function call(
  server: RunningServer,
  method: string,
  pathname: string,
  options: { token?: string; body?: unknown } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${server.url}${pathname}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, body: await response.json() };
}

/** Joins a server's demo plan as an editor and returns the person token. */
async function joinDemoEditor(
  server: RunningServer,
  name: string,
): Promise<{ token: string; person: { id: string } }> {
  const links = await server.demoLinks();
  const url = links.find((link) => link.role === "editor")!.url;
  const token = new URL(url).searchParams.get("token");
  const reply = await call(server, "POST", "/api/join", {
    body: { token, name },
  });
  expect(reply.status).toBe(200);
  return reply.body;
}

async function importFile(
  server: RunningServer,
  token: string,
  bytes: Uint8Array,
  query = "",
): Promise<Reply> {
  const response = await fetch(`${server.url}/api/plans/import${query}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/gzip",
    },
    body: new Blob([new Uint8Array(bytes)]),
  });
  return { status: response.status, body: await response.json() };
}

/** Reads every stored row of a room's history, with the bytes as hex. */
function storedUpdates(server: RunningServer, room: string) {
  const db = new Database(server.storage.file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT seq, created_at AS createdAt, person_id AS personId,
           hex(data) AS data
         FROM updates WHERE room = ? ORDER BY seq`,
      )
      .all(room);
  } finally {
    db.close();
  }
}

/** Counts what an import could write: plans, rows and dataset files. */
function storedTotals(server: RunningServer, fixture: Fixture) {
  const db = new Database(server.storage.file, { readonly: true });
  const datasetsDir = path.join(fixture.dataDir, "datasets");
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      plans: server.storage.listPlans().map((plan) => plan.id),
      updates: count("SELECT COUNT(*) AS n FROM updates"),
      people: count("SELECT COUNT(*) AS n FROM people"),
      versions: count("SELECT COUNT(*) AS n FROM versions"),
      datasets: fs.existsSync(datasetsDir) ? fs.readdirSync(datasetsDir) : [],
    };
  } finally {
    db.close();
  }
}

/** Unpacks a backup, lets `change` edit its JSON, and packs it again. */
function rewrite(
  bytes: Uint8Array,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  change: (file: any) => void,
): Uint8Array {
  const file = JSON.parse(gunzipSync(bytes).toString("utf8"));
  change(file);
  return new Uint8Array(gzipSync(JSON.stringify(file)));
}

let source: Fixture;
let target: Fixture;
let serverA: RunningServer;
let serverB: RunningServer;
const targetLogs = new LogCapture();
const clients: TestClient[] = [];
let planId: string;
let adaId: string;
let backup: Uint8Array;
let backupHeaders: Headers;
let beaToken: string;
let sourceSnapshot: unknown;
let sourceComments: unknown;

beforeAll(async () => {
  source = fixtureWithUnits();
  target = fixtureWithUnits();
  serverA = await startTestServer(source);
  serverB = await startTestServer(
    target,
    { authSecret: "another-secret-0123456789-abcdefghijklmnop" },
    targetLogs,
  );

  // Given: a plan on server A with edits, a version, review comments, a
  // review event and an uploaded accounts dataset.
  const ada = await joinDemoEditor(serverA, "Ada");
  adaId = ada.person.id;
  const created = await call(serverA, "POST", "/api/plans", {
    token: ada.token,
    body: { name: "FY27 West" },
  });
  expect(created.status).toBe(201);
  planId = created.body.planId;
  const token = created.body.token;

  const upload = await fetch(
    `${serverA.url}/api/plans/${planId}/datasets/accounts`,
    {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
      },
      body: ACCOUNTS_BYTES,
    },
  );
  expect(upload.status).toBe(201);

  const writer = connectClient(serverA, planId, token);
  clients.push(writer);
  await synced(writer);
  const west = writer.plan.createTerritory({
    name: "West",
    color: "#d62728",
    parentId: null,
    ownerId: null,
    locked: false,
    kind: "territory",
  });
  writer.plan.assign(["01001", "01003"], west);
  setDatasetHash(writer.plan, "accounts", sha256Of(ACCOUNTS_BYTES));
  await untilServer(
    serverA,
    planId,
    (plan) => plan.readMeta().datasets.accounts === sha256Of(ACCOUNTS_BYTES),
  );

  const version = await call(serverA, "POST", `/api/plans/${planId}/versions`, {
    token,
    body: { name: "First draft" },
  });
  expect(version.status).toBe(201);
  writer.plan.assign(["01003"], null);
  await untilServer(
    serverA,
    planId,
    (plan) => !("01003" in plan.readAssignments()),
  );

  const reviewer = connectClient(serverA, `${planId}.review`, token);
  clients.push(reviewer);
  await synced(reviewer);
  reviewer.doc.getMap(REVIEW_COMMENTS).set("thread-1", { text: "Why West?" });
  const live = serverA.rooms.get(`${planId}.review`)!;
  await until(live.doc, () => live.doc.getMap(REVIEW_COMMENTS).has("thread-1"));

  serverA.storage.reviews.insert({
    id: "event-1",
    planId,
    action: "request-review",
    status: "in-review",
    contentHash: "0".repeat(64),
    planSeq: serverA.storage.countUpdates(planId),
    comment: "Ready",
    personId: adaId,
    createdAt: Date.now(),
  });
  serverA.storage.clientIds.register(planId, 424242, adaId, Date.now());
  sourceSnapshot = writer.plan.snapshot();
  sourceComments = reviewer.doc.getMap(REVIEW_COMMENTS).toJSON();

  const response = await fetch(`${serverA.url}/api/plans/${planId}/backup`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  backupHeaders = response.headers;
  backup = new Uint8Array(await response.arrayBuffer());

  beaToken = (await joinDemoEditor(serverB, "Bea")).token;
});

afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await serverA?.close();
  await serverB?.close();
  source?.remove();
  target?.remove();
});

describe("plan backup", () => {
  test("backup download is a gzip file", () => {
    expect(backupHeaders.get("content-type")).toBe("application/octet-stream");
    const file = JSON.parse(gunzipSync(backup).toString("utf8"));
    const date = file.content.createdAt.slice(0, 10);
    expect(backupHeaders.get("content-disposition")).toBe(
      `attachment; filename="fy27-west-${date}.meridian-backup"`,
    );
    expect(backup[0]).toBe(0x1f);
    expect(backup[1]).toBe(0x8b);
    expect(file.format).toBe("meridian-plan-backup");
    expect(file.version).toBe(1);
    expect(file.sha256).toBe(backupChecksum(file.content));
    expect(file.content.plan.name).toBe("FY27 West");
  });

  test("backup keeps pay data out", () => {
    const text = gunzipSync(backup).toString("utf8");
    expect(text).not.toMatch(/"deals"|"statements"|"disputes"/);
  });

  test("backup rejects a viewer", async () => {
    const links = await serverA.demoLinks();
    const url = links.find((link) => link.role === "viewer")!.url;
    const invite = new URL(url).searchParams.get("token");
    const joined = await call(serverA, "POST", "/api/join", {
      body: { token: invite, name: "Vic" },
    });
    const reply = await call(serverA, "GET", "/api/plans/demo/backup", {
      token: joined.body.token,
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("EDITOR_REQUIRED");
  });
});

describe("plan import refusals", () => {
  const cases: [string, () => Uint8Array, number, string, RegExp][] = [
    [
      "truncated file",
      () => backup.slice(0, Math.floor(backup.length / 2)),
      400,
      "BACKUP_DAMAGED",
      /truncated or damaged/,
    ],
    [
      "flipped byte",
      () => {
        const copy = backup.slice();
        copy[Math.floor(copy.length / 2)] ^= 0xff;
        return copy;
      },
      400,
      "BACKUP_DAMAGED",
      /truncated or damaged/,
    ],
    [
      "edited content",
      () =>
        rewrite(backup, (file) => {
          file.content.plan.name = "Edited";
        }),
      400,
      "BACKUP_CHECKSUM_MISMATCH",
      /changed or damaged after it was made/,
    ],
    [
      "wrong format",
      () =>
        rewrite(backup, (file) => {
          file.format = "something-else";
        }),
      400,
      "BACKUP_WRONG_FORMAT",
      /"something-else", not "meridian-plan-backup"/,
    ],
    [
      "not gzip",
      () => new TextEncoder().encode('{"format":"meridian-plan-backup"}'),
      400,
      "BACKUP_NOT_GZIP",
      /not gzip-compressed/,
    ],
    [
      "update that does not decode",
      () =>
        rewrite(backup, (file) => {
          file.content.planRoom.updates[1].data = "AAECAwQF";
          file.sha256 = backupChecksum(file.content);
        }),
      400,
      "BACKUP_UPDATE_INVALID",
      /Update \d+ \(content\.planRoom\.updates\[1\]\)|depend on changes/,
    ],
    [
      "uploaded dataset left out",
      () =>
        rewrite(backup, (file) => {
          file.content.datasets = file.content.datasets.filter(
            (dataset: { source: string }) => dataset.source !== "uploaded",
          );
          file.sha256 = backupChecksum(file.content);
        }),
      422,
      "DATASET_MISSING",
      /names the accounts dataset [0-9a-f]{64}, but the backup does not contain it/,
    ],
    [
      "uploaded dataset with other bytes",
      () =>
        rewrite(backup, (file) => {
          const uploaded = file.content.datasets.find(
            (dataset: { source: string }) => dataset.source === "uploaded",
          );
          uploaded.data = Buffer.from("{}").toString("base64");
          file.sha256 = backupChecksum(file.content);
        }),
      400,
      "DATASET_HASH_MISMATCH",
      /hashes to [0-9a-f]{64}, not [0-9a-f]{64}/,
    ],
  ];

  for (const [name, make, status, code, message] of cases) {
    test(`import rejects ${name}`, async () => {
      const before = storedTotals(serverB, target);

      const reply = await importFile(serverB, beaToken, make());

      expect(reply.status).toBe(status);
      expect(reply.body.error.code).toBe(code);
      expect(reply.body.error.message).toMatch(message);
      expect(storedTotals(serverB, target)).toEqual(before);
    });
  }

  test("import rejects an empty file", async () => {
    const reply = await importFile(serverB, beaToken, new Uint8Array(0));

    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("BACKUP_NOT_GZIP");
    expect(reply.body.error.message).toMatch(/^The file is empty/);
    expect(reply.body.error.message).not.toContain("bytes");
  });

  test("import rejects records live routes reject", async () => {
    const before = storedTotals(serverB, target);
    const tampered = rewrite(backup, (file) => {
      const content = file.content;
      content.plan.name = `<script>alert(1)</script>${"x".repeat(300)}`;
      content.people[0].name = "n".repeat(5000);
      content.versions[0].name = "";
      content.reviewEvents[0].action = "nuke";
      content.reviewEvents[0].status = "exploded";
      content.reviewEvents[0].contentHash = "zz";
      file.sha256 = backupChecksum(content);
    });

    const reply = await importFile(serverB, beaToken, tampered);

    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("BACKUP_INVALID");
    const message: string = reply.body.error.message;
    expect(message).toContain("6 invalid values");
    expect(message).toMatch(
      /content\.plan\.name: Plan name .* has 325 characters; use 1 to 100/,
    );
    expect(message).toMatch(
      /content\.people\[0\]\.name: Display name .* has 5000 characters; use 1 to 60/,
    );
    expect(message).toContain('content.versions[0].name "" has 0 characters');
    expect(message).toContain('content.reviewEvents[0].action is "nuke"');
    expect(message).toContain('content.reviewEvents[0].status is "exploded"');
    expect(message).toContain(
      'content.reviewEvents[0].contentHash is "zz", expected 64 lowercase hex digits',
    );
    expect(message.length).toBeLessThan(2000);
    expect(storedTotals(serverB, target)).toEqual(before);
  });

  test("import rejects long version note and comment", async () => {
    const before = storedTotals(serverB, target);
    const tampered = rewrite(backup, (file) => {
      const content = file.content;
      content.versions[0].note = "a\u0000b";
      content.reviewEvents[0].comment = "c".repeat(2001);
      content.reviewEvents[0].planSeq = 10 ** 6;
      file.sha256 = backupChecksum(content);
    });

    const reply = await importFile(serverB, beaToken, tampered);

    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("BACKUP_INVALID");
    const message: string = reply.body.error.message;
    expect(message).toContain("3 invalid values");
    expect(message).toContain(
      "content.versions[0].note contains a control character",
    );
    expect(message).toContain(
      "content.reviewEvents[0].comment has 2001 characters",
    );
    expect(message).toContain("content.reviewEvents[0].planSeq is 1000000");
    expect(storedTotals(serverB, target)).toEqual(before);
  });

  test("import rejects impossible review log", async () => {
    const before = storedTotals(serverB, target);
    const tampered = rewrite(backup, (file) => {
      const events = file.content.reviewEvents;
      const first = events[0];
      first.action = "approve";
      first.status = "approved";
      events.push(
        { ...first, id: "event-2", action: "publish", status: "draft" },
        {
          ...first,
          id: "event-3",
          action: "request-review",
          status: "in-review",
        },
        {
          ...first,
          id: "event-4",
          action: "send-back",
          status: "draft",
          comment: " ",
        },
      );
      file.sha256 = backupChecksum(file.content);
    });

    const reply = await importFile(serverB, beaToken, tampered);

    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("BACKUP_INVALID");
    const message: string = reply.body.error.message;
    expect(message).toContain("3 invalid values");
    expect(message).toContain(
      'content.reviewEvents[0].action "approve" is not allowed while the plan is draft',
    );
    expect(message).toContain(
      'content.reviewEvents[1].status is "draft", but "publish" after the events before it leads to "published"',
    );
    expect(message).toContain(
      "content.reviewEvents[3].comment is empty, but a send-back needs a comment",
    );
    expect(storedTotals(serverB, target)).toEqual(before);
  });

  test("import rejects missing public dataset", async () => {
    writeManifest(target, false);
    const before = storedTotals(serverB, target);
    try {
      const reply = await importFile(serverB, beaToken, backup);

      expect(reply.status).toBe(422);
      expect(reply.body.error.code).toBe("DATASET_MISSING");
      expect(reply.body.error.message).toMatch(
        /public units dataset [0-9a-f]{64}, which this server does not ship/,
      );
      expect(storedTotals(serverB, target)).toEqual(before);
    } finally {
      writeManifest(target, true);
    }
  });

  test("import rejects a viewer", async () => {
    const links = await serverB.demoLinks();
    const url = links.find((link) => link.role === "viewer")!.url;
    const invite = new URL(url).searchParams.get("token");
    const joined = await call(serverB, "POST", "/api/join", {
      body: { token: invite, name: "Vic" },
    });

    const reply = await importFile(serverB, joined.body.token, backup);

    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("EDITOR_REQUIRED");
  });
});

describe("plan import", () => {
  let imported: Reply;

  beforeAll(async () => {
    imported = await importFile(serverB, beaToken, backup);
  });

  test("import keeps the plan id and name", () => {
    expect(imported.status).toBe(201);
    expect(imported.body.planId).toBe(planId);
    expect(imported.body.name).toBe("FY27 West");
    expect(imported.body.role).toBe("editor");
    expect(serverB.storage.getPlan(planId)).toEqual(
      serverA.storage.getPlan(planId),
    );
  });

  test("import keeps update history", () => {
    for (const room of [planId, `${planId}.review`]) {
      const original = storedUpdates(serverA, room);
      expect(original.length).toBeGreaterThan(0);
      expect(storedUpdates(serverB, room)).toEqual(original);
    }
  });

  test("import rebuilds plan and review room", async () => {
    const plan = connectClient(serverB, planId, imported.body.token);
    const review = connectClient(
      serverB,
      `${planId}.review`,
      imported.body.token,
    );
    clients.push(plan, review);
    await Promise.all([synced(plan), synced(review)]);

    expect(plan.plan.snapshot()).toEqual(sourceSnapshot);
    expect(planContentHash(plan.doc)).toBe(
      planContentHash(serverA.rooms.get(planId)!.doc),
    );
    expect(review.doc.getMap(REVIEW_COMMENTS).toJSON()).toEqual(sourceComments);
  });

  test("import keeps versions with names", async () => {
    const listed = await call(serverB, "GET", `/api/plans/${planId}/versions`, {
      token: imported.body.token,
    });
    const original = serverA.storage.versions.list(planId);

    expect(listed.status).toBe(200);
    expect(listed.body.versions).toHaveLength(1);
    expect(listed.body.versions[0].name).toBe("First draft");
    expect(listed.body.versions[0].seq).toBe(original[0].seq);
    expect(listed.body.versions[0].createdByName).toBe("Ada");

    const state = await fetch(
      `${serverB.url}/api/plans/${planId}/versions/${original[0].id}/state`,
      { headers: { authorization: `Bearer ${imported.body.token}` } },
    );
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await state.arrayBuffer()));
    expect(doc.getMap("meta").toJSON()).toEqual(
      serverA.rooms.get(planId)!.doc.getMap("meta").toJSON(),
    );
    doc.destroy();
  });

  test("import keeps review log and client ids", () => {
    expect(serverB.storage.reviews.list(planId)).toEqual(
      serverA.storage.reviews.list(planId),
    );
    expect(serverB.storage.clientIds.read(planId)).toEqual(
      serverA.storage.clientIds.read(planId),
    );
    expect(serverB.storage.clientIds.read(planId).get(424242)).toBe(adaId);
  });

  test("import keeps names without access", () => {
    const ada = serverB.storage.people.get(planId, adaId);
    expect(ada?.name).toBe("Ada");
    expect(ada?.removedAt).not.toBeNull();
    const members = serverB.storage.people.listMembers(planId);
    expect(members.map((member) => member.name)).toEqual(["Bea"]);
    expect(members[0].role).toBe("editor");
  });

  test("import stores uploaded dataset", () => {
    const file = path.join(
      target.dataDir,
      "datasets",
      `${sha256Of(ACCOUNTS_BYTES)}.json`,
    );
    expect(fs.readFileSync(file, "utf8")).toBe(ACCOUNTS_BYTES);
  });

  test("import rejects existing id", async () => {
    const before = storedTotals(serverB, target);

    const reply = await importFile(serverB, beaToken, backup);

    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe("PLAN_EXISTS");
    expect(reply.body.error.message).toMatch(
      new RegExp(`Plan "${planId}" already exists on this server`),
    );
    expect(storedTotals(serverB, target)).toEqual(before);
    const logged = targetLogs.lines
      .map((line) => JSON.parse(line))
      .filter((line) => line.msg === "plan import rejected");
    expect(logged.at(-1)?.code).toBe("PLAN_EXISTS");
  });

  test("import as new id copies plan", async () => {
    const reply = await importFile(serverB, beaToken, backup, "?id=new");

    expect(reply.status).toBe(201);
    expect(reply.body.planId).not.toBe(planId);
    const copied = storedUpdates(serverB, reply.body.planId);
    const original = storedUpdates(serverA, planId);
    expect(copied.slice(0, original.length)).toEqual(original);
    expect(copied).toHaveLength(original.length + 1);
    const copy = loadPlanDoc(serverB.storage, reply.body.planId);
    expect(copy.readMeta().planId).toBe(reply.body.planId);
    expect(planContentHash(copy.doc)).toBe(
      planContentHash(loadPlanDoc(serverA.storage, planId).doc),
    );
    const versions = serverB.storage.versions.list(reply.body.planId);
    expect(versions).toHaveLength(1);
    expect(versions[0].id).not.toBe(
      serverA.storage.versions.list(planId)[0].id,
    );
  });
});
