import { describe, expect, test } from "vitest";
import {
  compPlanFor,
  teamOf,
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
