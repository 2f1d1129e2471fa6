import { describe, expect, test } from "vitest";
import { diffPlans, type PlanDiff } from "../../../model/versions/diff.ts";
import {
  DIFF_CSV_HEADER,
  planDiffCsv,
} from "../../../model/versions/diff-csv.ts";
import { ACCOUNTS, basePlan } from "./fixture.ts";

const options = { accounts: ACCOUNTS, asOf: "2027-06-01" };

describe("planDiffCsv", () => {
  test("writes one row per difference", () => {
    const b = basePlan();
    b.assignments = new Map(b.assignments).set("36061", "bos");
    b.territories = b.territories.map((t) =>
      t.id === "sea" ? { ...t, name: "Seattle, North" } : t,
    );
    b.planning.reps[0] = { ...b.planning.reps[0]!, startDate: "2027-01-15" };

    const csv = planDiffCsv(diffPlans(basePlan(), b, options));

    expect(csv.split("\n")).toEqual([
      DIFF_CSV_HEADER,
      "county,36061,,New York,Boston,",
      "account,a2,Beta,New York,Boston,",
      'territory-renamed,sea,"Seattle, North",Seattle,"Seattle, North",',
      "territory-quota,bos,Boston,400000.00,600000.00,200000.00",
      "territory-quota,nyc,New York,400000.00,200000.00,-200000.00",
      "rep-quota,ana,Ana,200000.00,300000.00,100000.00",
      "rep-quota,ben,Ben,200000.00,300000.00,100000.00",
      'rep-quota,h1#1,"Open seat 1: AE, Apr 2027",400000.00,200000.00,-200000.00',
      "rep-capacity,ana,Ana,1200000.00,1150000.00,-50000.00",
      "",
    ]);
  });

  test("escapes formula names, keeps differences", () => {
    const b = basePlan();
    b.territories = b.territories.map((t) =>
      t.id === "sea" ? { ...t, name: '=HYPERLINK("http://x")' } : t,
    );

    const csv = planDiffCsv(diffPlans(basePlan(), b, options));

    expect(csv.split("\n")[1]).toBe(
      `territory-renamed,sea,"'=HYPERLINK(""http://x"")",Seattle,"'=HYPERLINK(""http://x"")",`,
    );
  });

  test("writes only the header without differences", () => {
    const csv = planDiffCsv(diffPlans(basePlan(), basePlan(), options));

    expect(csv).toBe(`${DIFF_CSV_HEADER}\n`);
  });

  test("writes empty cells for a missing side", () => {
    const diff: PlanDiff = {
      ...diffPlans(basePlan(), basePlan(), options),
      territories: [{ kind: "added", id: "pdx", from: null, to: "Portland" }],
      repCapacity: [
        { id: "dee", name: "Dee", a: null, b: "1.00", difference: null },
      ],
      missing: [{ section: "quota", side: "a", message: "No targets." }],
    };

    expect(planDiffCsv(diff).split("\n").slice(1, 4)).toEqual([
      "territory-added,pdx,Portland,,Portland,",
      "rep-capacity,dee,Dee,,1.00,",
      "missing-figures,quota,,No targets.,,",
    ]);
  });
});
