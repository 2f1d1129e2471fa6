import { describe, expect, test } from "vitest";
import {
  DEFAULT_WORKLOAD_WEIGHTS,
  weightTenths,
  workloadByUnit,
  workloadToString,
} from "../../model/workload.ts";

const indexOf = new Map([
  ["01001", 0],
  ["01003", 1],
  ["01005", 2],
]);

describe("workloadByUnit", () => {
  test("weights accounts by segment in exact tenths", () => {
    const workload = workloadByUnit(indexOf, [
      { unitId: "01001", segment: "county" },
      { unitId: "01001", segment: "city" },
      { unitId: "01001", segment: "city" },
      { unitId: "01003", segment: "county" },
    ]);
    // 1.0 + 1.5 + 1.5 = 4.0 points, 1.0 point, and none.
    expect([...workload]).toEqual([40, 10, 0]);
  });

  test("default weights are county 1.0 and city 1.5", () => {
    expect(DEFAULT_WORKLOAD_WEIGHTS.segments).toEqual({
      county: "1.0",
      city: "1.5",
    });
  });

  test("a segment without a weight weighs the other weight", () => {
    const workload = workloadByUnit(
      indexOf,
      [
        { unitId: "01005", segment: "school district" },
        { unitId: "01005", segment: "city" },
      ],
      { segments: { city: "2" }, other: "0.5" },
    );
    expect(workload[2]).toBe(25);
  });

  test("an account in an unknown unit is an error", () => {
    expect(() =>
      workloadByUnit(indexOf, [{ unitId: "99999", segment: "city" }]),
    ).toThrow(/unknown unit "99999"/);
  });

  test("sums of many tenths stay exact", () => {
    const accounts = Array.from({ length: 100_000 }, () => ({
      unitId: "01001",
      segment: "city",
    }));
    const workload = workloadByUnit(indexOf, accounts);
    expect(workloadToString(workload[0])).toBe("150000.0");
  });
});

describe("weightTenths", () => {
  test("parses whole numbers and one decimal", () => {
    expect(weightTenths("1", "a")).toBe(10);
    expect(weightTenths("1.5", "a")).toBe(15);
    expect(weightTenths("0.0", "a")).toBe(0);
  });

  test.each(["1.25", "-1", "", "1,5", "abc"])("rejects %j", (weight) => {
    expect(() => weightTenths(weight, "city")).toThrow(
      /segment "city" is invalid/,
    );
  });
});

describe("workloadToString", () => {
  test("formats tenths with one decimal", () => {
    expect(workloadToString(0)).toBe("0.0");
    expect(workloadToString(15)).toBe("1.5");
    expect(workloadToString(12345)).toBe("1234.5");
  });
});
