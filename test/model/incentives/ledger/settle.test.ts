import { describe, expect, it } from "vitest";
import {
  LedgerInputError,
  settleLedger,
  settleStatements,
  type AdjustmentEntry,
  type LedgerSettlement,
} from "../../../../model/incentives/ledger/index.ts";
import type { Deal } from "../../../../model/incentives/deals/types.ts";
import type { PayoutLine } from "../../../../model/incentives/payout/index.ts";
import {
  adjustment,
  BASE_DEALS,
  deal,
  digest,
  LedgerLog,
  PERIODS,
  periodOf,
  statementsOf,
} from "./fixtures.ts";

function settle(
  deals: Deal[],
  log: LedgerLog,
  adjustments: AdjustmentEntry[] = [],
): LedgerSettlement {
  return settleLedger({
    current: statementsOf(deals),
    periods: PERIODS,
    records: log.records,
    adjustments,
    digest,
  });
}

function ledgerLines(lines: PayoutLine[]): [string, string][] {
  return lines
    .filter((line) => line.componentId.includes(":"))
    .map((line) => [line.componentId, line.amount]);
}

function traceInputs(line: PayoutLine): Record<string, string> {
  return Object.fromEntries(line.trace.inputs.map((i) => [i.name, i.value]));
}

/*
 * Golden case, by hand (10% commission):
 * base: Jan 10000.00 -> 1000.00, Feb 5000.00 -> 500.00, Mar 2000.00 -> 200.00
 * change 1: a January deal of 2345.67 -> Jan 12345.67 -> 1234.567 -> 1234.57
 *   correction in Feb = 1234.57 - 1000.00 - 0.00 = 234.57, Feb payable 734.57
 * change 2: another January deal of 2654.33 -> Jan 15000.00 -> 1500.00
 *   correction in Mar = 1500.00 - 1000.00 - 234.57 = 265.43, Mar payable 465.43
 */
const CHANGE_1 = [...BASE_DEALS, deal("d4", "2345.67", "2027-01-20")];
const CHANGE_2 = [...CHANGE_1, deal("d5", "2654.33", "2027-01-25")];

describe("settleLedger", () => {
  it("shows draft statements with no records", () => {
    const { statements, pendingCorrections } = settle(
      BASE_DEALS,
      new LedgerLog(),
    );

    expect(statements.map((s) => [s.statement.periodId, s.status])).toEqual([
      ["2027-01", "draft"],
      ["2027-02", "draft"],
      ["2027-03", "draft"],
    ]);
    expect(statements.map((s) => s.statement.payable)).toEqual([
      "1000.00",
      "500.00",
      "200.00",
    ]);
    expect(pendingCorrections).toEqual([]);
  });

  it("keeps approved statement frozen after a change", () => {
    const log = new LedgerLog();
    log.approve(periodOf(settle(BASE_DEALS, log).statements, "2027-01"));

    const january = periodOf(settle(CHANGE_1, log).statements, "2027-01");

    expect(january.status).toBe("approved");
    expect(january.statement.payable).toBe("1000.00");
    expect(january.statement.credited.amount).toBe("10000.00");
    expect(january.approvedBy).toBe("admin-1");
    expect(january.approvedAt).toBe(log.records[0]!.at);
  });

  it("puts correction in next open period", () => {
    const log = new LedgerLog();
    log.approve(periodOf(settle(BASE_DEALS, log).statements, "2027-01"));

    const { statements } = settle(CHANGE_1, log);
    const february = periodOf(statements, "2027-02");
    const march = periodOf(statements, "2027-03");

    expect(ledgerLines(february.statement.adjustments)).toEqual([
      ["correction:2027-01", "234.57"],
    ]);
    expect(february.statement.payable).toBe("734.57");
    expect(ledgerLines(march.statement.adjustments)).toEqual([]);
    expect(march.statement.payable).toBe("200.00");
  });

  it("correction trace names both figures", () => {
    const log = new LedgerLog();
    log.approve(periodOf(settle(BASE_DEALS, log).statements, "2027-01"));

    const february = periodOf(settle(CHANGE_1, log).statements, "2027-02");
    const line = february.statement.adjustments.at(-1)!;

    expect(line.cents).toBe(23457);
    expect(line.trace.value).toBe("234.57");
    expect(line.trace.formula).toBe(
      "current base payable - frozen base payable - corrections already approved",
    );
    expect(traceInputs(line)).toEqual({
      rep: "ana",
      "corrected period": "2027-01",
      "current base payable": "1234.57",
      "frozen base payable": "1000.00",
      "corrections already approved": "0.00",
    });
    expect(february.statement.payableTrace.value).toBe("734.57");
    expect(february.statement.payableTrace.parts.at(-1)).toBe(line.trace);
  });

  it("corrects only the new difference after approval", () => {
    const log = new LedgerLog();
    log.approve(periodOf(settle(BASE_DEALS, log).statements, "2027-01"));
    log.approve(periodOf(settle(CHANGE_1, log).statements, "2027-02"));

    const { statements } = settle(CHANGE_2, log);
    const february = periodOf(statements, "2027-02");
    const march = periodOf(statements, "2027-03");

    expect(february.status).toBe("approved");
    expect(february.statement.payable).toBe("734.57");
    expect(ledgerLines(march.statement.adjustments)).toEqual([
      ["correction:2027-01", "265.43"],
    ]);
    expect(march.statement.payable).toBe("465.43");
    expect(traceInputs(march.statement.adjustments.at(-1)!)).toMatchObject({
      "current base payable": "1500.00",
      "frozen base payable": "1000.00",
      "corrections already approved": "234.57",
    });
  });

  it("corrects two approved periods in one", () => {
    // February gains 1000.00 of credit -> 6000.00 -> 600.00, so 100.00 more.
    const log = new LedgerLog();
    const base = settle(BASE_DEALS, log).statements;
    log.approve(periodOf(base, "2027-01"));
    log.approve(periodOf(base, "2027-02"));
    const changed = [...CHANGE_1, deal("d6", "1000.00", "2027-02-20")];

    const march = periodOf(settle(changed, log).statements, "2027-03");

    expect(ledgerLines(march.statement.adjustments)).toEqual([
      ["correction:2027-01", "234.57"],
      ["correction:2027-02", "100.00"],
    ]);
    expect(march.statement.payable).toBe("534.57");
  });

  it("skips earlier open periods", () => {
    // February is approved while January stays open: a change to February
    // (1000.00 more credit -> 100.00 more pay) is paid in March.
    const log = new LedgerLog();
    log.approve(periodOf(settle(BASE_DEALS, log).statements, "2027-02"));
    const changed = [...BASE_DEALS, deal("d6", "1000.00", "2027-02-20")];

    const { statements } = settle(changed, log);

    expect(
      ledgerLines(periodOf(statements, "2027-01").statement.adjustments),
    ).toEqual([]);
    expect(
      ledgerLines(periodOf(statements, "2027-03").statement.adjustments),
    ).toEqual([["correction:2027-02", "100.00"]]);
  });

  it("keeps corrections within the rep", () => {
    // Ben's January 3000.00 -> 300.00 is approved, then ana's January
    // changes: only ana's February gets a line, and ben's stays 0.00.
    const log = new LedgerLog();
    const base = [...BASE_DEALS, deal("b1", "3000.00", "2027-01-05", "ben")];
    const reps = ["ana", "ben"];
    const settleBoth = (deals: Deal[]) =>
      settleLedger({
        current: statementsOf(deals, reps),
        periods: PERIODS,
        records: log.records,
        adjustments: [],
        digest,
      }).statements;
    const ben = (periodId: string, deals: Deal[]) =>
      settleBoth(deals).find(
        (s) => s.statement.repId === "ben" && s.statement.periodId === periodId,
      )!;
    log.approve(periodOf(settleBoth(base), "2027-01"));
    log.approve(ben("2027-01", base));
    const changed = [...base, deal("d4", "2345.67", "2027-01-20")];

    const statements = settleBoth(changed);

    expect(periodOf(statements, "2027-02").statement.payable).toBe("734.57");
    expect(ben("2027-01", changed).statement.payable).toBe("300.00");
    expect(ben("2027-02", changed).statement.payable).toBe("0.00");
    expect(ledgerLines(ben("2027-02", changed).statement.adjustments)).toEqual(
      [],
    );
  });

  it("keeps the first approval", () => {
    const log = new LedgerLog();
    log.approve(periodOf(settle(BASE_DEALS, log).statements, "2027-01"));
    log.approve(
      periodOf(settle(CHANGE_1, new LedgerLog()).statements, "2027-01"),
    );

    const january = periodOf(settle(CHANGE_1, log).statements, "2027-01");

    expect(january.statement.payable).toBe("1000.00");
    expect(january.approvedAt).toBe(log.records[0]!.at);
  });

  it("adds no line when an approved period is unchanged", () => {
    const log = new LedgerLog();
    log.approve(periodOf(settle(BASE_DEALS, log).statements, "2027-01"));

    const { statements } = settle(BASE_DEALS, log);

    for (const settled of statements) {
      expect(ledgerLines(settled.statement.adjustments)).toEqual([]);
    }
    expect(periodOf(statements, "2027-02").statement.payable).toBe("500.00");
  });

  it("pays adjustment in its own open period", () => {
    const entry = adjustment("adj-1", "2027-02", "-120.50", "Duplicate deal");

    const { statements } = settle(BASE_DEALS, new LedgerLog(), [entry]);
    const february = periodOf(statements, "2027-02");

    expect(ledgerLines(february.statement.adjustments)).toEqual([
      ["adjustment:adj-1", "-120.50"],
    ]);
    expect(february.statement.adjustments.at(-1)!.label).toBe(
      "Adjustment: Duplicate deal",
    );
    expect(february.statement.payable).toBe("379.50");
  });

  it("moves adjustment of approved period", () => {
    const log = new LedgerLog();
    log.approve(periodOf(settle(BASE_DEALS, log).statements, "2027-01"));
    const entry = adjustment("adj-1", "2027-01", "75.25", "Missed deal");

    const { statements } = settle(BASE_DEALS, log, [entry]);
    const january = periodOf(statements, "2027-01");
    const february = periodOf(statements, "2027-02");
    const line = february.statement.adjustments.at(-1)!;

    expect(january.statement.payable).toBe("1000.00");
    expect(ledgerLines(february.statement.adjustments)).toEqual([
      ["adjustment:adj-1", "75.25"],
    ]);
    expect(february.statement.payable).toBe("575.25");
    expect(traceInputs(line)).toMatchObject({
      "entered for": "2027-01",
      "paid in": "2027-02",
      reason: "Missed deal",
    });
  });

  it("pays an approved adjustment once", () => {
    const log = new LedgerLog();
    const entry = adjustment("adj-1", "2027-01", "75.25", "Missed deal");
    log.approve(
      periodOf(settle(BASE_DEALS, log, [entry]).statements, "2027-01"),
    );

    const { statements } = settle(BASE_DEALS, log, [entry]);

    expect(periodOf(statements, "2027-01").statement.payable).toBe("1075.25");
    expect(periodOf(statements, "2027-02").statement.payable).toBe("500.00");
    expect(periodOf(statements, "2027-03").statement.payable).toBe("200.00");
  });

  it("keeps correction out of frozen base", () => {
    // February is approved with the 234.57 correction and an adjustment in
    // it; its own base payable 500.00 is unchanged, so it needs no correction.
    const log = new LedgerLog();
    log.approve(periodOf(settle(BASE_DEALS, log).statements, "2027-01"));
    const entry = adjustment("adj-1", "2027-02", "10.00", "Travel");
    log.approve(periodOf(settle(CHANGE_1, log, [entry]).statements, "2027-02"));

    const { statements } = settle(CHANGE_1, log, [entry]);

    expect(periodOf(statements, "2027-02").statement.payable).toBe("744.57");
    expect(
      ledgerLines(periodOf(statements, "2027-03").statement.adjustments),
    ).toEqual([]);
  });

  it("shows pending when digest matches", () => {
    const log = new LedgerLog();
    log.submit(periodOf(settle(BASE_DEALS, log).statements, "2027-01"));

    const january = periodOf(settle(BASE_DEALS, log).statements, "2027-01");

    expect(january.status).toBe("pending");
    expect(january.submittedAt).toBe(log.records[0]!.at);
    expect(january.digest).toBe(log.records[0]!.digest);
  });

  it("shows void when digest differs", () => {
    const log = new LedgerLog();
    log.submit(periodOf(settle(BASE_DEALS, log).statements, "2027-01"));

    const january = periodOf(settle(CHANGE_1, log).statements, "2027-01");

    expect(january.status).toBe("void");
    expect(january.statement.payable).toBe("1234.57");
    expect(january.digest).not.toBe(log.records[0]!.digest);
  });

  it("voids submission when its correction changes", () => {
    const log = new LedgerLog();
    log.approve(periodOf(settle(BASE_DEALS, log).statements, "2027-01"));
    log.submit(periodOf(settle(CHANGE_1, log).statements, "2027-02"));

    const february = periodOf(settle(CHANGE_2, log).statements, "2027-02");

    expect(february.status).toBe("void");
    expect(february.statement.payable).toBe("1000.00");
  });

  it("shows pending again after resubmission", () => {
    const log = new LedgerLog();
    log.submit(periodOf(settle(BASE_DEALS, log).statements, "2027-01"));
    log.submit(periodOf(settle(CHANGE_1, log).statements, "2027-01"));

    const january = periodOf(settle(CHANGE_1, log).statements, "2027-01");

    expect(january.status).toBe("pending");
    expect(january.submittedAt).toBe(log.records[1]!.at);
  });

  it("reports correction with no open period", () => {
    const log = new LedgerLog();
    for (const settled of settle(BASE_DEALS, log).statements) {
      log.approve(settled);
    }
    const changed = [...BASE_DEALS, deal("d7", "123.45", "2027-03-31")];

    const { statements, pendingCorrections } = settle(changed, log);

    expect(statements.map((s) => s.status)).toEqual([
      "approved",
      "approved",
      "approved",
    ]);
    expect(periodOf(statements, "2027-03").statement.payable).toBe("200.00");
    // 2123.45 x 10% = 212.345 -> 212.34 (half-even), minus 200.00
    expect(
      pendingCorrections.map((p) => [p.kind, p.periodId, p.line.amount]),
    ).toEqual([["correction", "2027-03", "12.34"]]);
    expect(pendingCorrections[0]!.reason).toBe(
      'Rep "ana" has no open period after "2027-03". Pay the correction by hand or carry it into the next fiscal year.',
    );
  });

  it("reports adjustment with no open period", () => {
    const log = new LedgerLog();
    for (const settled of settle(BASE_DEALS, log).statements) {
      log.approve(settled);
    }
    const late = adjustment("adj-1", "2027-02", "50.00", "Late spiff");
    const elsewhere = adjustment("adj-2", "2026-12", "5.00", "Old year");

    const { pendingCorrections } = settle(BASE_DEALS, log, [late, elsewhere]);

    expect(
      pendingCorrections.map((p) => [p.kind, p.periodId, p.line.amount]),
    ).toEqual([
      ["adjustment", "2027-02", "50.00"],
      ["adjustment", "2026-12", "5.00"],
    ]);
    expect(pendingCorrections[1]!.reason).toBe(
      'Period "2026-12" of adjustment "adj-2" is not a statement period. Pay it by hand or enter it for a current period.',
    );
  });

  it("keeps approved period no longer computed", () => {
    const log = new LedgerLog();
    log.approve(periodOf(settle(BASE_DEALS, log).statements, "2027-01"));

    const statements = settleStatements({
      current: [],
      periods: PERIODS,
      records: log.records,
      adjustments: [],
      digest,
    });

    expect(statements.map((s) => [s.statement.periodId, s.status])).toEqual([
      ["2027-01", "approved"],
    ]);
  });

  it("skips invalid adjustment with a problem", () => {
    const bad = adjustment("adj-1", "2027-02", "12.345", "Too precise");
    const good = adjustment("adj-2", "2027-02", "1.00", "Fine");

    const { statements, problems } = settle(BASE_DEALS, new LedgerLog(), [
      bad,
      good,
    ]);

    expect(periodOf(statements, "2027-02").statement.payable).toBe("501.00");
    expect(problems).toEqual([
      'Adjustment "adj-1" for rep "ana" left out. Invalid adjustment amount "12.345". Write a decimal with at most two digits after the point, such as "-120.50".',
    ]);
  });

  it("rejects duplicate current statements", () => {
    const current = statementsOf(BASE_DEALS);
    const input = {
      current: [...current, current[0]!],
      periods: PERIODS,
      records: [],
      adjustments: [],
      digest,
    };

    expect(() => settleLedger(input)).toThrow(LedgerInputError);
    expect(() => settleLedger(input)).toThrow(
      'Duplicate current statement for rep "ana" in period "2027-01". Pass one statement per rep-period.',
    );
  });

  it("rejects approval without frozen statement", () => {
    const log = new LedgerLog();
    log.approve(periodOf(settle(BASE_DEALS, log).statements, "2027-01"));
    log.records[0]!.statement = null;

    expect(() => settle(BASE_DEALS, log)).toThrow(
      'Approved record 1 for rep "ana" in period "2027-01" has no frozen statement. Store the statement when approving.',
    );
  });
});
