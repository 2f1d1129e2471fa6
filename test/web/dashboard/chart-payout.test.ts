import { describe, expect, test } from "vitest";
import type {
  RepPayFigure,
  StatementFigure,
} from "../../../model/insights/types.ts";
import type { CompPlanRecord } from "../../../model/incentives/plan-inputs.ts";
import type { PlannedRep } from "../../../model/planning/inputs.ts";
import {
  medianCents,
  payoutScatter,
} from "../../../web/dashboard/chart-payout.ts";

function rep(
  repId: string,
  creditedCents: number,
  payoutCents: number,
  quotaCents = 1_000_000,
  targetPayoutCents = 100_000,
): RepPayFigure {
  return {
    repId,
    name: repId,
    quotaCents,
    creditedCents,
    payoutCents,
    targetPayoutCents,
  };
}

function statements(repId: string, count: number): StatementFigure[] {
  return Array.from({ length: count }, (_, i) => ({
    statementId: `${repId}-${i}`,
    repId,
    disputed: false,
    adjusted: false,
  }));
}

// 10% commission with no cap: earnings are proportional to attainment.
const PLAN: CompPlanRecord = {
  id: "p",
  name: "AE plan",
  roleIds: ["ae"],
  plan: {
    id: "p",
    name: "AE plan",
    currency: "USD",
    components: [
      { id: "c", label: "Commission", type: "commission", rate: "0.10" },
    ],
  } as unknown as CompPlanRecord["plan"],
};

const PLANNED: PlannedRep[] = [
  {
    id: "ana",
    name: "Ana",
    roleId: "ae",
    startDate: "2020-01-01",
    territoryId: null,
  },
  {
    id: "sam",
    name: "Sam",
    roleId: "se",
    startDate: "2020-01-01",
    territoryId: null,
  },
];

describe("payoutScatter", () => {
  test("points in percent of quota and target payout", () => {
    const scatter = payoutScatter(
      [rep("ana", 1_250_000, 130_000)],
      [],
      PLAN,
      PLANNED,
    );
    expect(scatter.points).toHaveLength(1);
    expect(scatter.points[0].attainmentPercent).toBe("125.0");
    expect(scatter.points[0].payoutPercent).toBe("130.0");
  });

  test("reps of other plans are left off", () => {
    const scatter = payoutScatter(
      [
        rep("ana", 1_000_000, 100_000),
        rep("sam", 1_000_000, 100_000),
        rep("new", 0, 0),
      ],
      [],
      PLAN,
      PLANNED,
    );
    expect(scatter.points.map((p) => p.repId)).toEqual(["ana", "new"]);
  });

  test("no quota or target payout is left out", () => {
    const scatter = payoutScatter(
      [rep("ana", 1, 1, 0), rep("new", 1, 1, 100, 0)],
      [],
      PLAN,
      PLANNED,
    );
    expect(scatter.points).toEqual([]);
    expect(scatter.leftOut).toEqual(["ana", "new"]);
  });

  test("proportional plan curve is the diagonal", () => {
    const scatter = payoutScatter(
      [rep("ana", 1_200_000, 120_000)],
      statements("ana", 12),
      PLAN,
      PLANNED,
    );
    expect(scatter.curve).not.toBeNull();
    // Credit is rounded to the cent at each point, so the ratio is near x.
    for (const [x, y] of scatter.curve!) expect(y).toBeCloseTo(x, 1);
    // 1,000,000 cents over 12 statements: 833.33 a period.
    expect(scatter.curveNote).toContain("833.33");
  });

  test("no plan, no curve", () => {
    const scatter = payoutScatter([rep("ana", 1, 1)], [], null, PLANNED);
    expect(scatter.curve).toBeNull();
    expect(scatter.points).toHaveLength(1);
  });
});

describe("medianCents", () => {
  test("odd, even and empty", () => {
    expect(medianCents([3, 1, 2])).toBe(2);
    expect(medianCents([1, 2])).toBe(2);
    expect(medianCents([1, 4])).toBe(2);
    expect(medianCents([])).toBeNull();
  });
});
