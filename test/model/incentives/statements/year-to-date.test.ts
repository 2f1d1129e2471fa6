import { describe, expect, it } from "vitest";
import type { CompPlan } from "../../../../model/incentives/payout/index.ts";
import { buildStatementReport } from "../../../../model/incentives/statements/statements.ts";
import type { StatementInput } from "../../../../model/incentives/statements/types.ts";
import { deal, flatQuotas, month, splitInput } from "./fixtures.ts";

const YEAR_TO_DATE: CompPlan = {
  components: [
    {
      id: "tiers",
      label: "Tiered",
      type: "tiered",
      mode: "retroactive",
      basis: "yearToDate",
      bands: [
        { from: "0", to: "1.00", rate: "0.05" },
        { from: "1.00", rate: "0.10" },
      ],
    },
  ],
};

/*
 * Retroactive year-to-date table: 5% below 100% of quota, 10% from 100%.
 * Quota 1000.00 a month; December is fiscal year FY2026, January to March
 * FY2027. A period earns table(credit through it) - table(credit before it),
 * both on the year's quota through the period. By hand:
 * 2026-12: 1500.00 of 1000.00 (1.5) -> 10% = 150.00, minus 0 = 150.00.
 * 2027-01: new year, 800.00 of 1000.00 (0.8) -> 5% = 40.00.
 * 2027-02: before 800.00, through 1700.00 of 2000.00 (0.85) -> 85.00;
 *   before 800.00 of 2000.00 (0.4) -> 40.00; earns 45.00.
 * 2027-03: before 1700.00, through 3200.00 of 3000.00 (1.0667) -> 10% =
 *   320.00; before 1700.00 of 3000.00 -> 5% = 85.00; earns 235.00, the
 *   catch-up on January and February.
 */
function input(years: boolean): StatementInput {
  const periods = [
    month("2026-12", years ? "FY2026" : undefined),
    month("2027-01", years ? "FY2027" : undefined),
    month("2027-02", years ? "FY2027" : undefined),
    month("2027-03", years ? "FY2027" : undefined),
  ];
  return splitInput(
    [
      deal("d1", "1500.00", "2026-12-10", [["ana", "100"]]),
      deal("d2", "800.00", "2027-01-10", [["ana", "100"]]),
      deal("d3", "900.00", "2027-02-10", [["ana", "100"]]),
      deal("d4", "1500.00", "2027-03-10", [["ana", "100"]]),
    ],
    YEAR_TO_DATE,
    flatQuotas(["ana"], periods, "1000.00"),
    periods,
  );
}

describe("year-to-date statements", () => {
  it("figures restart each fiscal year", () => {
    const { statements } = buildStatementReport(input(true));
    expect(statements.map((s) => [s.periodId, s.yearToDate])).toEqual([
      ["2026-12", { creditedBefore: "0.00", quota: "1000.00" }],
      ["2027-01", { creditedBefore: "0.00", quota: "1000.00" }],
      ["2027-02", { creditedBefore: "800.00", quota: "2000.00" }],
      ["2027-03", { creditedBefore: "1700.00", quota: "3000.00" }],
    ]);
  });

  it("tiered line earns year-to-date growth", () => {
    const { statements } = buildStatementReport(input(true));
    expect(statements.map((s) => s.lines[0]!.amount)).toEqual([
      "150.00",
      "40.00",
      "45.00",
      "235.00",
    ]);
  });

  it("periods without a year share one", () => {
    // 2027-01: before 1500.00, through 2300.00 of 2000.00 (1.15) -> 230.00;
    // before 1500.00 of 2000.00 (0.75) -> 75.00; earns 155.00.
    const { statements } = buildStatementReport(input(false));
    const [, january] = statements;
    expect(january!.yearToDate).toEqual({
      creditedBefore: "1500.00",
      quota: "2000.00",
    });
    expect(january!.lines[0]!.amount).toBe("155.00");
  });

  it("plan without year-to-date tiers omits figures", () => {
    const plain = input(true);
    plain.plans = {
      all: {
        components: [
          { id: "comm", label: "Commission", type: "commission", rate: "0.10" },
        ],
      },
    };
    const { statements } = buildStatementReport(plain);
    expect(statements.map((s) => "yearToDate" in s)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
