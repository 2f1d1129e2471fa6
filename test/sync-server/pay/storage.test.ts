import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { RunningServer } from "../../../sync-server/server.ts";
import { StorageError, Storage } from "../../../sync-server/storage.ts";
import { STORAGE_VERSION } from "../../../sync-server/storage-schema.ts";
import { createFixture, startTestServer, type Fixture } from "../helpers.ts";
import {
  ANA,
  call,
  createPayPlan,
  creatorToken,
  PAY_PLAN,
  payPath,
} from "./pay-fixture.ts";

let fixture: Fixture;
let server: RunningServer;

beforeEach(async () => {
  fixture = createFixture();
  server = await startTestServer(fixture);
});

afterEach(async () => {
  await server.close();
  fixture.remove();
});

// Turns the database back into the layout of storage version 2.
function downgradeToVersion2(): void {
  const db = new Database(path.join(fixture.dataDir, "meridian.db"));
  db.exec(`
    DROP TABLE pay_members; DROP TABLE deals; DROP TABLE pay_records;
    DROP TABLE pay_adjustments; DROP TABLE disputes; DROP TABLE dispute_messages;
    ALTER TABLE invites DROP COLUMN pay_role;
    ALTER TABLE invites DROP COLUMN rep_id;
    ALTER TABLE invites DROP COLUMN used_by;
  `);
  db.pragma("user_version = 2");
  db.close();
}

describe("storage version 3", () => {
  test("upgrades a version 2 database", async () => {
    const links = await server.demoLinks();
    await server.close();
    downgradeToVersion2();

    const readonly = Storage.open(fixture.dataDir, { readonly: true });
    expect(readonly.version).toBe(2);
    const invites = readonly.invites.listActive("demo");
    expect(invites).toHaveLength(links.length);
    expect(invites[0]).toMatchObject({
      payRole: null,
      repId: null,
      usedBy: null,
    });
    expect(() => readonly.pay.members.get("demo", "x")).toThrow(StorageError);
    expect(() => readonly.pay.deals.list("demo")).toThrow(/no pay tables/);
    readonly.close();

    server = await startTestServer(fixture);
    expect(server.storage.version).toBe(STORAGE_VERSION);
    expect(STORAGE_VERSION).toBeGreaterThanOrEqual(3);
    createPayPlan(server);
    const invite = await call(server, "POST", payPath("/invites"), {
      token: await creatorToken(),
      body: { repId: ANA },
    });
    expect(invite.status).toBe(201);
    expect(server.storage.invites.listActivePay(PAY_PLAN)).toHaveLength(1);
  });
});
