import { describe, expect, test } from "vitest";
import { CapacityInputError } from "../../../model/capacity/errors.ts";
import { recommendHires } from "../../../model/capacity/hires.ts";
import { buildTargets } from "../../../model/plan/targets.ts";
import { aeRole, year } from "./fixtures.ts";

const slowRamp = aeRole({ rampPercents: ["25", "50", "100"] });

function targetsIn(monthId: string, amount: string) {
  return buildTargets(year, [{ segment: "All", period: monthId, amount }]);
}

describe("recommendHires", () => {
  test("hires start early enough to be ramped", () => {
    const plan = recommendHires(
      {
        year,
        roles: [slowRamp],
        reps: [],
        hires: [],
        targets: targetsIn("FY2027-M06", "300000.00"),
      },
      "ae",
    );
    expect(plan.recommendations).toHaveLength(1);
    const [hire] = plan.recommendations;
    expect(hire.gapMonthId).toBe("FY2027-M06");
    expect(hire.startMonthId).toBe("FY2027-M04");
    expect(hire.count).toBe(3);
    expect(hire.capacityPerHire).toBe("100000.00");
    expect(plan.result.months[5].gap!.amount).toBe("0.00");
    expect(plan.unclosable).toEqual([]);
  });

  test("early gap starts hires in the first month", () => {
    const plan = recommendHires(
      {
        year,
        roles: [slowRamp],
        reps: [],
        hires: [],
        targets: targetsIn("FY2027-M01", "100000.00"),
      },
      "ae",
    );
    const [hire] = plan.recommendations;
    expect(hire.startMonthId).toBe("FY2027-M01");
    expect(hire.capacityPerHire).toBe("25000.00");
    expect(hire.count).toBe(4);
  });

  test("partial hire rounds up", () => {
    const plan = recommendHires(
      {
        year,
        roles: [slowRamp],
        reps: [],
        hires: [],
        targets: targetsIn("FY2027-M06", "100000.01"),
      },
      "ae",
    );
    expect(plan.recommendations[0].count).toBe(2);
    expect(plan.result.months[5].gap!.amount).toBe("-99999.99");
  });

  test("earlier hires count toward later gaps", () => {
    const targets = buildTargets(year, [
      { segment: "All", period: "FY2027-M03", amount: "200000.00" },
      { segment: "All", period: "FY2027-M04", amount: "250000.00" },
    ]);
    const plan = recommendHires(
      { year, roles: [slowRamp], reps: [], hires: [], targets },
      "ae",
    );
    expect(plan.recommendations.map((r) => [r.startMonthId, r.count])).toEqual([
      ["FY2027-M01", 2],
      ["FY2027-M02", 1],
    ]);
    for (const month of plan.result.months) {
      expect(month.gap!.cents).toBeLessThanOrEqual(0);
    }
  });

  test("attrition raises the hires needed", () => {
    const plan = recommendHires(
      {
        year,
        roles: [
          aeRole({ rampPercents: ["100"], annualAttritionPercent: "12" }),
        ],
        reps: [],
        hires: [],
        targets: targetsIn("FY2027-M01", "100000.00"),
      },
      "ae",
    );
    expect(plan.recommendations[0].count).toBe(1);
    const later = recommendHires(
      {
        year,
        roles: [
          aeRole({
            rampPercents: ["100", "100"],
            annualAttritionPercent: "12",
          }),
        ],
        reps: [],
        hires: [],
        targets: targetsIn("FY2027-M02", "100000.00"),
      },
      "ae",
    );
    // One hire from M01 is 0.99 of a seat in M02, so two are needed.
    expect(later.recommendations[0].capacityPerHire).toBe("99000.00");
    expect(later.recommendations[0].count).toBe(2);
  });

  test("zero ramp in the first month is unclosable", () => {
    const plan = recommendHires(
      {
        year,
        roles: [aeRole({ rampPercents: ["0", "100"] })],
        reps: [],
        hires: [],
        targets: targetsIn("FY2027-M01", "5.00"),
      },
      "ae",
    );
    expect(plan.recommendations).toEqual([]);
    expect(plan.unclosable).toEqual([
      {
        monthId: "FY2027-M01",
        gap: "5.00",
        reason:
          'Role "AE" ramps at 0% in tenure month 1, so no hire starting in this fiscal year adds capacity in FY2027-M01. Plan earlier hires as existing reps or choose another role.',
      },
    ]);
  });

  test("zero productivity is unclosable", () => {
    const plan = recommendHires(
      {
        year,
        roles: [aeRole({ annualProductivity: "0" })],
        reps: [],
        hires: [],
        targets: targetsIn("FY2027-M03", "5.00"),
      },
      "ae",
    );
    expect(plan.unclosable.map((u) => u.monthId)).toEqual(["FY2027-M03"]);
    expect(plan.unclosable[0].reason).toMatch(/zero annual productivity/);
  });

  test("trace states the rule", () => {
    const plan = recommendHires(
      {
        year,
        roles: [slowRamp],
        reps: [],
        hires: [],
        targets: targetsIn("FY2027-M06", "300000.00"),
      },
      "ae",
    );
    const trace = plan.recommendations[0].trace;
    expect(trace.value).toBe("3");
    expect(trace.inputs).toEqual([
      { name: "shortfall", value: "300000.00" },
      { name: "capacity per hire", value: "100000.00" },
      { name: "role", value: "AE" },
      { name: "start month", value: "FY2027-M04" },
    ]);
  });

  test("worked example of the capacity doc", () => {
    const plan = recommendHires(
      {
        year,
        roles: [aeRole({ annualAttritionPercent: "12", backfillMonths: 1 })],
        reps: [{ id: "r1", roleId: "ae", startDate: "2020-01-01" }],
        hires: [],
        targets: targetsIn("FY2027-M03", "130000.00"),
      },
      "ae",
    );
    const [hire] = plan.recommendations;
    expect(hire.gapMonthId).toBe("FY2027-M03");
    expect(hire.startMonthId).toBe("FY2027-M02");
    expect(hire.capacityPerHire).toBe("99000.00");
    expect(hire.count).toBe(1);
    expect(hire.trace.inputs[0]).toEqual({
      name: "shortfall",
      value: "31490.00",
    });
  });

  test("missing targets are rejected", () => {
    expect(() =>
      recommendHires({ year, roles: [slowRamp], reps: [], hires: [] }, "ae"),
    ).toThrow(CapacityInputError);
  });

  test("unknown hiring role is rejected", () => {
    expect(() =>
      recommendHires(
        {
          year,
          roles: [slowRamp],
          reps: [],
          hires: [],
          targets: targetsIn("FY2027-M01", "1.00"),
        },
        "se",
      ),
    ).toThrow(/Role "se" chosen for hiring is not defined/);
  });
});
