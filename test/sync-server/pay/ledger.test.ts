import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import { PlanningDoc } from "../../../model/doc/planning-doc.ts";
import { settingChange } from "../../../model/doc/planning-edits.ts";
import { until } from "../helpers.ts";
import { ANA, BEN, call, PAY_PLAN, payPath } from "./pay-fixture.ts";
import { usePayServer } from "./pay-suite.ts";

const api = usePayServer();

const JANUARY = "FY2027-M01";
const FEBRUARY = "FY2027-M02";

function statementPath(rep: string, period: string, action = ""): string {
  return payPath(`/statements/${rep}/${period}${action}`);
}

function post(token: string, pathname: string, body: unknown = {}) {
  return call(api.server, "POST", pathname, { token, body });
}

function get(token: string, pathname: string) {
  return call(api.server, "GET", pathname, { token });
}

async function approveAnaJanuary(): Promise<void> {
  expect(
    (await post(api.team.admin, statementPath(ANA, JANUARY, "/submit"))).status,
  ).toBe(200);
  expect(
    (await post(api.team.admin, statementPath(ANA, JANUARY, "/approve")))
      .status,
  ).toBe(200);
}

describe("submit and approve", () => {
  test("approval records who and when", async () => {
    const submitted = await post(
      api.team.admin,
      statementPath(ANA, JANUARY, "/submit"),
    );
    expect(submitted.body.status).toBe("pending");
    const pending = await get(api.team.ana, statementPath(ANA, JANUARY));
    expect(pending.body.status).toBe("pending");
    expect(pending.body.submittedAt).toBe(submitted.body.at);

    const approved = await post(
      api.team.admin,
      statementPath(ANA, JANUARY, "/approve"),
    );
    expect(approved.status).toBe(200);
    const reply = await get(api.team.ana, statementPath(ANA, JANUARY));
    expect(reply.body.status).toBe("approved");
    expect(reply.body.approvedAt).toBe(approved.body.at);
    expect(reply.body.approvedBy).toBe("person-creator");
    expect(reply.body.approvedByName).toBe("Cora Admin");
    expect(reply.body.statement.payable).toBe("6500.00");
  });

  test("changed statement is void", async () => {
    await post(api.team.admin, statementPath(ANA, JANUARY, "/submit"));
    await post(api.team.admin, payPath("/deals"), {
      csv: "id,account,amount,currency,close_date,product,owner,splits\nd-ana-9,acct-1,1000.00,USD,2027-01-30,Platform,rep-ana,rep-ana:100",
    });
    const listed = await get(api.team.admin, payPath("/statements"));
    const ana = listed.body.statements.find(
      (s: { repId: string; periodId: string }) =>
        s.repId === ANA && s.periodId === JANUARY,
    );
    expect(ana.status).toBe("void");

    const approve = await post(
      api.team.admin,
      statementPath(ANA, JANUARY, "/approve"),
    );
    expect(approve.status).toBe(409);
    expect(approve.body.error.code).toBe("STATEMENT_VOID");
  });

  test("draft cannot be approved", async () => {
    const reply = await post(
      api.team.admin,
      statementPath(ANA, JANUARY, "/approve"),
    );
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe("STATEMENT_NOT_SUBMITTED");
  });

  test("approved statement cannot be submitted again", async () => {
    await approveAnaJanuary();
    const again = await post(
      api.team.admin,
      statementPath(ANA, JANUARY, "/submit"),
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("STATEMENT_APPROVED");
    const approveAgain = await post(
      api.team.admin,
      statementPath(ANA, JANUARY, "/approve"),
    );
    expect(approveAgain.status).toBe(409);
  });

  test("manager approves their team", async () => {
    await post(api.team.admin, statementPath(BEN, JANUARY, "/submit"));
    const own = await post(
      api.team.ben,
      statementPath(BEN, JANUARY, "/approve"),
    );
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe("APPROVER_REQUIRED");
    const other = await post(
      api.team.ana,
      statementPath(BEN, JANUARY, "/approve"),
    );
    expect(other.status).toBe(404);
    const manager = await post(
      api.team.mia,
      statementPath(BEN, JANUARY, "/approve"),
    );
    expect(manager.status).toBe(200);
    expect(manager.body.status).toBe("approved");
  });

  test("rep cannot submit", async () => {
    const reply = await post(
      api.team.ana,
      statementPath(ANA, JANUARY, "/submit"),
    );
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("PAY_ADMIN_REQUIRED");
  });
});

describe("append-only tables", () => {
  test("UPDATE and DELETE fail in SQLite", async () => {
    await approveAnaJanuary();
    await post(api.team.admin, payPath("/adjustments"), {
      repId: BEN,
      periodId: JANUARY,
      amount: "10.00",
      reason: "Travel",
    });
    const db = new Database(path.join(api.fixture.dataDir, "meridian.db"));
    try {
      expect(() =>
        db.prepare("UPDATE pay_records SET digest = 'x'").run(),
      ).toThrow(/append-only/);
      expect(() => db.prepare("DELETE FROM pay_records").run()).toThrow(
        /append-only/,
      );
      expect(() =>
        db.prepare("UPDATE pay_adjustments SET amount = '99.00'").run(),
      ).toThrow(/append-only/);
      expect(() => db.prepare("DELETE FROM pay_adjustments").run()).toThrow(
        /append-only/,
      );
      const counts = db
        .prepare(
          "SELECT (SELECT COUNT(*) FROM pay_records) AS records, (SELECT COUNT(*) FROM pay_adjustments) AS adjustments",
        )
        .get();
      expect(counts).toEqual({ records: 2, adjustments: 1 });
    } finally {
      db.close();
    }
  });
});

describe("corrections", () => {
  test("approved statement stays frozen after a quota change", async () => {
    await approveAnaJanuary();

    const editor = await api.connectSynced(PAY_PLAN, api.team.admin);
    const planning = new PlanningDoc(editor.doc);
    editor.doc.transact(() =>
      settingChange(planning, "companyQuota", "2400000.00").write(planning),
    );
    const live = api.server.rooms.get(PAY_PLAN)!;
    await until(
      live.doc,
      () =>
        new PlanningDoc(live.doc).settings.get("companyQuota") === "2400000.00",
    );

    const january = await get(api.team.ana, statementPath(ANA, JANUARY));
    expect(january.body.status).toBe("approved");
    expect(january.body.statement.quota).toBe("50000.40");
    expect(january.body.statement.payable).toBe("6500.00");

    const february = await get(api.team.ana, statementPath(ANA, FEBRUARY));
    const correction = february.body.statement.adjustments.find(
      (line: { componentId: string }) =>
        line.componentId === `correction:${JANUARY}`,
    );
    expect(correction.amount).toBe("-500.00");
    expect(february.body.statement.payable).toBe("-500.00");

    // 10% commission on a 1,000.00 deal, on top of the same correction.
    const whatIf = await post(
      api.team.ana,
      statementPath(ANA, FEBRUARY, "/what-if"),
      {
        amount: "1000.00",
        product: "Platform",
        closeDate: "2027-02-10",
      },
    );
    expect(whatIf.status).toBe(200);
    expect(whatIf.body.statement.payable).toBe("-400.00");
  });
});

describe("disputes", () => {
  async function raiseOnBen(): Promise<string> {
    const reply = await post(
      api.team.ben,
      statementPath(BEN, JANUARY, "/disputes"),
      {
        lineId: "commission",
        reason: "The EUR deal should count at 1.20.",
      },
    );
    expect(reply.status).toBe(200);
    return reply.body.id;
  }

  test("accepted dispute pays its adjustment", async () => {
    const id = await raiseOnBen();
    const message = await post(
      api.team.mia,
      payPath(`/disputes/${id}/messages`),
      {
        text: "I agree with Ben.",
      },
    );
    expect(message.status).toBe(200);
    const resolved = await post(
      api.team.admin,
      payPath(`/disputes/${id}/resolve`),
      {
        outcome: "accepted",
        comment: "Rate corrected by hand.",
        adjustment: "200.00",
      },
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe("accepted");
    expect(
      resolved.body.messages.map((m: { name: string; text: string }) => [
        m.name,
        m.text,
      ]),
    ).toEqual([
      ["Mia", "I agree with Ben."],
      ["Cora Admin", "Rate corrected by hand."],
    ]);

    const statement = await get(api.team.ben, statementPath(BEN, JANUARY));
    expect(statement.body.statement.payable).toBe("3400.00");
    expect(statement.body.disputes).toHaveLength(1);
    expect(statement.body.disputes[0].status).toBe("accepted");
  });

  test("resolved dispute stays closed", async () => {
    const id = await raiseOnBen();
    await post(api.team.admin, payPath(`/disputes/${id}/resolve`), {
      outcome: "rejected",
      comment: "The rate table is right.",
    });
    const again = await post(
      api.team.admin,
      payPath(`/disputes/${id}/resolve`),
      {
        outcome: "accepted",
        comment: "Changed my mind.",
        adjustment: "10.00",
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("DISPUTE_CLOSED");
    const message = await post(
      api.team.ben,
      payPath(`/disputes/${id}/messages`),
      {
        text: "Why?",
      },
    );
    expect(message.status).toBe(409);
    const statement = await get(api.team.ben, statementPath(BEN, JANUARY));
    expect(statement.body.statement.payable).toBe("3200.00");
  });

  test("rejected dispute takes no adjustment", async () => {
    const id = await raiseOnBen();
    const reply = await post(
      api.team.admin,
      payPath(`/disputes/${id}/resolve`),
      {
        outcome: "rejected",
        comment: "No.",
        adjustment: "10.00",
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("ADJUSTMENT_INVALID");
  });

  test("manager cannot raise for the team", async () => {
    const reply = await post(
      api.team.mia,
      statementPath(BEN, JANUARY, "/disputes"),
      {
        lineId: "commission",
        reason: "For Ben",
      },
    );
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("DISPUTE_REP_ONLY");
  });

  test("unknown line gets 400", async () => {
    const reply = await post(
      api.team.ben,
      statementPath(BEN, JANUARY, "/disputes"),
      {
        lineId: "nope",
        reason: "Wrong",
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("LINE_NOT_FOUND");
    expect(reply.body.error.message).toContain("commission");
  });
});

describe("adjustments", () => {
  test("adjustment of an approved period lands in the next open one", async () => {
    await approveAnaJanuary();
    const reply = await post(api.team.admin, payPath("/adjustments"), {
      repId: ANA,
      periodId: JANUARY,
      amount: "-120.50",
      reason: "Expense advance",
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      repId: ANA,
      periodId: JANUARY,
      amount: "-120.50",
    });

    const january = await get(api.team.ana, statementPath(ANA, JANUARY));
    expect(january.body.statement.payable).toBe("6500.00");
    const february = await get(api.team.ana, statementPath(ANA, FEBRUARY));
    expect(february.body.statement.payable).toBe("-120.50");
  });

  test("bad input gets 400", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { repId: ANA, periodId: JANUARY, amount: "1.234", reason: "x" },
        "AMOUNT_INVALID",
      ],
      [
        { repId: ANA, periodId: JANUARY, amount: "0.00", reason: "x" },
        "AMOUNT_INVALID",
      ],
      [
        { repId: ANA, periodId: JANUARY, amount: 12, reason: "x" },
        "AMOUNT_INVALID",
      ],
      [
        {
          repId: ANA,
          periodId: JANUARY,
          amount: "99999999999999999999",
          reason: "x",
        },
        "AMOUNT_INVALID",
      ],
      [
        { repId: "rep-zed", periodId: JANUARY, amount: "1.00", reason: "x" },
        "REP_NOT_FOUND",
      ],
      [
        { repId: ANA, periodId: "FY1999-M01", amount: "1.00", reason: "x" },
        "PERIOD_NOT_FOUND",
      ],
      [
        { repId: ANA, periodId: JANUARY, amount: "1.00", reason: " " },
        "FIELD_INVALID",
      ],
    ];
    for (const [body, code] of cases) {
      const reply = await post(api.team.admin, payPath("/adjustments"), body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code, JSON.stringify(body)).toBe(code);
    }
    expect(api.server.storage.pay.ledger.adjustments(PAY_PLAN)).toEqual([]);
  });

  test("rep cannot enter adjustments", async () => {
    const reply = await post(api.team.ana, payPath("/adjustments"), {
      repId: ANA,
      periodId: JANUARY,
      amount: "1000.00",
      reason: "Bonus",
    });
    expect(reply.status).toBe(403);
  });
});
