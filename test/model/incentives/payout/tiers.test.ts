import { describe, expect, test } from "vitest";
import { computePayout } from "../../../../model/incentives/payout/index.ts";
import { BANDS, planOf, quarter } from "./fixtures.ts";

const marginal = planOf({
  id: "t",
  label: "Tiered",
  type: "tiered",
  mode: "marginal",
  bands: BANDS,
});
const retroactive = planOf({
  id: "t",
  label: "Tiered",
  type: "tiered",
  mode: "retroactive",
  bands: BANDS,
});

function earned(plan: typeof marginal, credited: string): string {
  return computePayout(plan, quarter(credited)).lines[0].amount;
}

describe("marginal tiers", () => {
  test("pays each band its own rate", () => {
    // 50000 x 0.02 = 1000; 50000 x 0.04 = 2000; 25000 x 0.08 = 2000
    // 1000 + 2000 + 2000 = 5000.00
    expect(earned(marginal, "125000.00")).toBe("5000.00");
  });

  test("stops inside the second band", () => {
    // 50000 x 0.02 = 1000; 30000 x 0.04 = 1200; total 2200.00
    expect(earned(marginal, "80000.00")).toBe("2200.00");
  });

  test("rounds the band sum to the cent", () => {
    // 33333.33 x 0.02 = 666.6666 -> 666.67
    expect(earned(marginal, "33333.33")).toBe("666.67");
  });

  test("traces one part per band used", () => {
    const line = computePayout(marginal, quarter("80000.00")).lines[0];
    expect(line.trace.parts.map((p) => p.figure)).toEqual([
      "Band 0-0.5",
      "Band 0.5-1.0",
    ]);
    expect(line.trace.parts.map((p) => p.value)).toEqual(["1000", "1200"]);
  });

  test("pays nothing on zero credit", () => {
    expect(earned(marginal, "0.00")).toBe("0.00");
  });
});

describe("retroactive tiers", () => {
  test("applies the reached rate to all credit", () => {
    // attainment 1.25 is in band 1.0+: 125000 x 0.08 = 10000.00
    expect(earned(retroactive, "125000.00")).toBe("10000.00");
  });

  test("uses the middle band below quota", () => {
    // attainment 0.8 is in band 0.5-1.0: 80000 x 0.04 = 3200.00
    expect(earned(retroactive, "80000.00")).toBe("3200.00");
  });

  test("puts a boundary in the upper band", () => {
    // attainment exactly 1.0 starts band 1.0+: 100000 x 0.08 = 8000.00
    expect(earned(retroactive, "100000.00")).toBe("8000.00");
  });

  test("applies the decelerator below threshold", () => {
    // attainment 0.4 is in band 0-0.5: 40000 x 0.02 = 800.00
    expect(earned(retroactive, "40000.00")).toBe("800.00");
  });
});

describe("year-to-date tiers", () => {
  const bands = [
    { from: "0", to: "1.0", rate: "0.04" },
    { from: "1.0", rate: "0.06" },
  ];
  const yearToDate = { creditedBefore: "250000.00", quota: "300000.00" };

  test("retroactive pays the catch-up", () => {
    // through: 330000 reaches 1.1 of 300000, 330000 x 0.06 = 19800
    // before: 250000 is 0.8333 of 300000, 250000 x 0.04 = 10000
    // period: 19800 - 10000 = 9800.00
    const plan = planOf({
      id: "y",
      label: "YTD",
      type: "tiered",
      mode: "retroactive",
      basis: "yearToDate",
      bands,
    });
    const payout = computePayout(plan, quarter("80000.00", { yearToDate }));
    expect(payout.lines[0].amount).toBe("9800.00");
  });

  test("marginal pays the growth", () => {
    // through: 300000 x 0.04 + 30000 x 0.06 = 12000 + 1800 = 13800
    // before: 250000 x 0.04 = 10000; period: 13800 - 10000 = 3800.00
    const plan = planOf({
      id: "y",
      label: "YTD",
      type: "tiered",
      mode: "marginal",
      basis: "yearToDate",
      bands,
    });
    const payout = computePayout(plan, quarter("80000.00", { yearToDate }));
    expect(payout.lines[0].amount).toBe("3800.00");
  });
});
