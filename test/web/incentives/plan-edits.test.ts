import { describe, expect, test } from "vitest";
import { fiscalYear } from "../../../model/plan/periods.ts";
import { validatePlan } from "../../../model/incentives/payout/validate-plan.ts";
import type { TieredComponent } from "../../../model/incentives/payout/plan.ts";
import type { IncentiveInputs } from "../../../model/incentives/plan-inputs.ts";
import {
  COMPONENT_KINDS,
  addBand,
  countRepsPaid,
  duplicateCompPlan,
  fiscalYearDates,
  fractionToPercent,
  newCompPlan,
  newComponent,
  percentToFraction,
  removeBand,
  setBandEnd,
  withOptional,
} from "../../../web/incentives/plan-edits.ts";

function tiered(): TieredComponent {
  return {
    id: "t",
    label: "Tiers",
    type: "tiered",
    mode: "marginal",
    bands: [
      { from: "0", to: "1", rate: "0.05" },
      { from: "1", to: "1.5", rate: "0.08" },
      { from: "1.5", rate: "0.1" },
    ],
  };
}

describe("newCompPlan", () => {
  test("is valid as created", () => {
    const record = newCompPlan("p1", "AE plan", ["ae"]);
    expect(() => validatePlan(record.plan)).not.toThrow();
    expect(record.roleIds).toEqual(["ae"]);
  });
});

describe("newComponent", () => {
  test("every kind is valid as created", () => {
    for (const { kind } of COMPONENT_KINDS) {
      const plan = { components: [newComponent(kind, [])] };
      expect(() => validatePlan(plan), kind).not.toThrow();
    }
  });

  test("SPIF runs over the dates given", () => {
    const range = { from: "2027-02-01", to: "2028-01-31" };
    const spif = newComponent("spif", [], range);
    expect(spif).toMatchObject({ type: "spif", ...range });
  });

  test("picks an unused id", () => {
    const first = newComponent("bonus", []);
    const second = newComponent("bonus", [first]);
    expect(first.id).toBe("bonus-1");
    expect(second.id).toBe("bonus-2");
  });
});

describe("fiscalYearDates", () => {
  test("spans a February-start year", () => {
    const year = fiscalYear({ startMonth: 2, firstFiscalYear: 2027 }, 2027);
    expect(fiscalYearDates(year, 2030)).toEqual({
      from: "2026-02-01",
      to: "2027-01-31",
    });
  });

  test("falls back to a calendar year", () => {
    expect(fiscalYearDates(null, 2030)).toEqual({
      from: "2030-01-01",
      to: "2030-12-31",
    });
  });
});

describe("duplicateCompPlan", () => {
  test("copies components and pays no role", () => {
    const record = newCompPlan("p1", "AE plan", ["ae"]);
    const copy = duplicateCompPlan(record, "p2");
    expect(copy.name).toBe("Copy of AE plan");
    expect(copy.roleIds).toEqual([]);
    expect(copy.plan).toEqual(record.plan);
    expect(copy.plan).not.toBe(record.plan);
  });

  test("cuts the name to 80 characters", () => {
    const record = newCompPlan("p1", "x".repeat(80), []);
    expect(duplicateCompPlan(record, "p2").name).toHaveLength(80);
  });
});

describe("band edits", () => {
  test("setBandEnd moves the next start", () => {
    const next = setBandEnd(tiered(), 0, "1.2");
    expect(next.bands[0].to).toBe("1.2");
    expect(next.bands[1].from).toBe("1.2");
    expect(() => validatePlan({ components: [next] })).not.toThrow();
  });

  test("addBand closes the open band", () => {
    const next = addBand(tiered());
    expect(next.bands).toHaveLength(4);
    expect(next.bands[2]).toEqual({ from: "1.5", to: "1.75", rate: "0.1" });
    expect(next.bands[3]).toEqual({ from: "1.75", rate: "0.1" });
    expect(() => validatePlan({ components: [next] })).not.toThrow();
  });

  test("addBand on a single band ends it at 100%", () => {
    const single = { ...tiered(), bands: [{ from: "0", rate: "0.05" }] };
    expect(addBand(single).bands[0].to).toBe("1");
  });

  test("removeBand of the last reopens the one before", () => {
    const next = removeBand(tiered(), 2);
    expect(next.bands).toHaveLength(2);
    expect(next.bands[1].to).toBeUndefined();
    expect(() => validatePlan({ components: [next] })).not.toThrow();
  });

  test("removeBand of the first starts the next at 0", () => {
    const next = removeBand(tiered(), 0);
    expect(next.bands[0].from).toBe("0");
    expect(() => validatePlan({ components: [next] })).not.toThrow();
  });

  test("removeBand in the middle joins the ranges", () => {
    const next = removeBand(tiered(), 1);
    expect(next.bands[0]).toEqual({ from: "0", to: "1.5", rate: "0.05" });
  });
});

describe("percent fields", () => {
  test("percentToFraction divides exactly", () => {
    expect(percentToFraction("120")).toBe("1.2");
    expect(percentToFraction("7.5%")).toBe("0.075");
    expect(percentToFraction("0.01")).toBe("0.0001");
  });

  test("percentToFraction keeps invalid text", () => {
    expect(percentToFraction("abc")).toBe("abc");
  });

  test("fractionToPercent multiplies exactly", () => {
    expect(fractionToPercent("0.075")).toBe("7.5");
    expect(fractionToPercent(undefined)).toBe("");
  });
});

test("withOptional removes a blank field", () => {
  const component = { ...tiered(), cap: "100" };
  expect("cap" in withOptional(component, "cap", " ")).toBe(false);
  expect(withOptional(component, "cap", "250").cap).toBe("250");
});

test("countRepsPaid follows the first plan by name", () => {
  const inputs: IncentiveInputs = {
    compPlans: [
      newCompPlan("b", "B plan", ["ae"]),
      newCompPlan("a", "A plan", ["ae", "se"]),
    ],
    creditingRules: [],
    rates: [],
    managers: {},
  };
  const reps = [
    { id: "r1", roleId: "ae" },
    { id: "r2", roleId: "se" },
    { id: "r3", roleId: "ae" },
  ];
  expect(countRepsPaid(inputs.compPlans[1], inputs, reps)).toBe(3);
  expect(countRepsPaid(inputs.compPlans[0], inputs, reps)).toBe(0);
});
