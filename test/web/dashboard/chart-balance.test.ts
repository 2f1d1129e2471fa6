import { describe, expect, test } from "vitest";
import { emptyMetricTotals } from "../../../model/metrics.ts";
import {
  balanceData,
  type TerritoryTotals,
} from "../../../web/dashboard/chart-balance.ts";
import { compactMetric } from "../../../web/dashboard/chart-metric.ts";

function territory(
  id: string,
  potentialCents: number,
  accounts = 0,
): TerritoryTotals {
  return {
    id,
    name: id.toUpperCase(),
    totals: { ...emptyMetricTotals(), potentialCents, accounts },
  };
}

describe("balanceData", () => {
  test("sorts by value, largest first", () => {
    const data = balanceData(
      [territory("a", 100), territory("b", 300), territory("c", 200)],
      "potential",
    );
    expect(data.bars.map((bar) => bar.id)).toEqual(["b", "c", "a"]);
  });

  test("deviations from the exact mean", () => {
    const data = balanceData(
      [territory("a", 100), territory("b", 300), territory("c", 200)],
      "potential",
    );
    expect(data.mean).toBe(200);
    expect(data.meanValue).toBe(200);
    const b = data.bars.find((bar) => bar.id === "b")!;
    expect(b.deviation).toBe(100);
    expect(b.deviationPercent).toBe("50.0");
    const a = data.bars.find((bar) => bar.id === "a")!;
    expect(a.deviationPercent).toBe("-50.0");
  });

  test("fractional mean keeps exact percents", () => {
    const data = balanceData(
      [territory("a", 1), territory("b", 0), territory("c", 0)],
      "potential",
    );
    expect(data.meanValue).toBeCloseTo(1 / 3);
    expect(data.mean).toBe(0);
    expect(data.bars[0].deviationPercent).toBe("200.0");
  });

  test("metric picks the figure", () => {
    const data = balanceData(
      [territory("a", 100, 7), territory("b", 300, 1)],
      "accounts",
    );
    expect(data.bars.map((bar) => bar.value)).toEqual([7, 1]);
    expect(data.metric).toBe("accounts");
  });

  test("zero mean has no percent", () => {
    const data = balanceData(
      [territory("a", 0), territory("b", 0)],
      "potential",
    );
    expect(data.bars[0].deviationPercent).toBeNull();
  });

  test("no territories", () => {
    const data = balanceData([], "potential");
    expect(data.mean).toBeNull();
    expect(data.bars).toEqual([]);
  });
});

describe("compactMetric", () => {
  test("units per metric", () => {
    expect(compactMetric("potential", 123_456_789, "USD")).toBe("$1.23M");
    expect(compactMetric("population", 45_600, "USD")).toBe("45.6k");
    expect(compactMetric("population", 2_500_000_000, "USD")).toBe("2.5B");
    expect(compactMetric("workload", 125, "USD")).toBe("12.5");
    expect(compactMetric("accounts", 0.5, "USD")).toBe("0.5");
    expect(compactMetric("accounts", -20, "USD")).toBe("-20");
  });
});
