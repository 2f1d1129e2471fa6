import { describe, expect, it } from "vitest";
import { buildStatementReport } from "../../../../model/incentives/statements/statements.ts";
import type { StatementInput } from "../../../../model/incentives/statements/types.ts";
import {
  COMMISSION_10,
  deal,
  flatQuotas,
  month,
  splitInput,
} from "./fixtures.ts";

/*
 * Periods 2027-01 and 2027-02. ana and ben have quotas, but only ana has a
 * plan; cy has no quota. By hand:
 * d1 1000.00 on 2027-01-10, ana 60 / ben 40: ana 600.00 placed, ben 400.00 no plan.
 * d2  300.00 on 2027-01-15, ana 50 / cy 50: ana 150.00 placed, cy 150.00 no quota.
 * d3  200.00 on 2026-12-20, ana 100: before the periods.
 * d4   50.00 on 2027-03-01, ana 100: after the periods.
 * ana's outside credits: 200.00 + 50.00 = 250.00 from 2026-12-20 to 2027-03-01.
 * ana January: 600.00 + 150.00 = 750.00, commission 75.00.
 */
function input(): StatementInput {
  const periods = [month("2027-01"), month("2027-02")];
  const base = splitInput(
    [
      deal("d1", "1000.00", "2027-01-10", [
        ["ana", "60"],
        ["ben", "40"],
      ]),
      deal("d2", "300.00", "2027-01-15", [
        ["ana", "50"],
        ["cy", "50"],
      ]),
      deal("d3", "200.00", "2026-12-20", [["ana", "100"]]),
      deal("d4", "50.00", "2027-03-01", [["ana", "100"]]),
    ],
    COMMISSION_10,
    flatQuotas(["ana", "ben"], periods, "1000.00"),
    periods,
  );
  return { ...base, plans: { byRep: { ana: COMMISSION_10 } } };
}

describe("credits that reach no statement", () => {
  it("statements only for reps with quota and plan", () => {
    const report = buildStatementReport(input());
    const summary = report.statements.map((s) => [
      s.repId,
      s.periodId,
      s.credited.amount,
      s.payable,
    ]);
    expect(summary).toEqual([
      ["ana", "2027-01", "750.00", "75.00"],
      ["ana", "2027-02", "0.00", "0.00"],
    ]);
  });

  it("unplaced credits carry their reason", () => {
    const report = buildStatementReport(input());
    const rows = report.unplaced.map((row) => [
      row.credit.dealId,
      row.credit.repId,
      row.credit.amount,
      row.closeDate,
      row.reason,
    ]);
    expect(rows).toEqual([
      ["d1", "ben", "400.00", "2027-01-10", "no-plan"],
      ["d2", "cy", "150.00", "2027-01-15", "no-quota"],
      ["d3", "ana", "200.00", "2026-12-20", "outside-periods"],
      ["d4", "ana", "50.00", "2027-03-01", "outside-periods"],
    ]);
  });

  it("problems name rep, count, total and fix", () => {
    const report = buildStatementReport(input());
    expect(report.problems).toEqual([
      'Rep "ana" has 2 credits totalling 250.00 for deals closed from 2026-12-20 to 2027-03-01, outside the periods from 2027-01-01 to 2027-02-28, so no statement shows them. Add periods that contain these dates, or correct the close dates.',
      'Rep "ben" has quotas but no comp plan, so no statement shows its 1 credit totalling 400.00. Assign a comp plan to the rep.',
      'Rep "cy" has no quota, so no statement shows its 1 credit totalling 150.00. Add quotas for the rep, or change the crediting rules that credit the rep.',
    ]);
  });

  it("rep without plan reported without credits", () => {
    const quiet = input();
    quiet.quotas.dee = { "2027-01": "500.00", "2027-02": "500.00" };
    const report = buildStatementReport(quiet);
    expect(report.problems).toContain(
      'Rep "dee" has quotas but no comp plan, so no statement was built for the rep. Assign a comp plan to the rep.',
    );
  });

  it("input with no periods reported", () => {
    const empty = input();
    empty.periods = [];
    const report = buildStatementReport(empty);
    expect(report.statements).toEqual([]);
    expect(report.problems[0]).toBe(
      'Rep "ana" has 4 credits totalling 1000.00 for deals closed from 2026-12-20 to 2027-03-01, but the input has no periods, so no statement shows them. Add periods that contain these dates, or correct the close dates.',
    );
  });

  it("complete input has no problems", () => {
    const complete = input();
    complete.plans = { all: COMMISSION_10 };
    complete.deals = complete.deals.slice(0, 1);
    complete.converted = complete.converted.slice(0, 1);
    const report = buildStatementReport(complete);
    expect(report.problems).toEqual([]);
    expect(report.unplaced).toEqual([]);
  });
});
