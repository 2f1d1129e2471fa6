import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import * as Y from "yjs";
import { initPlan } from "../../../model/doc/init-plan.ts";
import { PlanDoc } from "../../../model/doc/plan-doc.ts";
import {
  setCreditingRule,
  setTimeZone,
} from "../../../model/doc/incentives-edits.ts";
import { IncentivesDoc } from "../../../model/doc/incentives-doc.ts";
import { PlanningDoc } from "../../../model/doc/planning-doc.ts";
import { entryChange } from "../../../model/doc/planning-edits.ts";
import type { TimedUpdate } from "../../../sync-server/pay/room-updates.ts";
import { TerritoryHistory } from "../../../sync-server/pay/territory-history.ts";
import type { RunningServer } from "../../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  startTestServer,
  synced,
  untilServer,
  type Fixture,
  type TestClient,
} from "../helpers.ts";
import {
  ANA,
  BEN,
  call,
  creatorToken,
  PAY_PLAN,
  payPath,
  payTeam,
  type PayTeam,
} from "./pay-fixture.ts";

// Only Date is faked, so the server stores each update with the test's
// date while sockets and timers run for real.
const PLAN_CREATED = new Date("2027-02-01T12:00:00Z");
const REPAINTED = new Date("2027-03-10T12:00:00Z");

let fixture: Fixture;
let server: RunningServer;
let team: PayTeam;
let editor: TestClient;

/**
 * Creates territory North and makes Ben its rep, so Ana alone is South's
 * rep. The plan credits by territory only, so each deal's credit follows
 * the territory of its account on the close date, whatever its splits.
 */
function moveBenToNorth(): void {
  setCreditingRule(editor.doc, {
    id: "by-territory",
    kind: "territory",
    effectiveFrom: null,
    effectiveTo: null,
  });
  editor.plan.createTerritory({
    id: "t-north",
    name: "North",
    color: "#d62728",
    parentId: null,
    ownerId: null,
    locked: false,
    kind: "territory",
  });
  const planning = new PlanningDoc(editor.doc);
  editor.doc.transact(() =>
    entryChange(planning, "reps", BEN, {
      id: BEN,
      name: "Ben Okafor",
      roleId: "role-ae",
      startDate: "2021-03-01",
      territoryId: "t-north",
    }).write(planning),
  );
}

/** Repaints unit 01003, the unit of account acct-2, from South to North. */
async function repaintBoltToNorth(at: Date): Promise<void> {
  vi.setSystemTime(at);
  editor.plan.assign(["01003"], "t-north");
  await untilServer(
    server,
    PAY_PLAN,
    (plan) => plan.territoryOf("01003") === "t-north",
  );
}

async function importDeals(rows: string[]): Promise<void> {
  const csv = ["id,account,amount,currency,close_date,product,owner", ...rows];
  const reply = await call(server, "POST", payPath("/deals"), {
    token: await creatorToken(),
    body: { csv: csv.join("\n") },
  });
  expect(reply.status).toBe(200);
}

// Tokens are signed at the faked date, so each request signs a fresh one
// that has not expired at the date the test has moved to.

/** Credited amount of each rep and period, as "rep period" -> amount. */
async function credited(): Promise<Record<string, string>> {
  const reply = await call(server, "GET", payPath("/statements"), {
    token: await creatorToken(),
  });
  expect(reply.status).toBe(200);
  const figures: Record<string, string> = {};
  for (const row of reply.body.statements) {
    figures[`${row.repId} ${row.periodId}`] = row.credited;
  }
  return figures;
}

describe("territory on the close date", () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: PLAN_CREATED });
    fixture = createFixture();
    server = await startTestServer(fixture);
    team = await payTeam(server);
    editor = connectClient(server, PAY_PLAN, team.admin);
    await synced(editor);
    moveBenToNorth();
    // One client's updates reach the server in order, so the last edit
    // arriving means every edit before it has too.
    await untilServer(
      server,
      PAY_PLAN,
      (plan) =>
        new PlanningDoc(plan.doc).reps.get(BEN)?.get("territoryId") ===
        "t-north",
    );
  });

  afterEach(async () => {
    editor.destroy();
    await server.close();
    fixture.remove();
    vi.useRealTimers();
  });

  test("deal before a repaint credits old territory", async () => {
    await importDeals([
      "d-feb,acct-2,10000.00,USD,2027-02-15,Platform,rep-ana",
      "d-mar-9,acct-2,20000.00,USD,2027-03-09,Platform,rep-ana",
    ]);
    await repaintBoltToNorth(REPAINTED);

    const figures = await credited();
    expect(figures[`${ANA} FY2027-M02`]).toBe("10000.00");
    expect(figures[`${ANA} FY2027-M03`]).toBe("20000.00");
    expect(figures[`${BEN} FY2027-M02`]).toBe("0.00");
    expect(figures[`${BEN} FY2027-M03`]).toBe("0.00");
  });

  test("deal on or after a repaint credits new territory", async () => {
    await importDeals([
      "d-mar-10,acct-2,30000.00,USD,2027-03-10,Platform,rep-ben",
      "d-mar-20,acct-2,40000.00,USD,2027-03-20,Platform,rep-ben",
      "d-south,acct-1,5000.00,USD,2027-03-20,Platform,rep-ana",
    ]);
    await repaintBoltToNorth(REPAINTED);

    const figures = await credited();
    expect(figures[`${BEN} FY2027-M03`]).toBe("70000.00");
    expect(figures[`${ANA} FY2027-M03`]).toBe("5000.00");
  });

  test("deal before plan creation uses first territory", async () => {
    await importDeals([
      "d-jan,acct-2,15000.00,USD,2027-01-05,Platform,rep-ana",
    ]);
    await repaintBoltToNorth(REPAINTED);

    const figures = await credited();
    expect(figures[`${ANA} FY2027-M01`]).toBe("15000.00");
    expect(figures[`${BEN} FY2027-M01`]).toBe("0.00");
  });

  test("repaint moves credit of later deals only", async () => {
    await importDeals([
      "d-feb,acct-2,10000.00,USD,2027-02-15,Platform,rep-ana",
      "d-apr,acct-2,40000.00,USD,2027-04-02,Platform,rep-ana",
    ]);
    const before = await credited();
    expect(before[`${ANA} FY2027-M04`]).toBe("40000.00");

    await repaintBoltToNorth(REPAINTED);
    const after = await credited();
    expect(after[`${ANA} FY2027-M02`]).toBe("10000.00");
    expect(after[`${ANA} FY2027-M04`]).toBe("0.00");
    expect(after[`${BEN} FY2027-M04`]).toBe("40000.00");
  });

  test("repaint date uses the plan's time zone", async () => {
    setTimeZone(editor.doc, "America/Los_Angeles");
    await untilServer(
      server,
      PAY_PLAN,
      (plan) =>
        new IncentivesDoc(plan.doc).read().timeZone === "America/Los_Angeles",
    );
    await importDeals([
      "d-mar-8,acct-2,10000.00,USD,2027-03-08,Platform,rep-ana",
      "d-mar-9,acct-2,20000.00,USD,2027-03-09,Platform,rep-ana",
    ]);
    // 03:00 UTC on 10 March is still 9 March in Los Angeles.
    await repaintBoltToNorth(new Date("2027-03-10T03:00:00Z"));

    const figures = await credited();
    expect(figures[`${ANA} FY2027-M03`]).toBe("10000.00");
    expect(figures[`${BEN} FY2027-M03`]).toBe("20000.00");
  });

  test("repaint and back on one day leaves no change", async () => {
    await importDeals([
      "d-mar-20,acct-2,40000.00,USD,2027-03-20,Platform,rep-ana",
    ]);
    await repaintBoltToNorth(REPAINTED);
    editor.plan.assign(["01003"], "t-south");
    await untilServer(
      server,
      PAY_PLAN,
      (plan) => plan.territoryOf("01003") === "t-south",
    );

    const figures = await credited();
    expect(figures[`${ANA} FY2027-M03`]).toBe("40000.00");
    expect(figures[`${BEN} FY2027-M03`]).toBe("0.00");
  });
});

describe("TerritoryHistory", () => {
  /** Stores a plan with unit u1 in territory "a" on 2027-01-01, and starts a replay in `timeZone`. */
  const replayFixture = (timeZone: string) => {
    const source = new Y.Doc();
    const plan = new PlanDoc(source);
    initPlan(source, {
      planId: "zones",
      name: "Zones",
      currency: "USD",
      datasets: {},
      territories: ["a", "b"].map((id) => ({
        id,
        name: id.toUpperCase(),
        color: "#1f77b4",
        parentId: null,
        ownerId: null,
        locked: false,
        kind: "territory" as const,
      })),
      assignments: [["u1", "a"]],
    });
    const updates: TimedUpdate[] = [
      {
        seq: 1,
        data: Y.encodeStateAsUpdate(source),
        createdAt: Date.parse("2027-01-01T00:00:00Z"),
      },
    ];
    let seq = 1;
    /** Stores the update an edit makes, as the server would at `at`. */
    const store = (at: string, edit: () => void) => {
      const before = Y.encodeStateVector(source);
      edit();
      updates.push({
        seq: ++seq,
        data: Y.encodeStateAsUpdate(source, before),
        createdAt: Date.parse(at),
      });
    };
    const history = new TerritoryHistory(timeZone);
    return { plan, updates, store, history };
  };

  test("change applies from its calendar date", () => {
    const { plan, store, updates, history } = replayFixture("UTC");
    store("2027-03-10T03:00:00Z", () => plan.assign(["u1"], "b"));
    history.apply(updates);

    expect(history.segmentsOf("u1")).toEqual([
      { from: null, territoryId: "a" },
      { from: "2027-03-10", territoryId: "b" },
    ]);
    const lookup = history.lookup([{ id: "acct", unitId: "u1" }]);
    expect(lookup("acct", "2026-06-30")).toBe("a");
    expect(lookup("acct", "2027-03-09")).toBe("a");
    expect(lookup("acct", "2027-03-10")).toBe("b");
    expect(lookup("acct", "2030-01-01")).toBe("b");
  });

  test("change date uses the plan's time zone", () => {
    const { plan, store, updates, history } = replayFixture(
      "America/Los_Angeles",
    );
    store("2027-03-10T03:00:00Z", () => plan.assign(["u1"], "b"));
    history.apply(updates);

    expect(history.segmentsOf("u1")[1]).toEqual({
      from: "2027-03-09",
      territoryId: "b",
    });
  });

  test("unassigned stretch has no territory", () => {
    const { plan, store, updates, history } = replayFixture("UTC");
    store("2027-03-10T12:00:00Z", () => plan.assign(["u1"], null));
    store("2027-04-01T12:00:00Z", () => plan.assign(["u1"], "b"));
    history.apply(updates);

    const lookup = history.lookup([{ id: "acct", unitId: "u1" }]);
    expect(lookup("acct", "2027-03-09")).toBe("a");
    expect(lookup("acct", "2027-03-10")).toBeNull();
    expect(lookup("acct", "2027-03-31")).toBeNull();
    expect(lookup("acct", "2027-04-01")).toBe("b");
  });

  test("later apply adds only new updates", () => {
    const { plan, store, updates, history } = replayFixture("UTC");
    history.apply(updates);
    const earlier = history.lookup([{ id: "acct", unitId: "u1" }]);
    store("2027-05-02T12:00:00Z", () => plan.assign(["u1"], "b"));
    history.apply(updates);
    history.apply(updates);

    expect(earlier("acct", "2027-05-02")).toBe("a");

    expect(history.seq).toBe(2);
    expect(history.segmentsOf("u1")).toEqual([
      { from: null, territoryId: "a" },
      { from: "2027-05-02", territoryId: "b" },
    ]);
  });

  test("unit painted later is open at the start", () => {
    const { plan, store, updates, history } = replayFixture("UTC");
    store("2027-06-01T12:00:00Z", () => plan.assign(["u2"], "b"));
    history.apply(updates);

    expect(history.segmentsOf("u2")).toEqual([
      { from: null, territoryId: "b" },
    ]);
    expect(history.segmentsOf("u3")).toEqual([]);
    const lookup = history.lookup([{ id: "acct", unitId: "u3" }]);
    expect(lookup("acct", "2027-06-01")).toBeNull();
    expect(lookup("other", "2027-06-01")).toBeNull();
  });
});
