import { describe, expect, it } from "vitest";
import type { CompPlan } from "../../../../model/incentives/payout/index.ts";
import { buildStatementReport } from "../../../../model/incentives/statements/statements.ts";
import type {
  Statement,
  StatementInput,
} from "../../../../model/incentives/statements/types.ts";
import {
  cancellation,
  deal,
  flatQuotas,
  month,
  splitInput,
} from "./fixtures.ts";

const PLAN: CompPlan = {
  components: [
    { id: "comm", label: "Commission", type: "commission", rate: "0.10" },
    {
      id: "bonus",
      label: "Bonus",
      type: "bonus",
      threshold: "1.00",
      amount: "65.00",
    },
  ],
  clawback: { windowDays: 45 },
};

/*
 * Commission 10%, a bonus of 65.00 at 100% and a 45-day clawback window.
 * Quotas 1000.00 a month. By hand:
 * ana January: d1 1000.00 + d2 300.00 (60% of 500.00) + d3 400.00 = 1700.00,
 *   commission 170.00 + bonus 65.00 = earnings 235.00, effective rate
 *   235.00 / 1700.00 = 0.138235294...
 * ben January: d2 200.00, commission 20.00, no bonus, effective rate 0.10.
 * c1 cancels all of d1 on 2027-02-15, 36 days after its close: ana paid
 *   1000.00 x 0.138235294 = 138.2352 -> 138.24, clawed back in February.
 * c2 cancels 250.00 of d2's 500.00 on 2027-03-05, 44 days after: ana's
 *   cancelled credit 300.00 x 0.5 = 150.00, paid 20.7352 -> 20.74; ben's
 *   200.00 x 0.5 = 100.00, paid 10.00. Both clawed back in March.
 * c3 cancels all of d3 on 2027-03-01, 55 days after: ana paid
 *   400.00 x 0.138235294 = 55.2941 -> 55.29, outside the window, so no line.
 */
function input(plan: CompPlan = PLAN): StatementInput {
  const d1 = deal("d1", "1000.00", "2027-01-10", [["ana", "100"]]);
  const d2 = deal("d2", "500.00", "2027-01-20", [
    ["ana", "60"],
    ["ben", "40"],
  ]);
  const d3 = deal("d3", "400.00", "2027-01-05", [["ana", "100"]]);
  const periods = [month("2027-01"), month("2027-02"), month("2027-03")];
  return splitInput(
    [
      d1,
      d2,
      d3,
      cancellation("c1", d1, "-1000.00", "2027-02-15"),
      cancellation("c2", d2, "-250.00", "2027-03-05"),
      cancellation("c3", d3, "-400.00", "2027-03-01"),
    ],
    plan,
    flatQuotas(["ana", "ben"], periods, "1000.00"),
    periods,
  );
}

function find(statements: Statement[], repId: string, periodId: string) {
  return statements.find((s) => s.repId === repId && s.periodId === periodId)!;
}

function lines(statement: Statement): string[] {
  return statement.adjustments.map((l) => `${l.label} ${l.amount}`);
}

describe("statement cancellations", () => {
  it("payables with clawbacks", () => {
    const { statements } = buildStatementReport(input());
    const summary = statements.map((s) => [
      s.repId,
      s.periodId,
      s.credited.amount,
      s.payable,
    ]);
    expect(summary).toEqual([
      ["ana", "2027-01", "1700.00", "235.00"],
      ["ana", "2027-02", "0.00", "-138.24"],
      ["ana", "2027-03", "0.00", "-20.74"],
      ["ben", "2027-01", "200.00", "20.00"],
      ["ben", "2027-02", "0.00", "0.00"],
      ["ben", "2027-03", "0.00", "-10.00"],
    ]);
  });

  it("clawback lines within the window", () => {
    const { statements } = buildStatementReport(input());
    expect(lines(find(statements, "ana", "2027-02"))).toEqual([
      "Clawback d1 -138.24",
    ]);
    expect(lines(find(statements, "ana", "2027-03"))).toEqual([
      "Clawback d2 -20.74",
    ]);
    expect(lines(find(statements, "ben", "2027-03"))).toEqual([
      "Clawback d2 -10.00",
    ]);
  });

  it("cancellations listed with paid amounts", () => {
    const { statements } = buildStatementReport(input());
    const march = find(statements, "ana", "2027-03").cancellations.map((c) => [
      c.dealId,
      c.cancellationId,
      c.closeDate,
      c.cancelDate,
      c.cancelledCredit,
      c.paidAmount.amount,
    ]);
    expect(march).toEqual([
      ["d2", "c2", "2027-01-20", "2027-03-05", "150.00", "20.74"],
      ["d3", "c3", "2027-01-05", "2027-03-01", "400.00", "55.29"],
    ]);
  });

  it("paid amount trace shows the rate", () => {
    const { statements } = buildStatementReport(input());
    const [c1] = find(statements, "ana", "2027-02").cancellations;
    const inputs = Object.fromEntries(
      c1!.paidAmount.trace.inputs.map((i) => [i.name, i.value]),
    );
    expect(inputs).toEqual({
      "credit on deal": "1000.00",
      "cancelled amount": "1000.00 USD",
      "deal amount": "1000.00 USD",
      "cancelled credit": "1000.00",
      "credited period": "2027-01",
      "period earnings": "235.00",
      "period credited": "1700.00",
      "effective rate (rounded)": "0.138235",
    });
    expect(c1!.paidAmount.trace.parts[0]!.figure).toBe(
      "Split credit of deal d1 to ana",
    );
  });

  it("clawback trace contains the paid amount trace", () => {
    const { statements } = buildStatementReport(input());
    const february = find(statements, "ana", "2027-02");
    const [clawback] = february.adjustments;
    expect(clawback!.trace.parts).toEqual([
      february.cancellations[0]!.paidAmount.trace,
    ]);
    const payableParts = february.payableTrace.parts.map((p) => p.parts);
    expect(payableParts).toContainEqual([
      february.cancellations[0]!.paidAmount.trace,
    ]);
  });

  it("no clawback rule keeps the pay", () => {
    const { clawback: _, ...withoutClawback } = PLAN;
    const { statements } = buildStatementReport(input(withoutClawback));
    const february = find(statements, "ana", "2027-02");
    expect(february.payable).toBe("0.00");
    expect(february.adjustments).toEqual([]);
    expect(february.cancellations.map((c) => c.paidAmount.amount)).toEqual([
      "138.24",
    ]);
  });

  it("overlay rep clawed back too", () => {
    const overlaid = input();
    overlaid.tables = {
      ...overlaid.tables,
      rules: [
        ...overlaid.tables.rules,
        {
          id: "r-overlay",
          kind: "overlay",
          repId: "sol",
          product: "core",
          effectiveFrom: null,
          effectiveTo: null,
        },
      ],
    };
    overlaid.quotas.sol = { ...overlaid.quotas.ana! };
    const { statements } = buildStatementReport(overlaid);
    // sol January: 1000.00 + 500.00 + 400.00 = 1900.00, commission 190.00
    // + bonus 65.00 = 255.00; paid on d1: 1000.00 x 255 / 1900 = 134.2105 -> 134.21.
    expect(find(statements, "sol", "2027-01").payable).toBe("255.00");
    expect(lines(find(statements, "sol", "2027-02"))).toEqual([
      "Clawback d1 -134.21",
    ]);
  });

  it("sale before the periods reported", () => {
    const late = input();
    late.periods = late.periods.slice(1);
    const report = buildStatementReport(late);
    expect(report.problems).toContain(
      'Rep "ana" has 3 cancellations (c1 of d1, c2 of d2, c3 of d3) of deals closed from 2027-01-05 to 2027-01-20, outside the periods, so the amount paid on them is unknown and nothing is clawed back. Add periods that contain these close dates.',
    );
    expect(report.problems).toContain(
      'Rep "ben" has 1 cancellation (c2 of d2) of a deal closed on 2027-01-20, outside the periods, so the amount paid on it is unknown and nothing is clawed back. Add periods that contain these close dates.',
    );
    expect(find(report.statements, "ana", "2027-02").adjustments).toEqual([]);
  });

  it("cancellation after the periods reported", () => {
    const early = input();
    early.periods = early.periods.slice(0, 2);
    const report = buildStatementReport(early);
    expect(report.problems).toEqual([
      'Rep "ana" has 2 cancellations (c2 of d2, c3 of d3) dated from 2027-03-01 to 2027-03-05, outside the periods, so nothing is clawed back. Add periods that contain these dates.',
      'Rep "ben" has 1 cancellation (c2 of d2) dated on 2027-03-05, outside the periods, so nothing is clawed back. Add periods that contain these dates.',
    ]);
  });
});
