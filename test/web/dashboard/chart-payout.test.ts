import { describe, expect, test } from "vitest";
import type {
  RepPayFigure,
  StatementFigure,
} from "../../../model/insights/types.ts";
import type { CompPlanRecord } from "../../../model/incentives/plan-inputs.ts";
import type { PlannedRep } from "../../../model/planning/inputs.ts";
import {
  medianCents,
  payoutCompPlans,
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
    expect(scatter.curveNote).toContain("$833.33");
  });

  test("quota in the note is money", () => {
    const scatter = payoutScatter(
      [rep("ana", 16_316_537, 100_000, 16_316_537)],
      statements("ana", 1),
      PLAN,
      PLANNED,
      "USD",
    );
    expect(scatter.curveNote).toContain("median period quota, $163,165.37.");
  });

  test("plan with no visible rep says so", () => {
    const scatter = payoutScatter(
      [rep("sam", 1_000_000, 100_000)],
      [],
      PLAN,
      PLANNED,
    );
    expect(scatter.points).toEqual([]);
    expect(scatter.curve).toBeNull();
    expect(scatter.curveNote).toBe(
      "No rep you can see is on AE plan, so no curve is drawn.",
    );
  });

  test("no plan, no curve", () => {
    const scatter = payoutScatter([rep("ana", 1, 1)], [], null, PLANNED);
    expect(scatter.curve).toBeNull();
    expect(scatter.points).toHaveLength(1);
  });
});

describe("payoutCompPlans", () => {
  const SE_PLAN: CompPlanRecord = { ...PLAN, id: "se", roleIds: ["se"] };
  const PLANS = [PLAN, SE_PLAN];

  test("administrator sees every plan", () => {
    const plans = payoutCompPlans(PLANS, [rep("ana", 1, 1)], PLANNED, "all");
    expect(plans.map((plan) => plan.id)).toEqual(["p", "se"]);
  });

  test("rep sees only their role's plan", () => {
    const plans = payoutCompPlans(PLANS, [rep("ana", 1, 1)], PLANNED, "self");
    expect(plans.map((plan) => plan.id)).toEqual(["p"]);
  });

  test("team sees its reps' plans", () => {
    const reps = [rep("ana", 1, 1), rep("sam", 1, 1)];
    const plans = payoutCompPlans(PLANS, reps, PLANNED, "team");
    expect(plans.map((plan) => plan.id)).toEqual(["p", "se"]);
  });

  test("reps without a known role see every plan", () => {
    const plans = payoutCompPlans(PLANS, [rep("new", 1, 1)], PLANNED, "self");
    expect(plans).toHaveLength(2);
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
