import { describe, expect, it } from "vitest";
import { centsToString } from "../../../../model/money.ts";
import { convertAll } from "../../../../model/incentives/deals/rates.ts";
import { StatementInputError } from "../../../../model/incentives/statements/errors.ts";
import {
  buildStatementReport,
  buildStatements,
} from "../../../../model/incentives/statements/statements.ts";
import type { StatementInput } from "../../../../model/incentives/statements/types.ts";
import { COMMISSION_10, deal } from "./fixtures.ts";

/*
 * Golden case, by hand:
 * d1 1000.00 on 2027-01-10, split ana 60 / ben 40 -> ana 600.00, ben 400.00
 * d2  500.00 on 2027-01-20, ana 100             -> ana 500.00
 * d3  333.33 on 2027-02-05, ana 50 / ben 50     -> 166.67 + 166.66 (largest remainder)
 * Commission 10%: ana Jan 1100.00 -> 110.00, ben Jan 400.00 -> 40.00,
 * Feb 166.67 and 166.66 both -> 16.67 (half-even); 166.66 / 1000 -> 0.1667.
 */
function input(): StatementInput {
  const deals = [
    deal("d1", "1000.00", "2027-01-10", [
      ["ana", "60"],
      ["ben", "40"],
    ]),
    deal("d2", "500.00", "2027-01-20", [["ana", "100"]]),
    deal("d3", "333.33", "2027-02-05", [
      ["ana", "50"],
      ["ben", "50"],
    ]),
  ];
  return {
    deals,
    converted: convertAll(deals, [], "USD"),
    tables: {
      territoryHistory: [],
      territoryReps: [],
      rules: [
        { id: "split", kind: "split", effectiveFrom: null, effectiveTo: null },
      ],
    },
    plans: {
      all: {
        components: [
          { id: "comm", label: "Commission", type: "commission", rate: "0.10" },
        ],
      },
    },
    quotas: {
      ana: { "2027-01": "1000.00", "2027-02": "1000.00" },
      ben: { "2027-01": "800.00", "2027-02": "1000.00" },
    },
    periods: [
      { id: "2027-01", start: "2027-01-01", end: "2027-01-31" },
      { id: "2027-02", start: "2027-02-01", end: "2027-02-28" },
    ],
  };
}

describe("buildStatements", () => {
  it("credits and pays each rep-period", () => {
    const statements = buildStatements(input());
    const summary = statements.map((s) => [
      s.repId,
      s.periodId,
      s.credited.amount,
      s.attainment,
      s.payable,
    ]);
    expect(summary).toEqual([
      ["ana", "2027-01", "1100.00", "1.1000", "110.00"],
      ["ana", "2027-02", "166.67", "0.1667", "16.67"],
      ["ben", "2027-01", "400.00", "0.5000", "40.00"],
      ["ben", "2027-02", "166.66", "0.1667", "16.67"],
    ]);
  });

  it("total credit equals deal amounts", () => {
    const statements = buildStatements(input());
    const credited = statements.reduce((sum, s) => sum + s.credited.cents, 0);
    expect(credited).toBe(100000 + 50000 + 33333);
  });

  it("payable equals sum of lines", () => {
    for (const s of buildStatements(input())) {
      const lines = [...s.lines, ...s.adjustments, s.draw];
      const cents = lines.reduce((sum, line) => sum + line.cents, 0);
      expect(`${s.repId} ${s.periodId} ${centsToString(cents)}`).toBe(
        `${s.repId} ${s.periodId} ${s.payable}`,
      );
    }
  });

  it("credited trace lists each credit", () => {
    const [first] = buildStatements(input());
    expect(first!.credited.trace.parts).toEqual(
      first!.credits.map((c) => c.trace),
    );
    expect(first!.credits.map((c) => c.dealId)).toEqual(["d1", "d2"]);
  });

  it("missing quota rejected", () => {
    const bad = input();
    delete bad.quotas.ana!["2027-02"];
    expect(() => buildStatements(bad)).toThrow(StatementInputError);
    expect(() => buildStatements(bad)).toThrow(
      /Missing quota for rep "ana" in period "2027-02"/,
    );
  });

  it("missing quota of rep without plan accepted", () => {
    const partial = input();
    partial.plans = { byRep: { ana: COMMISSION_10 } };
    delete partial.quotas.ben!["2027-02"];
    const reps = buildStatements(partial).map((s) => s.repId);
    expect(reps).toEqual(["ana", "ana"]);
  });

  it("negative deal without cancels rejected", () => {
    const bad = input();
    bad.deals = [...bad.deals, deal("r1", "-10.00", "2027-01-12", [])];
    bad.converted = convertAll(bad.deals, [], "USD");
    expect(() => buildStatements(bad)).toThrow(
      /Deal "r1" has the negative amount -10.00 but cancels no deal/,
    );
  });

  it("cancellation of unknown deal reported", () => {
    const partial = input();
    const orphan = { ...deal("c1", "-10.00", "2027-01-12", []), cancels: "d9" };
    partial.deals = [...partial.deals, orphan];
    partial.converted = convertAll(partial.deals, [], "USD");
    const report = buildStatementReport(partial);
    expect(report.problems).toEqual([
      'Deal "c1" cancels deal "d9", which is not among the deals, so nothing is clawed back. Include the cancelled deal.',
    ]);
    expect(report.statements.map((s) => s.payable)).toEqual([
      "110.00",
      "16.67",
      "40.00",
      "16.67",
    ]);
  });

  it("cancellations above deal amount rejected", () => {
    const bad = input();
    const [d1] = bad.deals;
    bad.deals = [
      ...bad.deals,
      { ...d1!, id: "c1", amount: "-600.00", cancels: "d1" },
      { ...d1!, id: "c2", amount: "-400.01", cancels: "d1" },
    ];
    bad.converted = convertAll(bad.deals, [], "USD");
    expect(() => buildStatements(bad)).toThrow(
      /Deal "c2" brings the cancellations of deal "d1" to 1000.01, more than its amount 1000.00/,
    );
  });
});
