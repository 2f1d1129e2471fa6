import { describe, expect, test } from "vitest";
import {
  computePayout,
  PayoutInputError,
  payoutSeries,
  type CompPlan,
  type DrawRule,
} from "../../../../model/incentives/payout/index.ts";
import { quarter } from "./fixtures.ts";

function planWithDraw(draw: DrawRule): CompPlan {
  return {
    components: [
      { id: "c", label: "Commission", type: "commission", rate: "0.05" },
    ],
    draw,
  };
}

// Earnings at 5%: 20000 -> 1000, 50000 -> 2500, 100000 -> 5000, 120000 -> 6000
const periods = ["20000.00", "50000.00", "100000.00", "120000.00"].map(
  (credited, index) =>
    quarter(credited, {
      periodId: `2027-0${index + 1}`,
      start: `2027-0${index + 1}-01`,
      end: `2027-0${index + 1}-28`,
    }),
);

describe("recoverable draw", () => {
  const series = payoutSeries(
    planWithDraw({ kind: "recoverable", amount: "3000.00" }),
    periods,
  );

  test("tops up and carries the balance", () => {
    // P1: 1000 < 3000, draw 2000, balance 2000, payable 3000
    // P2: 2500 < 3000, draw 500, balance 2500, payable 3000
    expect(series.map((p) => p.draw.amount).slice(0, 2)).toEqual([
      "2000.00",
      "500.00",
    ]);
    expect(series.map((p) => p.drawBalance).slice(0, 2)).toEqual([
      "2000.00",
      "2500.00",
    ]);
  });

  test("recovers from later earnings", () => {
    // P3: 5000 - 3000 = 2000 recovered, balance 500, payable 3000
    // P4: 6000 - 3000 = 3000 above, 500 recovered, balance 0, payable 5500
    expect(series[2].adjustments.map((a) => a.amount)).toEqual(["-2000.00"]);
    expect(series[3].adjustments.map((a) => a.amount)).toEqual(["-500.00"]);
    expect(series[3].drawBalance).toBe("0.00");
  });

  test("pays the expected amounts", () => {
    expect(series.map((p) => p.payable)).toEqual([
      "3000.00",
      "3000.00",
      "3000.00",
      "5500.00",
    ]);
  });

  test("starts from an opening balance", () => {
    // opening 400; P3 alone: 5000 - 3000 = 2000 above, 400 recovered, payable 4600
    const plan = planWithDraw({ kind: "recoverable", amount: "3000.00" });
    const [payout] = payoutSeries(plan, [periods[2]], "400.00");
    expect(payout.payable).toBe("4600.00");
    expect(payout.drawBalance).toBe("0.00");
  });
});

describe("non-recoverable draw", () => {
  const series = payoutSeries(
    planWithDraw({ kind: "nonRecoverable", amount: "3000.00" }),
    periods,
  );

  test("guarantees the draw amount", () => {
    // P1: 3000 - 1000 = 2000; P2: 3000 - 2500 = 500; P3, P4 earn above 3000
    expect(series.map((p) => p.draw.amount)).toEqual([
      "2000.00",
      "500.00",
      "0.00",
      "0.00",
    ]);
    expect(series.map((p) => p.payable)).toEqual([
      "3000.00",
      "3000.00",
      "5000.00",
      "6000.00",
    ]);
  });

  test("carries no balance", () => {
    expect(series.every((p) => p.drawBalance === "0.00")).toBe(true);
    expect(series.every((p) => p.adjustments.length === 0)).toBe(true);
  });
});

describe("payoutSeries input", () => {
  test("rejects overlapping periods", () => {
    const plan = planWithDraw({ kind: "recoverable", amount: "3000.00" });
    const overlapping = [periods[0], { ...periods[1], start: "2027-01-15" }];
    expect(() => payoutSeries(plan, overlapping)).toThrow(PayoutInputError);
    expect(() => payoutSeries(plan, overlapping)).toThrow(
      "periods[1].start: is 2027-01-15, not after the previous period's end 2027-01-28.",
    );
  });

  test("lists bad rows of every period", () => {
    const plan = planWithDraw({ kind: "recoverable", amount: "3000.00" });
    const bad = [
      { ...periods[0], credited: "12,000" },
      { ...periods[1], quota: "0" },
    ];
    try {
      payoutSeries(plan, bad, "-5");
      expect.unreachable("payoutSeries accepted bad input");
    } catch (error) {
      expect(error).toBeInstanceOf(PayoutInputError);
      const fields = (error as PayoutInputError).problems.map((p) => p.field);
      expect(fields).toEqual([
        "openingBalance",
        "periods[0].credited",
        "periods[1].quota",
      ]);
    }
  });
});

describe("computePayout draw", () => {
  test("applies the draw to one period", () => {
    // opening balance 1500; earnings 120000 x 0.05 = 6000.00
    // 6000 - 3000 = 3000 above the draw, 1500 recovered, payable 4500.00
    const plan = planWithDraw({ kind: "recoverable", amount: "3000.00" });
    const payout = computePayout(plan, periods[3], "1500.00");
    expect(payout.adjustments.map((a) => a.amount)).toEqual(["-1500.00"]);
    expect(payout.drawBalance).toBe("0.00");
    expect(payout.payable).toBe("4500.00");
  });

  test("tops up one period", () => {
    // earnings 20000 x 0.05 = 1000.00; draw 3000 - 1000 = 2000.00
    const plan = planWithDraw({ kind: "recoverable", amount: "3000.00" });
    const payout = computePayout(plan, periods[0]);
    expect(payout.draw.amount).toBe("2000.00");
    expect(payout.drawBalance).toBe("2000.00");
    expect(payout.payable).toBe("3000.00");
  });
});
