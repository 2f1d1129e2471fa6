import { describe, expect, test } from "vitest";
import { CoverageIndex } from "../../model/coverage.ts";
import {
  addTotals,
  emptyMetricTotals,
  sumByTerritory,
} from "../../model/metrics.ts";
import {
  groupByRegion,
  regionMembers,
  rollUpRegions,
  territoriesInListOrder,
  type HierarchyNode,
} from "../../model/regions.ts";

const node = (
  id: string,
  name: string,
  kind: HierarchyNode["kind"],
  parentId: string | null = null,
): HierarchyNode => ({ id, name, kind, parentId });

const nodes = [
  node("w", "West", "region"),
  node("e", "East", "region"),
  node("empty", "Zulu", "region"),
  node("ca", "California", "territory", "w"),
  node("or", "Oregon", "territory", "w"),
  node("ny", "New York", "territory", "e"),
  node("tx", "Texas", "territory"),
  node("lost", "Atlantis", "territory", "deleted-region"),
  node("nested", "Nested", "territory", "ca"),
];

describe("groupByRegion", () => {
  test("regions by name, each with its territories, then the rest", () => {
    const groups = groupByRegion(nodes).map((group) => ({
      region: group.region?.id ?? null,
      territories: group.territories.map((t) => t.id),
    }));
    expect(groups).toEqual([
      { region: "e", territories: ["ny"] },
      { region: "w", territories: ["ca", "or"] },
      { region: "empty", territories: [] },
      // A parent that is missing or is a territory means no region.
      { region: null, territories: ["lost", "nested", "tx"] },
    ]);
  });

  test("without regions the list order is the name order", () => {
    const flat = [
      node("b", "Beta", "territory"),
      node("a", "Alpha", "territory"),
    ];
    expect(groupByRegion(flat)).toHaveLength(1);
    expect(territoriesInListOrder(flat).map((t) => t.id)).toEqual(["a", "b"]);
  });

  test("the list order follows the groups", () => {
    expect(territoriesInListOrder(nodes).map((t) => t.id)).toEqual([
      "ny",
      "ca",
      "or",
      "lost",
      "nested",
      "tx",
    ]);
  });
});

describe("rollUpRegions", () => {
  test("region totals are the exact sums of their territories", () => {
    // Potentials chosen so a float sum of dollars would drift: 0.10 + 0.20.
    const units = [
      { id: "06001", population: 1_000_001 },
      { id: "41001", population: 2_500_000 },
      { id: "36001", population: 7 },
      { id: "48001", population: 9 },
    ];
    const coverage = new CoverageIndex(units, [
      { unitId: "06001", potentialCents: 10 },
      { unitId: "41001", potentialCents: 20 },
      { unitId: "41001", potentialCents: 900_719_925_474 },
      { unitId: "36001", potentialCents: 5 },
    ]);
    const index = {
      coverage,
      workloadTenths: Float64Array.from([15, 25, 10, 0]),
    };
    const territoryIds = ["ca", "or", "ny", "tx"];
    const assignments = new Map([
      ["06001", "ca"],
      ["41001", "or"],
      ["36001", "ny"],
      ["48001", "tx"],
    ]);
    const { territories } = sumByTerritory(index, territoryIds, assignments);
    const regions = rollUpRegions(regionMembers(nodes), territories);

    expect(regions.get("w")).toEqual({
      units: 2,
      accounts: 3,
      population: 3_500_001,
      potentialCents: 900_719_925_504,
      workloadTenths: 40,
    });
    expect(regions.get("e")).toEqual({
      units: 1,
      accounts: 1,
      population: 7,
      potentialCents: 5,
      workloadTenths: 10,
    });
    expect(regions.get("empty")).toEqual(emptyMetricTotals());

    // The region equals the sum of its rows, field by field.
    const sum = emptyMetricTotals();
    addTotals(sum, territories.get("ca")!);
    addTotals(sum, territories.get("or")!);
    expect(regions.get("w")).toEqual(sum);
  });

  test("regionMembers lists every region", () => {
    expect(regionMembers(nodes)).toEqual(
      new Map([
        ["e", ["ny"]],
        ["w", ["ca", "or"]],
        ["empty", []],
      ]),
    );
  });
});
