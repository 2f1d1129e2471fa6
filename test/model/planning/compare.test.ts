import { describe, expect, it } from "vitest";
import {
  comparePlanning,
  compareValues,
  type PlanComparison,
} from "../../../model/planning/compare.ts";
import { derivePlanning } from "../../../model/planning/derive.ts";
import type { PlanningInputs } from "../../../model/planning/inputs.ts";
import { FIXTURE_CONTEXT, planningFixture } from "./fixture.ts";

function compare(
  a: PlanningInputs,
  b: PlanningInputs,
  contextB = FIXTURE_CONTEXT,
): PlanComparison {
  return comparePlanning(
    { name: "Base", model: derivePlanning(a, FIXTURE_CONTEXT) },
    { name: "Scenario", model: derivePlanning(b, contextB) },
  );
}

function targetRow(
  comparison: PlanComparison,
  segment: string | null,
  period: string,
) {
  const row = comparison.targets.rows.find(
    (r) => r.segment === segment && r.period === period,
  );
  if (!row) throw new Error(`No target row ${segment} ${period}`);
  return row;
}

function quotaRow(comparison: PlanComparison, nodeId: string) {
  const row = comparison.quotas.rows.find((r) => r.nodeId === nodeId);
  if (!row) throw new Error(`No quota row ${nodeId}`);
  return row;
}

describe("compareValues", () => {
  it("subtracts A from B exactly", () => {
    expect(compareValues("100.00", "150.50")).toEqual({
      a: "100.00",
      b: "150.50",
      difference: "50.50",
      changed: true,
    });
  });

  it("gives a negative difference when B is lower", () => {
    expect(compareValues("3.0000", "2.5000").difference).toBe("-0.5000");
  });

  it("keeps the digits of the more precise side", () => {
    expect(compareValues("0.1", "0.35").difference).toBe("0.25");
  });

  it("treats equal values in other notation as unchanged", () => {
    expect(compareValues("100.00", "100")).toEqual({
      a: "100.00",
      b: "100",
      difference: "0.00",
      changed: false,
    });
  });

  it("has no difference when one side is missing", () => {
    expect(compareValues(null, "5.00")).toEqual({
      a: null,
      b: "5.00",
      difference: null,
      changed: true,
    });
    expect(compareValues(null, null).changed).toBe(false);
  });
});

describe("comparePlanning", () => {
  it("finds nothing changed between equal plans", () => {
    const comparison = compare(planningFixture(), planningFixture());

    expect(comparison.a).toEqual({ name: "Base", yearId: "FY2027" });
    expect(comparison.b).toEqual({ name: "Scenario", yearId: "FY2027" });
    expect(comparison.targets.rows).toHaveLength(10);
    expect(comparison.capacity.rows).toHaveLength(12);
    expect(comparison.quotas.rows.length).toBeGreaterThan(0);
    expect(comparison.targets.rows.filter((r) => r.changed)).toEqual([]);
    expect(comparison.capacity.rows.filter((r) => r.changed)).toEqual([]);
    expect(comparison.quotas.rows.filter((r) => r.changed)).toEqual([]);
    expect(comparison.targets.missing).toEqual([]);
  });

  it("shows a changed quarter target in the quarter and the year", () => {
    const scenario = planningFixture();
    scenario.targets[0] = { ...scenario.targets[0], amount: "360000.00" };

    const comparison = compare(planningFixture(), scenario);

    expect(targetRow(comparison, null, "Q1").target).toEqual({
      a: "300000.00",
      b: "360000.00",
      difference: "60000.00",
      changed: true,
    });
    expect(targetRow(comparison, "Enterprise", "Q1").target.difference).toBe(
      "60000.00",
    );
    expect(targetRow(comparison, null, "year").target).toEqual({
      a: "1200000.00",
      b: "1260000.00",
      difference: "60000.00",
      changed: true,
    });
    expect(targetRow(comparison, null, "Q2").changed).toBe(false);
    expect(quotaRow(comparison, "company").annual.difference).toBe("60000.00");
  });

  it("shows a segment of one plan against zero", () => {
    const scenario = planningFixture();
    scenario.targets.push({
      segment: "SMB",
      period: "FY2027-Q2",
      amount: "50000.00",
    });

    const comparison = compare(planningFixture(), scenario);

    expect(targetRow(comparison, "SMB", "Q2").target).toEqual({
      a: "0.00",
      b: "50000.00",
      difference: "50000.00",
      changed: true,
    });
    expect(targetRow(comparison, "SMB", "Q1").changed).toBe(false);
    expect(targetRow(comparison, null, "Q2").target.difference).toBe(
      "50000.00",
    );
  });

  it("compares capacity, headcount, cost and gap by month", () => {
    const scenario = planningFixture();
    scenario.reps.push({
      id: "dan",
      name: "Dan",
      roleId: "ae",
      startDate: "2020-01-01",
      territoryId: "sea",
    });

    const comparison = compare(planningFixture(), scenario);
    const first = comparison.capacity.rows[0];

    expect(first.month).toBe(1);
    expect(first.labelA).toBe("Jan 2027");
    expect(first.headcount).toEqual({
      a: "3.0000",
      b: "4.0000",
      difference: "1.0000",
      changed: true,
    });
    expect(first.capacity).toEqual({
      a: "300000.00",
      b: "400000.00",
      difference: "100000.00",
      changed: true,
    });
    expect(first.cost).toEqual({
      a: "60000.00",
      b: "80000.00",
      difference: "20000.00",
      changed: true,
    });
    expect(first.gap).toEqual({
      a: "-200000.00",
      b: "-300000.00",
      difference: "-100000.00",
      changed: true,
    });
    expect(first.changed).toBe(true);
  });

  it("lists quota nodes of one plan only", () => {
    const scenario = planningFixture();
    scenario.reps = scenario.reps.filter((rep) => rep.id !== "gus");
    scenario.reps.push({
      id: "dan",
      name: "Dan",
      roleId: "ae",
      startDate: "2020-01-01",
      territoryId: "sea",
    });

    const comparison = compare(planningFixture(), scenario);

    expect(quotaRow(comparison, "gus")).toMatchObject({
      name: "Gus",
      level: "rep",
      presence: "a only",
      annual: { a: "480000.00", b: null, difference: null, changed: true },
    });
    expect(quotaRow(comparison, "dan")).toMatchObject({
      name: "Dan",
      presence: "b only",
      annual: { a: null, b: "480000.00", difference: null, changed: true },
    });
    expect(quotaRow(comparison, "sea")).toMatchObject({
      presence: "both",
      changed: false,
    });
    const ids = comparison.quotas.rows.map((r) => r.nodeId);
    expect(ids.indexOf("dan")).toBe(ids.length - 1);
  });

  it("matches quarters of different fiscal years by position", () => {
    const scenario = planningFixture();
    scenario.fiscalYear = 2028;
    scenario.targets = scenario.targets.map((t) => ({
      ...t,
      period: t.period.replace("FY2027", "FY2028"),
    }));
    scenario.hires = [];

    const comparison = compare(planningFixture(), scenario);

    expect(comparison.b.yearId).toBe("FY2028");
    expect(targetRow(comparison, null, "Q3").changed).toBe(false);
    expect(comparison.capacity.rows[0].labelB).toBe("Jan 2028");
  });

  it("gives the reason a side lacks figures", () => {
    const scenario = planningFixture();
    scenario.targets[0] = { ...scenario.targets[0], amount: "-5.00" };

    const comparison = compare(planningFixture(), scenario);

    expect(comparison.targets.missing).toEqual([
      { side: "b", message: expect.stringContaining("negative: -5.00") },
    ]);
    expect(targetRow(comparison, null, "Q1").target).toEqual({
      a: "300000.00",
      b: null,
      difference: null,
      changed: true,
    });
    expect(comparison.capacity.missing).toEqual([]);
  });
});
