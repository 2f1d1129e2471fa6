import { describe, expect, test } from "vitest";
import { CoverageIndex } from "../../model/coverage.ts";
import {
  Balance,
  metricToString,
  metricValue,
  parseTarget,
  sumByTerritory,
  type MetricIndex,
} from "../../model/metrics.ts";

const units = [
  { id: "01001", population: 1000 },
  { id: "01003", population: 2000 },
  { id: "01005", population: 500 },
];
const accounts = [
  { unitId: "01001", potentialCents: 10_000 },
  { unitId: "01003", potentialCents: 20_001 },
  { unitId: "01003", potentialCents: 1 },
];
const coverage = new CoverageIndex(units, accounts);
const index: MetricIndex = {
  coverage,
  workloadTenths: Float64Array.from([10, 25, 0]),
};

describe("sumByTerritory", () => {
  test("sums every metric per territory", () => {
    const result = sumByTerritory(
      index,
      ["east", "west"],
      new Map([
        ["01001", "east"],
        ["01003", "east"],
        ["01005", "gone"],
      ]),
    );
    expect(result.territories.get("east")).toEqual({
      units: 2,
      accounts: 3,
      population: 3000,
      potentialCents: 30_002,
      workloadTenths: 35,
    });
    expect(result.territories.get("west")).toEqual({
      units: 0,
      accounts: 0,
      population: 0,
      potentialCents: 0,
      workloadTenths: 0,
    });
    // A unit of a deleted territory counts as unassigned.
    expect(result.unassigned.units).toBe(1);
    expect(result.unassigned.population).toBe(500);
  });

  test("metricValue picks the base unit of each metric", () => {
    const totals = {
      units: 2,
      accounts: 3,
      population: 3000,
      potentialCents: 30_002,
      workloadTenths: 35,
    };
    expect(metricValue(totals, "population")).toBe(3000);
    expect(metricValue(totals, "accounts")).toBe(3);
    expect(metricValue(totals, "potential")).toBe(30_002);
    expect(metricValue(totals, "workload")).toBe(35);
  });
});

describe("Balance", () => {
  test("deviation from the mean by default", () => {
    // Total 300 over three territories: mean 100.
    const balance = new Balance([
      { id: "a", value: 150, target: null },
      { id: "b", value: 100, target: null },
      { id: "c", value: 50, target: null },
    ]);
    expect(balance.mean).toBe(100);
    expect(balance.deviationOf(["a"])).toBe("50.0");
    expect(balance.deviationOf(["b"])).toBe("0.0");
    expect(balance.deviationOf(["c"])).toBe("-50.0");
    expect(balance.maxDeviation()).toBe("50.0");
  });

  test("deviation from a target replaces the mean", () => {
    const balance = new Balance([
      { id: "a", value: 150, target: 120 },
      { id: "b", value: 100, target: null },
      { id: "c", value: 50, target: 0 },
    ]);
    // (150 - 120) / 120 = 25%.
    expect(balance.deviationOf(["a"])).toBe("25.0");
    expect(balance.hasTarget("a")).toBe(true);
    expect(balance.hasTarget("b")).toBe(false);
    expect(balance.deviationOf(["b"])).toBe("0.0");
    // A target of zero leaves nothing to compare with.
    expect(balance.deviationOf(["c"])).toBeNull();
    expect(balance.maxDeviation()).toBe("25.0");
  });

  test("a mean that is not whole stays exact", () => {
    // Total 100 over three: mean 33 1/3; 34 is +2% exactly.
    const balance = new Balance([
      { id: "a", value: 34, target: null },
      { id: "b", value: 33, target: null },
      { id: "c", value: 33, target: null },
    ]);
    expect(balance.deviationOf(["a"])).toBe("2.0");
    expect(balance.deviationOf(["b"])).toBe("-1.0");
    expect(balance.mean).toBe(33);
  });

  test("a group compares summed values with summed references", () => {
    // Mean 100; a has target 200. Group a+b: 350 against 300 is +16.7%.
    const balance = new Balance([
      { id: "a", value: 250, target: 200 },
      { id: "b", value: 100, target: null },
      { id: "c", value: -50, target: null },
    ]);
    expect(balance.deviationOf(["a", "b"])).toBe("16.7");
    expect(balance.deviationOf([])).toBeNull();
    expect(balance.deviationOf(["unknown"])).toBeNull();
  });

  test("rounds half to even at a tenth of a percent", () => {
    // 1.05% and 1.15% exactly: half-even gives 1.0 and 1.2.
    const low = new Balance([{ id: "a", value: 10105, target: 10000 }]);
    const high = new Balance([{ id: "a", value: 10115, target: 10000 }]);
    expect(low.deviationOf(["a"])).toBe("1.0");
    expect(high.deviationOf(["a"])).toBe("1.2");
  });

  test("no territories gives no mean and no deviation", () => {
    const balance = new Balance([]);
    expect(balance.mean).toBeNull();
    expect(balance.maxDeviation()).toBeNull();
  });

  test("a zero total gives no deviation from the mean", () => {
    const balance = new Balance([
      { id: "a", value: 0, target: null },
      { id: "b", value: 0, target: null },
    ]);
    expect(balance.deviationOf(["a"])).toBeNull();
  });
});

describe("parseTarget", () => {
  test("reads each metric in its base unit", () => {
    expect(parseTarget("population", "250,000")).toBe(250_000);
    expect(parseTarget("accounts", " 300 ")).toBe(300);
    expect(parseTarget("potential", "1250.5")).toBe(125_050);
    expect(parseTarget("workload", "850.5")).toBe(8505);
  });

  test.each([
    ["population", "2.5"],
    ["accounts", "-3"],
    ["potential", "-10"],
    ["potential", "$10"],
    ["workload", "1.25"],
    ["workload", "lots"],
  ] as const)("rejects %s target %j", (metric, text) => {
    expect(() => parseTarget(metric, text)).toThrow(/invalid/i);
  });

  test("metricToString writes what parseTarget reads", () => {
    expect(metricToString("potential", 125_050)).toBe("1250.50");
    expect(metricToString("workload", 8505)).toBe("850.5");
    expect(metricToString("population", 250_000)).toBe("250000");
    for (const metric of ["potential", "workload", "accounts"] as const) {
      expect(parseTarget(metric, metricToString(metric, 12_345))).toBe(12_345);
    }
  });
});
