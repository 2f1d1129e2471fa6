import { describe, expect, test } from "vitest";
import { diffPlans, type DiffPlanInput } from "../../../model/versions/diff.ts";
import { ACCOUNTS, basePlan } from "./fixture.ts";

const options = { accounts: ACCOUNTS, asOf: "2027-06-01" };

function withAssignment(
  plan: DiffPlanInput,
  unitId: string,
  territoryId: string | null,
): DiffPlanInput {
  const assignments = new Map(plan.assignments);
  if (territoryId === null) assignments.delete(unitId);
  else assignments.set(unitId, territoryId);
  return { ...plan, assignments };
}

describe("diffPlans", () => {
  test("equal plans have no differences", () => {
    const diff = diffPlans(basePlan(), basePlan(), options);

    expect(diff.counties).toEqual([]);
    expect(diff.accounts).toEqual([]);
    expect(diff.territories).toEqual([]);
    expect(diff.territoryQuotas).toEqual([]);
    expect(diff.repQuotas).toEqual([]);
    expect(diff.repCapacity).toEqual([]);
    expect(diff.missing).toEqual([]);
  });

  test("lists a repainted county with both territories", () => {
    const b = withAssignment(basePlan(), "36061", "bos");

    const diff = diffPlans(basePlan(), b, {
      ...options,
      unitNames: new Map([["36061", "New York County"]]),
    });

    expect(diff.counties).toEqual([
      {
        unitId: "36061",
        name: "New York County",
        from: { id: "nyc", name: "New York", color: "#444444" },
        to: { id: "bos", name: "Boston", color: "#333333" },
      },
    ]);
    expect(diff.counts.counties).toBe(1);
  });

  test("moves the accounts of a repainted county", () => {
    const b = withAssignment(basePlan(), "36061", "bos");

    const diff = diffPlans(basePlan(), b, options);

    expect(diff.accounts).toEqual([
      {
        accountId: "a2",
        name: "Beta",
        unitId: "36061",
        from: { id: "nyc", name: "New York", color: "#444444" },
        to: { id: "bos", name: "Boston", color: "#333333" },
      },
    ]);
    expect(diff.counts.accounts).toBe(1);
  });

  test("follows the quota cascade per territory and rep", () => {
    // Boston gains 200,000.00 of New York's 400,000.00 potential.
    const b = withAssignment(basePlan(), "36061", "bos");

    const diff = diffPlans(basePlan(), b, options);

    expect(diff.territoryQuotas).toEqual([
      {
        id: "bos",
        name: "Boston",
        a: "400000.00",
        b: "600000.00",
        difference: "200000.00",
      },
      {
        id: "nyc",
        name: "New York",
        a: "400000.00",
        b: "200000.00",
        difference: "-200000.00",
      },
    ]);
    expect(diff.repQuotas).toEqual([
      {
        id: "ana",
        name: "Ana",
        a: "200000.00",
        b: "300000.00",
        difference: "100000.00",
      },
      {
        id: "ben",
        name: "Ben",
        a: "200000.00",
        b: "300000.00",
        difference: "100000.00",
      },
      {
        id: "h1#1",
        name: "Open seat 1: AE, Apr 2027",
        a: "400000.00",
        b: "200000.00",
        difference: "-200000.00",
      },
    ]);
    expect(diff.counts.territoryQuotas).toBe(2);
    expect(diff.counts.repQuotas).toBe(3);
  });

  test("lists annual capacity per rep", () => {
    // Ana starts in the plan's first month, so she ramps at 50% there.
    const b = basePlan();
    b.planning.reps[0] = { ...b.planning.reps[0]!, startDate: "2027-01-15" };

    const diff = diffPlans(basePlan(), b, options);

    expect(diff.repCapacity).toEqual([
      {
        id: "ana",
        name: "Ana",
        a: "1200000.00",
        b: "1150000.00",
        difference: "-50000.00",
      },
    ]);
    expect(diff.repQuotas).toEqual([]);
  });

  test("lists a rep of one plan only", () => {
    const b = basePlan();
    b.planning.reps.push({
      id: "dee",
      name: "Dee",
      roleId: "ae",
      startDate: "2020-01-01",
      territoryId: null,
    });

    const diff = diffPlans(basePlan(), b, options);

    expect(diff.repCapacity).toEqual([
      { id: "dee", name: "Dee", a: null, b: "1200000.00", difference: null },
    ]);
  });

  test("lists added, removed and renamed territories", () => {
    const a = basePlan();
    const b = basePlan();
    b.territories = [
      ...b.territories.filter((t) => t.id !== "west" && t.id !== "sea"),
      {
        id: "pdx",
        name: "Portland",
        color: "#666666",
        kind: "territory" as const,
        parentId: "east",
      },
    ].map((t) => (t.id === "bos" ? { ...t, name: "Boston North" } : t));

    const diff = diffPlans(a, b, options);

    expect(diff.territories).toEqual([
      { kind: "renamed", id: "bos", from: "Boston", to: "Boston North" },
      { kind: "added", id: "pdx", from: null, to: "Portland" },
      { kind: "removed", id: "sea", from: "Seattle", to: null },
      { kind: "removed", id: "west", from: "West", to: null },
    ]);
    expect(diff.counts.territoriesAdded).toBe(1);
    expect(diff.counts.territoriesRemoved).toBe(2);
    expect(diff.counts.territoriesRenamed).toBe(1);
  });

  test("counts a county of a deleted territory as unassigned", () => {
    // Seattle was deleted while another replica painted its county.
    const b = basePlan();
    b.territories = b.territories.filter((t) => t.id !== "sea");

    const diff = diffPlans(basePlan(), b, options);

    expect(diff.counties).toEqual([
      {
        unitId: "53033",
        name: "",
        from: { id: "sea", name: "Seattle", color: "#555555" },
        to: null,
      },
    ]);
    expect(diff.accounts.map((m) => [m.accountId, m.to])).toEqual([
      ["a3", null],
    ]);
  });

  test("moves an account by an override in effect", () => {
    const b = basePlan();
    b.overrides = [
      {
        accountId: "a1",
        territoryId: "sea",
        effectiveFrom: "2027-01-01",
        effectiveTo: "2027-12-31",
      },
    ];

    const during = diffPlans(basePlan(), b, options);
    const before = diffPlans(basePlan(), b, { ...options, asOf: "2026-12-31" });

    expect(during.accounts).toEqual([
      {
        accountId: "a1",
        name: "Alpha",
        unitId: "25025",
        from: { id: "bos", name: "Boston", color: "#333333" },
        to: { id: "sea", name: "Seattle", color: "#555555" },
      },
    ]);
    expect(during.counties).toEqual([]);
    expect(before.accounts).toEqual([]);
  });

  test("ignores an override into a region", () => {
    const b = basePlan();
    b.overrides = [
      {
        accountId: "a1",
        territoryId: "west",
        effectiveFrom: null,
        effectiveTo: null,
      },
    ];

    expect(diffPlans(basePlan(), b, options).accounts).toEqual([]);
  });

  test("gives the reason a plan has no figures", () => {
    const b = basePlan();
    b.planning.roles = [];

    const diff = diffPlans(basePlan(), b, options);

    expect(diff.missing).toEqual([
      {
        section: "capacity",
        side: "b",
        message: expect.stringContaining('"ae"'),
      },
    ]);
    expect(diff.repCapacity.map((row) => [row.id, row.b])).toEqual([
      ["ana", null],
      ["ben", null],
      ["gus", null],
    ]);
  });
});
