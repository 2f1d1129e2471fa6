import { describe, expect, test } from "vitest";
import {
  compPlanFor,
  teamOf,
  teamQuota,
} from "../../../model/incentives/plan-assignment.ts";
import type {
  CompPlanRecord,
  IncentiveInputs,
} from "../../../model/incentives/plan-inputs.ts";

const record = (
  id: string,
  name: string,
  roleIds: string[],
): CompPlanRecord => ({
  id,
  name,
  roleIds,
  plan: {
    components: [
      { id: "c", label: "Commission", type: "commission", rate: "0.05" },
    ],
  },
});

const inputs = (compPlans: CompPlanRecord[]): IncentiveInputs => ({
  compPlans,
  creditingRules: [],
  rates: [],
  managers: {},
});

describe("compPlanFor", () => {
  test("returns the first plan by name that covers the role", () => {
    const plans = [
      record("p2", "Zeta plan", ["ae"]),
      record("p1", "Alpha plan", ["se", "ae"]),
    ];
    expect(compPlanFor(inputs(plans), { id: "ana", roleId: "ae" })?.id).toBe(
      "p1",
    );
  });

  test("breaks a name tie by id", () => {
    const plans = [record("p2", "Same", ["ae"]), record("p1", "Same", ["ae"])];
    expect(compPlanFor(inputs(plans), { id: "ana", roleId: "ae" })?.id).toBe(
      "p1",
    );
  });

  test("returns null when no plan covers the role", () => {
    const plans = [record("p1", "AE plan", ["ae"])];
    expect(compPlanFor(inputs(plans), { id: "sam", roleId: "sdr" })).toBeNull();
  });
});

describe("teamOf", () => {
  const managers = { ana: "eve", ben: "eve", eve: "vp", cy: "zed", vp: "ceo" };

  test("lists direct and indirect reports, sorted", () => {
    expect(teamOf(managers, "vp")).toEqual(["ana", "ben", "eve"]);
    expect(teamOf(managers, "ceo")).toEqual(["ana", "ben", "eve", "vp"]);
  });

  test("returns no one for a rep without reports", () => {
    expect(teamOf(managers, "ana")).toEqual([]);
  });

  test("stops on a loop that a merge created", () => {
    const looped = { a: "b", b: "c", c: "a", d: "a" };
    expect(teamOf(looped, "a")).toEqual(["b", "c", "d"]);
  });

  test("ignores keys inherited from Object.prototype", () => {
    expect(teamOf({ ana: "toString" }, "constructor")).toEqual([]);
  });
});

describe("teamQuota", () => {
  const managers = { ana: "eve", ben: "eve", eve: "vp", cy: "vp", dee: "eve" };
  const quotas = new Map([
    ["ana", { m1: "100.10", m2: "0.05" }],
    ["ben", { m1: "200.25", m2: "0.10" }],
    ["cy", { m1: "50.00", m2: "1.00" }],
  ]);

  test("sums the team's quotas per period in exact cents", () => {
    const team = teamQuota(managers, "eve", quotas, ["m1", "m2"]);
    expect(team?.months).toEqual({ m1: "300.35", m2: "0.15" });
  });

  test("counts each quota once up a chain of managers", () => {
    // vp's team is eve, ana, ben, cy and dee; eve and dee have no quota.
    const team = teamQuota(managers, "vp", quotas, ["m1", "m2"]);
    expect(team?.months).toEqual({ m1: "350.35", m2: "1.15" });
  });

  test("gives a member without a quota in a period zero", () => {
    const partial = new Map<string, Record<string, string>>([
      ["ana", { m1: "10.00" }],
      ["ben", { m1: "5.00", m2: "7.50" }],
    ]);
    const team = teamQuota(managers, "eve", partial, ["m1", "m2"]);
    expect(team?.months).toEqual({ m1: "15.00", m2: "7.50" });
  });

  test("returns null when no team member has a quota", () => {
    expect(teamQuota(managers, "ana", quotas, ["m1"])).toBeNull();
    expect(teamQuota({ dee: "eve" }, "eve", quotas, ["m1"])).toBeNull();
  });

  test("traces name each team member's quota", () => {
    const trace = teamQuota(managers, "eve", quotas, ["m1"])?.traces.m1;
    expect(trace?.figure).toBe("Quota eve m1");
    expect(trace?.value).toBe("300.35");
    expect(trace?.inputs).toContainEqual({ name: "team", value: "ana, ben" });
    expect(trace?.parts.map((part) => [part.figure, part.value])).toEqual([
      ["Quota ana m1", "100.10"],
      ["Quota ben m1", "200.25"],
    ]);
  });
});
