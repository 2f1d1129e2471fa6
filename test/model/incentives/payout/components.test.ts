import { describe, expect, test } from "vitest";
import { computePayout } from "../../../../model/incentives/payout/index.ts";
import { planOf, quarter } from "./fixtures.ts";

describe("commission", () => {
  test("rounds half-even to the cent", () => {
    // 12345.70 x 0.05 = 617.285 -> 617.28 (half-even keeps the even 8)
    const plan = planOf({
      id: "c",
      label: "Commission",
      type: "commission",
      rate: "0.05",
    });
    const line = computePayout(plan, quarter("12345.70")).lines[0];
    expect(line.amount).toBe("617.28");
    expect(line.cents).toBe(61728);
    expect(line.trace.formula).toBe("credited amount x rate");
  });
});

describe("gate", () => {
  const plan = planOf({
    id: "c",
    label: "Commission",
    type: "commission",
    rate: "0.05",
    gate: "0.5",
  });

  test("pays nothing below the gate", () => {
    // attainment 49999.99 / 100000 = 0.4999999 < 0.5 -> 0.00
    const line = computePayout(plan, quarter("49999.99")).lines[0];
    expect(line.amount).toBe("0.00");
    expect(line.trace.formula).toBe("0 because attainment is below the gate");
  });

  test("pays in full at the gate", () => {
    // attainment 0.5 reaches the gate: 50000 x 0.05 = 2500.00
    const line = computePayout(plan, quarter("50000.00")).lines[0];
    expect(line.amount).toBe("2500.00");
  });
});

describe("component cap", () => {
  test("limits the component amount", () => {
    // 60000 x 0.10 = 6000 > cap 5000 -> 5000.00
    const plan = planOf({
      id: "c",
      label: "Commission",
      type: "commission",
      rate: "0.10",
      cap: "5000.00",
    });
    const line = computePayout(plan, quarter("60000.00")).lines[0];
    expect(line.amount).toBe("5000.00");
    expect(line.trace.parts[0].value).toBe("6000");
  });
});

describe("bonus", () => {
  const plan = planOf({
    id: "b",
    label: "Quota bonus",
    type: "bonus",
    threshold: "1.0",
    amount: "2500.00",
  });

  test("pays nothing just below threshold", () => {
    // 99999.99 / 100000 = 0.9999999 < 1.0 -> 0.00
    expect(computePayout(plan, quarter("99999.99")).lines[0].amount).toBe(
      "0.00",
    );
  });

  test("pays the amount at threshold", () => {
    // 100000 / 100000 = 1.0 >= 1.0 -> 2500.00
    expect(computePayout(plan, quarter("100000.00")).lines[0].amount).toBe(
      "2500.00",
    );
  });
});

describe("spif", () => {
  const productCredits = [
    { dealId: "d1", product: "widget", date: "2027-01-05", amount: "1000.50" },
    { dealId: "d2", product: "widget", date: "2027-01-31", amount: "333.33" },
    { dealId: "d3", product: "widget", date: "2027-02-01", amount: "900.00" },
    { dealId: "d4", product: "gadget", date: "2027-01-10", amount: "700.00" },
    { dealId: "d5", product: "widget", date: "2026-12-31", amount: "800.00" },
  ];

  test("pays per deal in range", () => {
    // d1 and d2 are widgets in January; d3 is after the range, d4 is
    // another product, d5 is before the period: 2 x 150.00 = 300.00
    const plan = planOf({
      id: "s",
      label: "Widget SPIF",
      type: "spif",
      product: "widget",
      from: "2026-12-01",
      to: "2027-01-31",
      perDeal: "150.00",
    });
    const payout = computePayout(plan, quarter("0.00", { productCredits }));
    expect(payout.lines[0].amount).toBe("300.00");
  });

  test("pays a rate on product credit", () => {
    // (1000.50 + 333.33) x 0.015 = 1333.83 x 0.015 = 20.00745 -> 20.01
    const plan = planOf({
      id: "s",
      label: "Widget SPIF",
      type: "spif",
      product: "widget",
      from: "2026-12-01",
      to: "2027-01-31",
      rate: "0.015",
    });
    const payout = computePayout(plan, quarter("0.00", { productCredits }));
    expect(payout.lines[0].amount).toBe("20.01");
  });
});

describe("total cap", () => {
  test("adds a line down to the cap", () => {
    // commission 200000 x 0.05 = 10000.00; bonus at 2.0 >= 1.0 = 2500.00
    // sum 12500.00 > cap 11000.00 -> total cap line -1500.00, payable 11000.00
    const plan = {
      ...planOf(
        { id: "c", label: "Commission", type: "commission", rate: "0.05" },
        {
          id: "b",
          label: "Bonus",
          type: "bonus",
          threshold: "1.0",
          amount: "2500.00",
        },
      ),
      totalCap: "11000.00",
    };
    const payout = computePayout(plan, quarter("200000.00"));
    expect(payout.lines.map((l) => l.amount)).toEqual([
      "10000.00",
      "2500.00",
      "-1500.00",
    ]);
    expect(payout.lines[2].componentId).toBe("totalCap");
    expect(payout.payable).toBe("11000.00");
  });

  test("adds no line under the cap", () => {
    const plan = {
      ...planOf({ id: "c", label: "C", type: "commission", rate: "0.05" }),
      totalCap: "11000.00",
    };
    expect(computePayout(plan, quarter("100000.00")).lines).toHaveLength(1);
  });
});
