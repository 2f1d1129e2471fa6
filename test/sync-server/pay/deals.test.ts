import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type * as Y from "yjs";
import { IncentivesDoc, TIME_ZONE } from "../../../model/doc/incentives-doc.ts";
import { INCENTIVE_SETTINGS } from "../../../model/doc/schema.ts";
import { setTimeZone } from "../../../model/doc/incentives-edits.ts";
import type { RunningServer } from "../../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  startTestServer,
  synced,
  untilServer,
  type Fixture,
} from "../helpers.ts";
import {
  call,
  importJanuaryDeals,
  JANUARY_DEALS,
  PAY_PLAN,
  payPath,
  payTeam,
  type PayTeam,
} from "./pay-fixture.ts";

let fixture: Fixture;
let server: RunningServer;
let team: PayTeam;

beforeEach(async () => {
  fixture = createFixture();
  server = await startTestServer(fixture);
  team = await payTeam(server);
});

afterEach(async () => {
  await server.close();
  fixture.remove();
});

const HEADER = "id,account,amount,currency,close_date,product,owner";

function importCsv(csv: string, token = team.admin) {
  return call(server, "POST", payPath("/deals"), { token, body: { csv } });
}

describe("deals import", () => {
  test("stores every deal", async () => {
    const reply = await importCsv(JANUARY_DEALS);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ imported: 3, total: 3 });

    const listed = await call(server, "GET", payPath("/deals"), {
      token: team.admin,
    });
    expect(listed.body.deals.map((d: { id: string }) => d.id)).toEqual([
      "d-ana-1",
      "d-ben-1",
      "d-ben-2",
    ]);
    expect(listed.body.deals[1]).toMatchObject({
      amount: "20000.00",
      currency: "EUR",
      owner: "rep-ben",
      splits: [{ rep: "rep-ben", percent: "100" }],
    });
  });

  test("adds to earlier imports", async () => {
    await importJanuaryDeals(server, team.admin);
    const reply = await importCsv(
      `${HEADER}\nd-ana-2,acct-1,100.00,USD,2027-02-03,Platform,rep-ana`,
    );
    expect(reply.body).toEqual({ imported: 1, total: 4 });
  });

  test("bad rows import nothing", async () => {
    const reply = await importCsv(
      [
        HEADER,
        "d-1,acct-1,100.00,USD,2027-01-05,Platform,rep-ana",
        "d-2,acct-1,12.345,USD,2027-01-05,Platform,rep-ana",
        "d-3,acct-1,100.00,USD,2027-02-30,Platform,rep-ana",
      ].join("\n"),
    );
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe("DEALS_INVALID");
    expect(
      reply.body.error.rows.map((r: { line: number; field: string }) => [
        r.line,
        r.field,
      ]),
    ).toEqual([
      [3, "amount"],
      [4, "close_date"],
    ]);
    expect(reply.body.error.message).toContain("2 problems");
    expect(server.storage.pay.deals.count(PAY_PLAN)).toBe(0);
  });

  test("bad rows listed with rate and id problems", async () => {
    const first = await importCsv(
      `${HEADER}\nd-1,acct-1,100.00,USD,2027-01-05,Platform,rep-ana`,
    );
    expect(first.status).toBe(200);

    const reply = await importCsv(
      [
        HEADER,
        "d-2,acct-1,12.345,USD,2027-01-05,Platform,rep-ana",
        "d-3,acct-1,100.00,JPY,2027-01-05,Platform,rep-ana",
        "d-1,acct-1,100.00,USD,2027-01-06,Platform,rep-ana",
      ].join("\n"),
    );
    expect(reply.status).toBe(422);
    expect(
      reply.body.error.rows.map((r: { line: number; field: string }) => [
        r.line,
        r.field,
      ]),
    ).toEqual([
      [2, "amount"],
      [3, "currency"],
      [4, "id"],
    ]);
    expect(server.storage.pay.deals.count(PAY_PLAN)).toBe(1);
  });

  test("unknown rep is rejected", async () => {
    const reply = await importCsv(
      `${HEADER}\nd-1,acct-1,100.00,USD,2027-01-05,Platform,rep-zed`,
    );
    expect(reply.status).toBe(422);
    expect(reply.body.error.rows).toEqual([
      {
        line: 2,
        field: "owner",
        value: "rep-zed",
        reason: "is not a known rep. Add the rep first or correct the id",
      },
    ]);
  });

  test("stored ids are duplicates", async () => {
    await importJanuaryDeals(server, team.admin);
    const reply = await importCsv(
      [
        HEADER,
        "d-new,acct-1,100.00,USD,2027-01-05,Platform,rep-ana",
        "",
        "d-ben-2,acct-1,100.00,USD,2027-01-05,Platform,rep-ana",
      ].join("\n"),
    );
    expect(reply.status).toBe(422);
    expect(reply.body.error.rows).toHaveLength(1);
    expect(reply.body.error.rows[0]).toMatchObject({
      line: 4,
      field: "id",
      value: "d-ben-2",
    });
    expect(server.storage.pay.deals.count(PAY_PLAN)).toBe(3);
  });

  test("currency without rate is rejected", async () => {
    const reply = await importCsv(
      [
        HEADER,
        "d-1,acct-1,100.00,GBP,2027-01-05,Platform,rep-ana",
        "d-2,acct-1,100.00,EUR,2025-12-31,Platform,rep-ana",
        "d-3,acct-1,100.00,EUR,2026-01-01,Platform,rep-ana",
      ].join("\n"),
    );
    expect(reply.status).toBe(422);
    expect(reply.body.error.rows).toEqual([
      expect.objectContaining({ line: 2, field: "currency", value: "GBP" }),
      expect.objectContaining({ line: 3, field: "currency", value: "EUR" }),
    ]);
    expect(reply.body.error.rows[1].reason).toContain("2025-12-31");
    expect(server.storage.pay.deals.count(PAY_PLAN)).toBe(0);
  });

  test("missing csv gets 400", async () => {
    const reply = await call(server, "POST", payPath("/deals"), {
      token: team.admin,
      body: { text: JANUARY_DEALS },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("CSV_MISSING");
  });

  test("malformed JSON gets 400", async () => {
    const reply = await call(server, "POST", payPath("/deals"), {
      token: team.admin,
      rawBody: '{"csv": "id,',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("INVALID_JSON");
  });

  test("JSON array gets 400", async () => {
    const reply = await call(server, "POST", payPath("/deals"), {
      token: team.admin,
      body: [JANUARY_DEALS],
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("BODY_INVALID");
  });

  test("rep cannot import or list deals", async () => {
    const imported = await importCsv(JANUARY_DEALS, team.ana);
    expect(imported.status).toBe(403);
    const listed = await call(server, "GET", payPath("/deals"), {
      token: team.ana,
    });
    expect(listed.status).toBe(403);
    expect(server.storage.pay.deals.count(PAY_PLAN)).toBe(0);
  });
});

describe("deals import time zone", () => {
  // 06:30 UTC on 1 March 2027 is 22:30 on 28 February in Los Angeles.
  const EVENING_DEAL = `${HEADER},splits\nd-eve,acct-1,100.00,USD,2027-03-01T06:30:00Z,Platform,rep-ana,rep-ana:100`;

  /** Writes to the plan's live room as its editor and waits for the server to have it. */
  async function editPlan(write: (doc: Y.Doc) => void) {
    const editor = connectClient(server, PAY_PLAN, team.admin);
    try {
      await synced(editor);
      write(editor.doc);
      const expected = new IncentivesDoc(editor.doc).readTimeZone();
      await untilServer(
        server,
        PAY_PLAN,
        (plan) => new IncentivesDoc(plan.doc).readTimeZone() === expected,
      );
    } finally {
      editor.destroy();
    }
  }

  async function listedCloseDates(): Promise<string[]> {
    const listed = await call(server, "GET", payPath("/deals"), {
      token: team.admin,
    });
    return listed.body.deals.map((d: { closeDate: string }) => d.closeDate);
  }

  async function anaCredited(periodId: string): Promise<string | undefined> {
    const reply = await call(server, "GET", payPath("/statements"), {
      token: team.admin,
    });
    const row = reply.body.statements.find(
      (s: { repId: string; periodId: string }) =>
        s.repId === "rep-ana" && s.periodId === periodId,
    );
    return row?.credited;
  }

  test("dates a timestamp in the plan's zone", async () => {
    await editPlan((doc) => setTimeZone(doc, "America/Los_Angeles"));

    const reply = await importCsv(EVENING_DEAL);
    expect(reply.status).toBe(200);
    expect(await listedCloseDates()).toEqual(["2027-02-28"]);
    expect(await anaCredited("FY2027-M02")).toBe("100.00");
    expect(await anaCredited("FY2027-M03")).toBe("0.00");
  });

  test("dates a timestamp in UTC without a zone", async () => {
    const reply = await importCsv(EVENING_DEAL);
    expect(reply.status).toBe(200);
    expect(await listedCloseDates()).toEqual(["2027-03-01"]);
    expect(await anaCredited("FY2027-M02")).toBe("0.00");
    expect(await anaCredited("FY2027-M03")).toBe("100.00");
  });

  test("timestamp without offset is rejected", async () => {
    const reply = await importCsv(
      `${HEADER}\nd-1,acct-1,100.00,USD,2027-03-01T06:30:00,Platform,rep-ana`,
    );
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe("DEALS_INVALID");
    expect(reply.body.error.rows).toEqual([
      expect.objectContaining({
        line: 2,
        field: "close_date",
        value: "2027-03-01T06:30:00",
      }),
    ]);
    expect(reply.body.error.rows[0].reason).toContain("without a UTC offset");
    expect(server.storage.pay.deals.count(PAY_PLAN)).toBe(0);
  });

  test("unknown stored zone gets 422", async () => {
    // Only a faulty client writes a zone that setTimeZone rejects.
    await editPlan((doc) =>
      doc.getMap(INCENTIVE_SETTINGS).set(TIME_ZONE, "Mars/Olympus_Mons"),
    );

    const reply = await importCsv(EVENING_DEAL);
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe("TIME_ZONE_INVALID");
    expect(reply.body.error.message).toContain('"Mars/Olympus_Mons"');
    expect(server.storage.pay.deals.count(PAY_PLAN)).toBe(0);
  });
});
