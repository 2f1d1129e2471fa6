import { describe, expect, test } from "vitest";
import type { QuotaFigure } from "../../../model/insights/types.ts";
import { emptyMetricTotals } from "../../../model/metrics.ts";
import type { TerritoryTotals } from "../../../web/dashboard/chart-balance.ts";
import {
  choroplethData,
  choroplethLabel,
  choroplethEmptyMessage,
  countyFills,
} from "../../../web/dashboard/chart-choropleth.ts";

const TERRITORIES: TerritoryTotals[] = [
  {
    id: "a",
    name: "Alpha",
    totals: { ...emptyMetricTotals(), potentialCents: 30_000, population: 9 },
  },
  {
    id: "b",
    name: "Beta",
    totals: { ...emptyMetricTotals(), potentialCents: 10_000, population: 3 },
  },
  { id: "c", name: "Gamma", totals: emptyMetricTotals() },
];

const QUOTAS: QuotaFigure[] = [
  {
    nodeId: "co",
    name: "Co",
    level: "company",
    parentId: null,
    annual: "900.00",
  },
  {
    nodeId: "a",
    name: "Alpha",
    level: "territory",
    parentId: "co",
    annual: "450.00",
  },
  {
    nodeId: "b",
    name: "Beta",
    level: "territory",
    parentId: "co",
    annual: "50.00",
  },
];

const format = (_metric: string, value: number) => String(value);

function valueOf(data: ReturnType<typeof choroplethData>, id: string) {
  return data.values.find((value) => value.id === id);
}

describe("choroplethData", () => {
  test("metric values per territory", () => {
    const data = choroplethData(
      TERRITORIES,
      QUOTAS,
      "population",
      "potential",
      format,
    );
    expect(data.values.map((v) => v.value)).toEqual([9, 3, 0]);
    expect(data.diverging).toBe(false);
  });

  test("deviation diverges around the mean", () => {
    const data = choroplethData(
      TERRITORIES,
      QUOTAS,
      "deviation",
      "potential",
      format,
    );
    expect(data.diverging).toBe(true);
    // Mean 200.00: Alpha +125%, Beta -25%, Gamma -100%.
    expect(valueOf(data, "a")?.text).toBe("125.0%");
    expect(valueOf(data, "b")?.value).toBe(-25);
    expect(valueOf(data, "c")?.value).toBe(-100);
  });

  test("quota in cents, missing without one", () => {
    const data = choroplethData(
      TERRITORIES,
      QUOTAS,
      "quota",
      "potential",
      format,
    );
    expect(valueOf(data, "a")?.value).toBe(45_000);
    expect(data.missing.map((m) => m.id)).toEqual(["c"]);
  });

  test("quota against potential in percent", () => {
    const data = choroplethData(
      TERRITORIES,
      QUOTAS,
      "quotaToPotential",
      "potential",
      format,
    );
    expect(valueOf(data, "a")?.text).toBe("150.0%");
    expect(valueOf(data, "b")?.text).toBe("50.0%");
    expect(data.missing.map((m) => m.id)).toEqual(["c"]);
  });

  test("deviation label names its metric", () => {
    expect(choroplethLabel("deviation", "accounts")).toBe(
      "Deviation from the mean of accounts (%)",
    );
  });
});

describe("countyFills", () => {
  test("unassigned, missing and valued counties", () => {
    const data = choroplethData(
      TERRITORIES,
      QUOTAS,
      "quota",
      "potential",
      format,
    );
    const fills = countyFills(
      ["1", "2", "3", "4"],
      new Map([
        ["1", "a"],
        ["2", "c"],
        ["4", "deleted"],
      ]),
      data,
    );
    expect(fills.get("1")).toEqual({
      kind: "value",
      value: 45_000,
      territoryId: "a",
    });
    expect(fills.get("2")).toEqual({ kind: "missing", territoryId: "c" });
    expect(fills.get("3")).toEqual({ kind: "unassigned" });
    expect(fills.get("4")).toEqual({ kind: "unassigned" });
  });
});

describe("choroplethEmptyMessage", () => {
  const quota = choroplethData(
    TERRITORIES,
    QUOTAS,
    "quota",
    "potential",
    format,
  );

  test("no county painted", () => {
    const fills = countyFills(["1", "2"], new Map(), quota);
    expect(choroplethEmptyMessage(fills, quota)).toContain(
      "Paint counties into territories on the Map",
    );
  });

  test("no painted territory has a value", () => {
    const fills = countyFills(["1", "2"], new Map([["1", "c"]]), quota);
    expect(choroplethEmptyMessage(fills, quota)).toContain(
      "No territory on the map has a value of quota",
    );
  });

  test("one valued county draws the map", () => {
    const fills = countyFills(["1", "2"], new Map([["1", "a"]]), quota);
    expect(choroplethEmptyMessage(fills, quota)).toBeNull();
  });
});
