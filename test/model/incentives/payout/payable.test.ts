import { describe, expect, test } from "vitest";
import {
  computePayout,
  payoutSeries,
  type PeriodPayout,
} from "../../../../model/incentives/payout/index.ts";
import { centsToString } from "../../../../model/money.ts";
import { BANDS, planOf, quarter } from "./fixtures.ts";

function centsOf(payout: PeriodPayout): number {
  const lines = [...payout.lines, ...payout.adjustments, payout.draw];
  return lines.reduce((sum, line) => sum + line.cents, 0);
}

describe("payable", () => {
  test("sums rounded lines, not the exact total", () => {
    // each line: 1001 x 0.005 = 5.005 -> 5.00 (half-even)
    // payable = 5.00 + 5.00 = 10.00, while the exact total 10.01 would round to 10.01
    const plan = planOf(
      { id: "a", label: "A", type: "commission", rate: "0.005" },
      { id: "b", label: "B", type: "commission", rate: "0.005" },
    );
    const payout = computePayout(plan, quarter("1001.00"));
    expect(payout.lines.map((l) => l.amount)).toEqual(["5.00", "5.00"]);
    expect(payout.payable).toBe("10.00");
  });

  test("equals the sum of every line", () => {
    const plan = {
      components: [
        {
          id: "c",
          label: "Commission",
          type: "commission" as const,
          rate: "0.0333",
        },
        {
          id: "t",
          label: "Tiered",
          type: "tiered" as const,
          mode: "marginal" as const,
          bands: BANDS,
          cap: "4321.09",
        },
        {
          id: "b",
          label: "Bonus",
          type: "bonus" as const,
          threshold: "0.9",
          amount: "777.77",
        },
      ],
      totalCap: "9000.00",
      draw: { kind: "recoverable" as const, amount: "2500.00" },
      clawback: { windowDays: 60 },
    };
    const credits = ["12345.67", "98765.43", "150000.01", "0.00", "77777.77"];
    const periods = credits.map((credited, index) => {
      const month = String(index + 1).padStart(2, "0");
      return quarter(credited, {
        periodId: `2027-${month}`,
        start: `2027-${month}-01`,
        end: `2027-${month}-28`,
        cancellations: [
          {
            dealId: `x${index}`,
            closeDate: `2027-${month}-01`,
            cancelDate: `2027-${month}-20`,
            paidAmount: "123.45",
          },
        ],
      });
    });

    for (const payout of payoutSeries(plan, periods)) {
      expect(payout.payable).toBe(centsToString(centsOf(payout)));
      expect(payout.payableTrace.parts).toHaveLength(
        payout.lines.length + payout.adjustments.length + 1,
      );
    }
  });
});

describe("worked example", () => {
  test("matches the payouts doc", () => {
    // Tiered: 50000 x 0.02 + 50000 x 0.04 + 25000 x 0.08 = 5000.00
    // Bonus: 1.25 >= 1.0 -> 1000.00; total cap 5500.00 - 6000.00 = -500.00
    // Draw: 5500.00 >= 3000.00 -> 0.00; payable 5500.00
    const plan = {
      ...planOf(
        {
          id: "t",
          label: "Tiered",
          type: "tiered",
          mode: "marginal",
          bands: BANDS,
        },
        {
          id: "b",
          label: "Bonus",
          type: "bonus",
          threshold: "1.0",
          amount: "1000.00",
        },
      ),
      totalCap: "5500.00",
      draw: { kind: "recoverable" as const, amount: "3000.00" },
    };
    const [payout] = payoutSeries(plan, [quarter("125000.00")]);
    expect(payout.lines.map((l) => l.amount)).toEqual([
      "5000.00",
      "1000.00",
      "-500.00",
    ]);
    expect(payout.draw.amount).toBe("0.00");
    expect(payout.payable).toBe("5500.00");
  });
});
