import { describe, expect, test } from "vitest";
import {
  PayoutInputError,
  payoutCurve,
} from "../../../../model/incentives/payout/index.ts";
import { BANDS, planOf } from "./fixtures.ts";

const plan = planOf(
  { id: "t", label: "Tiered", type: "tiered", mode: "marginal", bands: BANDS },
  {
    id: "b",
    label: "Bonus",
    type: "bonus",
    threshold: "1.0",
    amount: "1000.00",
  },
);

describe("payoutCurve", () => {
  test("gives earnings at each attainment", () => {
    // 0: nothing
    // 0.5: 50000 x 0.02 = 1000.00
    // 1.0: 1000 + 50000 x 0.04 = 3000, plus bonus 1000 = 4000.00
    // 1.5: 3000 + 50000 x 0.08 = 7000, plus bonus 1000 = 8000.00
    const curve = payoutCurve(plan, "100000.00", ["0", "0.5", "1.0", "1.5"]);
    expect(curve.map((p) => p.credited)).toEqual([
      "0.00",
      "50000.00",
      "100000.00",
      "150000.00",
    ]);
    expect(curve.map((p) => p.earnings)).toEqual([
      "0.00",
      "1000.00",
      "4000.00",
      "8000.00",
    ]);
  });

  test("rejects bad points", () => {
    expect(() => payoutCurve(plan, "100000.00", ["1", "high"])).toThrow(
      PayoutInputError,
    );
    expect(() => payoutCurve(plan, "0", ["1"])).toThrow(
      "quota: must be greater than zero, got 0.",
    );
  });
});
