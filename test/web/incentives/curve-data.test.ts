import { describe, expect, test } from "vitest";
import { PayoutPlanError } from "../../../model/incentives/payout/errors.ts";
import type { CompPlan } from "../../../model/incentives/payout/plan.ts";
import {
  curveAttainments,
  curveMarkers,
  payoutCurveData,
  percentText,
} from "../../../web/incentives/curve-data.ts";

// Tiers of 5% up to quota and 8% above it with a gate at 50%, a 1,000.00
// bonus at 110%, and a 1% commission capped at 60.00.
const plan: CompPlan = {
  components: [
    {
      id: "tiers",
      label: "Revenue",
      type: "tiered",
      mode: "marginal",
      bands: [
        { from: "0", to: "1", rate: "0.05" },
        { from: "1", rate: "0.08" },
      ],
      gate: "0.5",
    },
    {
      id: "kicker",
      label: "Kicker",
      type: "bonus",
      threshold: "1.1",
      amount: "1000",
    },
    {
      id: "extra",
      label: "Extra",
      type: "commission",
      rate: "0.01",
      cap: "60",
    },
  ],
  totalCap: "2500",
};

describe("payoutCurveData", () => {
  test("earnings at quota are exact", () => {
    const data = payoutCurveData(plan, "10000");
    const atQuota = data.points.find((p) => p.attainment === "1");
    // 5% of 10,000.00 plus 1% of 10,000.00 capped at 60.00.
    expect(atQuota?.earnings).toBe("560.00");
  });

  test("gate holds earnings at zero below it", () => {
    const data = payoutCurveData(plan, "10000");
    const below = data.points.find((p) => p.attainment === "0.49");
    // Only the 1% commission pays below the gate: 1% of 4,900.00.
    expect(below?.earnings).toBe("49.00");
  });

  test("bonus draws as a step", () => {
    const data = payoutCurveData(plan, "10000");
    const before = data.points.find((p) => p.attainment === "1.0999");
    const at = data.points.find((p) => p.attainment === "1.1");
    expect(before).toBeDefined();
    expect(at).toBeDefined();
    // 500.00 + 8% of 1,000.00 + 60.00 cap + 1,000.00 bonus at 110%.
    expect(at?.earnings).toBe("1640.00");
  });

  test("total cap passed to the chart", () => {
    expect(payoutCurveData(plan, "10000").totalCap).toBe("2500");
  });

  test("invalid plan raises the model error", () => {
    expect(() => payoutCurveData({ components: [] }, "10000")).toThrow(
      PayoutPlanError,
    );
  });
});

describe("curveMarkers", () => {
  test("lists tier, gate, bonus and cap in order", () => {
    const markers = curveMarkers(plan, "10000");
    expect(markers.map((m) => [m.kind, m.attainment])).toEqual([
      ["gate", "0.5"],
      ["cap", "0.6"],
      ["tier", "1"],
      ["bonus", "1.1"],
    ]);
  });

  test("cap beyond 200% has no marker", () => {
    const markers = curveMarkers(plan, "100");
    expect(markers.some((m) => m.kind === "cap")).toBe(false);
  });

  test("labels name the component", () => {
    const labels = curveMarkers(plan, "10000").map((m) => m.label);
    expect(labels).toContain("Revenue tier 100%");
    expect(labels).toContain("Revenue gate 50%");
    expect(labels).toContain("Kicker at 110%");
  });
});

describe("curveAttainments", () => {
  test("covers 0 to 200% in 1% steps", () => {
    const points = curveAttainments([]);
    expect(points).toHaveLength(201);
    expect(points[0]).toBe("0");
    expect(points[200]).toBe("2");
  });

  test("adds a point at and below an off-step marker", () => {
    const points = curveAttainments([
      { key: "a", kind: "tier", attainment: "1.125", label: "a" },
    ]);
    expect(points).toContain("1.125");
    expect(points).toContain("1.1249");
    expect(points).toHaveLength(203);
  });
});

test("percentText formats fractions", () => {
  expect(percentText("1.25")).toBe("125%");
  expect(percentText("0.005")).toBe("0.5%");
});
