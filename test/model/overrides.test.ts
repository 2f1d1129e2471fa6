import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { CoverageIndex } from "../../model/coverage.ts";
import type { MetricIndex } from "../../model/metrics.ts";
import { balanceTerritories } from "../../model/optimize/balance.ts";
import {
  applyOverrides,
  baseWeights,
  effectiveOverrides,
  isIsoDate,
  overrideStatus,
  withBase,
  type Override,
  type OverrideAccount,
} from "../../model/overrides.ts";
import { workloadByUnit } from "../../model/workload.ts";
import { computePlanFigures } from "../../web/insights/figures.ts";
import type { Territory } from "../../model/doc/schema.ts";
import { stateInput, unitsOf } from "./optimize/fixtures.ts";

const dataAccounts: (OverrideAccount & { name: string })[] = JSON.parse(
  readFileSync("public/data/accounts.json", "utf8"),
).accounts;

const units = [
  { id: "A", population: 100 },
  { id: "B", population: 200 },
  { id: "C", population: 300 },
];
const accounts: OverrideAccount[] = [
  { id: "a1", unitId: "A", potential: "0.10", segment: "county" },
  { id: "a2", unitId: "A", potential: "0.20", segment: "city" },
  { id: "b1", unitId: "B", potential: "1000000.01", segment: "city" },
  { id: "c1", unitId: "C", potential: "3.30", segment: "county" },
];
const accountById = new Map(accounts.map((a) => [a.id, a]));

function metricIndex(): MetricIndex {
  const coverage = new CoverageIndex(
    units,
    accounts.map((a) => ({
      unitId: a.unitId,
      potentialCents: Math.round(Number(a.potential) * 100),
    })),
  );
  return {
    coverage,
    workloadTenths: workloadByUnit(coverage.indexOf, accounts),
  };
}

const territory = (id: string, name: string): Territory => ({
  id,
  name,
  color: "#1f77b4",
  parentId: null,
  ownerId: null,
  locked: false,
  kind: "territory",
});
const territories = [territory("east", "East"), territory("west", "West")];
const ids = new Set(["east", "west"]);

const pin = (
  accountId: string,
  territoryId: string,
  effectiveFrom: string | null = null,
  effectiveTo: string | null = null,
): Override => ({ accountId, territoryId, effectiveFrom, effectiveTo });

describe("isIsoDate", () => {
  test.each([
    ["2027-01-01", true],
    ["2028-02-29", true],
    ["2027-02-29", false],
    ["2027-13-01", false],
    ["2027-1-01", false],
    ["01/01/2027", false],
    ["", false],
  ])("%s is %s", (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });
});

describe("overrideStatus", () => {
  const dated = pin("a1", "west", "2027-01-01", "2027-06-30");

  test("starts on its from date", () => {
    expect(overrideStatus(dated, "2026-12-31")).toBe("not-yet");
    expect(overrideStatus(dated, "2027-01-01")).toBe("in-effect");
  });

  test("ends after its to date", () => {
    expect(overrideStatus(dated, "2027-06-30")).toBe("in-effect");
    expect(overrideStatus(dated, "2027-07-01")).toBe("ended");
  });

  test("open ends never start late or end", () => {
    expect(overrideStatus(pin("a1", "west"), "1900-01-01")).toBe("in-effect");
    expect(overrideStatus(pin("a1", "west"), "2999-12-31")).toBe("in-effect");
    expect(
      overrideStatus(pin("a1", "west", null, "2027-01-01"), "2027-01-02"),
    ).toBe("ended");
  });

  test("effectiveOverrides keeps those in effect", () => {
    const list = [
      pin("a1", "west", "2027-01-01"),
      pin("a2", "west", null, "2026-12-31"),
      pin("b1", "east"),
    ];
    expect(
      effectiveOverrides(list, "2027-01-01").map((o) => o.accountId),
    ).toEqual(["a1", "b1"]);
    expect(
      effectiveOverrides(list, "2026-12-31").map((o) => o.accountId),
    ).toEqual(["a2", "b1"]);
  });
});

describe("applyOverrides", () => {
  test("moves a pinned account from its county to a base", () => {
    const index = metricIndex();
    const result = applyOverrides(index, accountById, [pin("a2", "west")], ids);

    const a = result.index.coverage.unitTotals("A");
    expect(a.accounts).toBe(1);
    expect(a.potentialCents).toBe(10);
    expect(a.population).toBe(100);
    expect(result.index.workloadTenths[0]).toBe(10);
    expect(result.base.get("west")).toEqual({
      units: 0,
      accounts: 1,
      population: 0,
      potentialCents: 20,
      workloadTenths: 15,
    });
    expect(index.coverage.unitTotals("A").accounts).toBe(2);
    expect(index.workloadTenths[0]).toBe(25);
  });

  test("leaves out unknown accounts and territories", () => {
    const result = applyOverrides(
      metricIndex(),
      accountById,
      [pin("gone", "west"), pin("a1", "deleted")],
      ids,
    );
    expect(result.applied).toEqual([]);
    expect(result.ignored.map((i) => i.reason)).toEqual([
      "unknown-account",
      "unknown-territory",
    ]);
    expect(result.base.size).toBe(0);
    expect(result.index.coverage.unitTotals("A").accounts).toBe(2);
  });

  test("withBase adds without touching the sums", () => {
    const sums = {
      territories: new Map([["west", { ...emptyTotals(), accounts: 2 }]]),
    };
    const added = withBase(
      sums,
      new Map([["west", { ...emptyTotals(), accounts: 1, potentialCents: 5 }]]),
    );
    expect(added.territories.get("west")?.accounts).toBe(3);
    expect(added.territories.get("west")?.potentialCents).toBe(5);
    expect(sums.territories.get("west")?.accounts).toBe(2);
  });
});

function emptyTotals() {
  return {
    units: 0,
    accounts: 0,
    population: 0,
    potentialCents: 0,
    workloadTenths: 0,
  };
}

describe("figures with overrides", () => {
  function figures(
    assignments: Map<string, string>,
    overrides: Override[],
    asOf: string,
  ) {
    const applied = applyOverrides(
      metricIndex(),
      accountById,
      effectiveOverrides(overrides, asOf),
      ids,
    );
    return computePlanFigures(
      applied.index,
      null,
      territories,
      assignments,
      "potential",
      new Map(),
      applied.base,
    );
  }

  test("a pinned account counts in its override territory", () => {
    const assignments = new Map([
      ["A", "east"],
      ["B", "east"],
      ["C", "west"],
    ]);
    const result = figures(assignments, [pin("b1", "west")], "2027-01-01");
    const east = result.territories.get("east")!.totals;
    const west = result.territories.get("west")!.totals;
    expect(east.accounts).toBe(2);
    expect(east.potentialCents).toBe(30);
    expect(east.units).toBe(2);
    expect(east.population).toBe(300);
    expect(west.accounts).toBe(2);
    expect(west.potentialCents).toBe(100_000_001 + 330);
    expect(west.workloadTenths).toBe(25);
    expect(result.unassigned.accounts).toBe(0);
  });

  test("repainting the county keeps the pinned account", () => {
    const overrides = [pin("b1", "west")];
    const before = figures(
      new Map([
        ["A", "east"],
        ["B", "east"],
        ["C", "west"],
      ]),
      overrides,
      "2027-01-01",
    );
    const after = figures(
      new Map([
        ["A", "east"],
        ["B", "west"],
        ["C", "west"],
      ]),
      overrides,
      "2027-01-01",
    );
    const unassigned = figures(
      new Map([
        ["A", "east"],
        ["C", "west"],
      ]),
      overrides,
      "2027-01-01",
    );

    expect(before.territories.get("west")!.totals.accounts).toBe(2);
    expect(after.territories.get("west")!.totals.accounts).toBe(2);
    expect(after.territories.get("west")!.totals.units).toBe(2);
    expect(after.territories.get("west")!.totals.potentialCents).toBe(
      100_000_001 + 330,
    );
    expect(unassigned.territories.get("west")!.totals.accounts).toBe(2);
    expect(unassigned.unassigned.accounts).toBe(0);
    expect(unassigned.unassigned.units).toBe(1);
  });

  test("an override not yet in effect leaves the account in its county", () => {
    const assignments = new Map([
      ["A", "east"],
      ["B", "east"],
      ["C", "west"],
    ]);
    const overrides = [pin("b1", "west", "2027-01-01")];
    const before = figures(assignments, overrides, "2026-12-31");
    const on = figures(assignments, overrides, "2027-01-01");
    expect(before.territories.get("east")!.totals.accounts).toBe(3);
    expect(before.territories.get("west")!.totals.accounts).toBe(1);
    expect(on.territories.get("east")!.totals.accounts).toBe(2);
    expect(on.territories.get("west")!.totals.accounts).toBe(2);
  });

  test("region roll-ups include the base", () => {
    const region: Territory = {
      ...territory("north", "North"),
      kind: "region",
    };
    const inRegion = territories.map((t) => ({ ...t, parentId: "north" }));
    const applied = applyOverrides(
      metricIndex(),
      accountById,
      [pin("b1", "west")],
      ids,
    );
    const result = computePlanFigures(
      applied.index,
      null,
      [region, ...inRegion],
      new Map([
        ["A", "east"],
        ["B", "east"],
      ]),
      "accounts",
      new Map(),
      applied.base,
    );
    expect(result.regions.get("north")!.totals.accounts).toBe(3);
    expect(result.regions.get("north")!.totals.potentialCents).toBe(
      100_000_001 + 30,
    );
    expect(result.unassigned.accounts).toBe(1);
  });
});

describe("optimizer with an override base", () => {
  test("the base counts towards the override territory", () => {
    // Given the Iowa accounts, with the Des Moines city account pinned to T2
    const input = stateInput("IA", 4, 1);
    const iowa = dataAccounts.filter((a) => input.unitIds.includes(a.unitId));
    const coverage = new CoverageIndex(
      input.unitIds.map((id) => ({ id, population: 0 })),
      iowa.map((a) => ({ unitId: a.unitId, potentialCents: 0 })),
    );
    const index = {
      coverage,
      workloadTenths: workloadByUnit(coverage.indexOf, iowa),
    };
    const pinned = iowa.find((a) => a.name === "Des Moines")!;
    const applied = applyOverrides(
      index,
      new Map(iowa.map((a) => [a.id, a])),
      [pin(pinned.id, "T2")],
      new Set(["T1", "T2", "T3", "T4"]),
    );
    const weights = new Map(
      input.unitIds.map((id) => [
        id,
        applied.index.coverage.unitTotals(id).accounts,
      ]),
    );
    const base = baseWeights(applied.base, "accounts");

    // When the optimizer balances account counts
    const result = balanceTerritories({
      ...input,
      weights,
      territories: input.territories.map((t) => ({
        ...t,
        baseWeight: base.get(t.id) ?? 0,
      })),
    });

    // Then the pinned account counts in T2 and not in its county
    expect(weights.get(pinned.unitId)).toBe(
      coverage.unitTotals(pinned.unitId).accounts - 1,
    );
    const t2 = result.territories.find((t) => t.id === "T2")!;
    const t2Units = unitsOf(result.assignment, "T2").reduce(
      (sum, id) => sum + weights.get(id)!,
      0,
    );
    expect(t2.total).toBe(t2Units + 1);
    expect(result.territories.reduce((s, t) => s + t.total, 0)).toBe(
      iowa.length,
    );
  });

  test("baseWeights has no population base", () => {
    const base = new Map([
      ["T2", { ...emptyTotals(), accounts: 2, potentialCents: 7 }],
    ]);
    expect(baseWeights(base, "accounts").get("T2")).toBe(2);
    expect(baseWeights(base, "potential").get("T2")).toBe(7);
    expect(baseWeights(base, "population").get("T2")).toBe(0);
  });
});
