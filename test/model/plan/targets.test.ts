import { describe, expect, test } from "vitest";
import { TargetError } from "../../../model/plan/errors.ts";
import { fiscalYear } from "../../../model/plan/periods.ts";
import {
  buildTargets,
  monthTarget,
  quarterTarget,
  yearTarget,
} from "../../../model/plan/targets.ts";
import { describeTrace } from "../../../model/trace.ts";

const year = fiscalYear({ startMonth: 1, firstFiscalYear: 2027 }, 2027);

describe("targets", () => {
  test("quarter target spreads with leftover cents first", () => {
    const table = buildTargets(year, [
      { segment: "SMB", period: "FY2027-Q1", amount: "100.00" },
    ]);
    expect(table.monthCents.get("SMB")!.slice(0, 3)).toEqual([
      3334, 3333, 3333,
    ]);
    expect(quarterTarget(table, "FY2027-Q1", "SMB").amount).toBe("100.00");
  });

  test("company target sums segments", () => {
    const table = buildTargets(year, [
      { segment: "SMB", period: "FY2027-M02", amount: "1000.50" },
      { segment: "Enterprise", period: "FY2027-M02", amount: "2000.25" },
      { segment: "Enterprise", period: "FY2027-Q4", amount: "300.00" },
    ]);
    expect(monthTarget(table, "FY2027-M02").amount).toBe("3000.75");
    expect(monthTarget(table, "FY2027-M02", "SMB").amount).toBe("1000.50");
    expect(yearTarget(table).amount).toBe("3300.75");
    expect(yearTarget(table, "Enterprise").amount).toBe("2300.25");
    expect(monthTarget(table, "FY2027-M01").amount).toBe("0.00");
  });

  test("month trace names the quarter it came from", () => {
    const table = buildTargets(year, [
      { segment: "SMB", period: "FY2027-Q2", amount: "90.00" },
    ]);
    const trace = monthTarget(table, "FY2027-M05", "SMB").trace;
    expect(describeTrace(trace)).toBe(
      "Target FY2027-M05 SMB = 30.00: quarter target / 3, leftover cents to the earliest months (FY2027-Q2 90.00)",
    );
  });

  test("negative target names period and segment", () => {
    expect(() =>
      buildTargets(year, [
        { segment: "SMB", period: "FY2027-M03", amount: "-5.00" },
      ]),
    ).toThrow(
      'Target for segment "SMB" in FY2027-M03 is negative: -5.00. Enter zero or a positive amount.',
    );
  });

  test.each(["abc", "1,000", "", "10.005", "$5"])(
    "non-numeric target %j is rejected",
    (amount) => {
      expect(() =>
        buildTargets(year, [{ segment: "SMB", period: "FY2027-M03", amount }]),
      ).toThrow(/Target for segment "SMB" in FY2027-M03 is not a number/);
    },
  );

  test("number instead of string is rejected", () => {
    const amount = 5 as unknown as string;
    expect(() =>
      buildTargets(year, [{ segment: "SMB", period: "FY2027-M03", amount }]),
    ).toThrow(TargetError);
  });

  test("month and its quarter together are rejected", () => {
    expect(() =>
      buildTargets(year, [
        { segment: "SMB", period: "FY2027-M02", amount: "1.00" },
        { segment: "SMB", period: "FY2027-Q1", amount: "3.00" },
      ]),
    ).toThrow(/FY2027-M02 is given twice, by FY2027-M02 and FY2027-Q1/);
  });

  test("period of another year is rejected", () => {
    expect(() =>
      buildTargets(year, [
        { segment: "SMB", period: "FY2028-M01", amount: "1.00" },
      ]),
    ).toThrow(
      'Target for segment "SMB" is for FY2028-M01, outside the plan\'s fiscal year FY2027. Remove the targets of FY2028 or enter them again for FY2027.',
    );
  });

  test("period that is no id is rejected", () => {
    expect(() =>
      buildTargets(year, [{ segment: "SMB", period: "May", amount: "1.00" }]),
    ).toThrow(/"May", which is not a month or quarter of FY2027/);
  });

  test("empty segment is rejected", () => {
    expect(() =>
      buildTargets(year, [{ segment: " ", period: "FY2027-M01", amount: "1" }]),
    ).toThrow(/has no segment/);
  });

  test("unknown segment on read is rejected", () => {
    const table = buildTargets(year, []);
    expect(() => yearTarget(table, "SMB")).toThrow(/"SMB" has no targets/);
    expect(yearTarget(table).amount).toBe("0.00");
  });
});
