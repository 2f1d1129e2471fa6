import { describe, expect, test } from "vitest";
import { apportion, countyPopulations } from "../../scripts/data/population.ts";
import { zip } from "./fixtures.ts";

describe("apportion", () => {
  test("parts add up to the total", () => {
    const parts = apportion(100, [
      { key: "a", weight: 3333 },
      { key: "b", weight: 3333 },
      { key: "c", weight: 3334 },
    ]);

    expect([...parts.values()].reduce((sum, part) => sum + part, 0)).toBe(100);
    expect(parts.get("c")).toBe(34);
  });

  test("ties go to the smaller key", () => {
    const parts = apportion(1, [
      { key: "b", weight: 5000 },
      { key: "a", weight: 5000 },
    ]);

    expect(parts.get("a")).toBe(1);
    expect(parts.get("b")).toBe(0);
  });

  test("weights need not sum to 100 percent", () => {
    // SimpleMaps weights of one ZIP code add up to 99.99 to 100.01.
    const parts = apportion(10_000, [
      { key: "a", weight: 5000 },
      { key: "b", weight: 5001 },
    ]);

    expect(parts.get("a")).toBe(5000);
    expect(parts.get("b")).toBe(5000);
  });

  test("rejects a negative total", () => {
    expect(() => apportion(-1, [{ key: "a", weight: 1 }])).toThrow(
      /Cannot apportion -1/,
    );
  });
});

describe("countyPopulations", () => {
  test("sums ZIP codes per county", () => {
    const result = countyPopulations([
      zip("00001", 1_000, { "01001": 98.74, "01003": 1.26 }),
      zip("00002", 7, { "01003": 100 }),
    ]);

    expect(result.byCounty.get("01001")).toBe(987);
    expect(result.byCounty.get("01003")).toBe(13 + 7);
    expect(result.total).toBe(1_007);
  });

  test("null population counts as 0", () => {
    const result = countyPopulations([
      zip("96799", null, { "60010": 50, "60050": 50 }),
    ]);

    expect(result.byCounty.get("60010")).toBe(0);
    expect(result.byCounty.has("60050")).toBe(true);
    expect(result.zipsWithoutPopulation).toEqual(["96799"]);
  });

  test("rejects a weight above 100 percent", () => {
    expect(() =>
      countyPopulations([zip("00001", 10, { "01001": 120 })]),
    ).toThrow(/ZIP code 00001 has an invalid weight 120 for county 01001/);
  });

  test("rejects a malformed county id", () => {
    expect(() =>
      countyPopulations([zip("00001", 10, { "1001": 100 })]),
    ).toThrow(/ZIP code 00001 names county "1001"/);
  });

  test("rejects a ZIP code without weights", () => {
    expect(() => countyPopulations([zip("00001", 10, {})])).toThrow(
      /ZIP code 00001 has no county weight above 0/,
    );
  });
});
