import { describe, expect, test } from "vitest";
import { CoverageIndex } from "../../../model/coverage.ts";
import { buildPlanKpiInput } from "../../../model/insights/plan-input.ts";
import {
  accountTrace,
  territoryAccounts,
  type AccountLevelSources,
  type NamedAccount,
} from "../../../model/insights/territory-accounts.ts";
import { applyOverrides, type Override } from "../../../model/overrides.ts";
import { describeTrace } from "../../../model/trace.ts";
import { workloadByUnit } from "../../../model/workload.ts";

// Three counties: c1 and c2 belong to "east", and c3 to no territory.
// Overrides pin a3 of c2 to "west" and a5 of c3 to "east".
const UNITS = [
  { id: "c1", name: "Adams, PA", population: 100 },
  { id: "c2", name: "Berks, PA", population: 200 },
  { id: "c3", name: "Clark, NV", population: 300 },
];

const ACCOUNTS: NamedAccount[] = [
  {
    id: "a1",
    name: "Adams County",
    unitId: "c1",
    segment: "county",
    potential: "1200.50",
  },
  {
    id: "a2",
    name: "City of Reading",
    unitId: "c2",
    segment: "city",
    potential: "800.00",
  },
  {
    id: "a3",
    name: "Berks County",
    unitId: "c2",
    segment: "county",
    potential: "5000.00",
  },
  {
    id: "a4",
    name: "Gettysburg",
    unitId: "c1",
    segment: "city",
    potential: "800.00",
  },
  {
    id: "a5",
    name: "Henderson",
    unitId: "c3",
    segment: "city",
    potential: "99.99",
  },
  {
    id: "a6",
    name: "Clark County",
    unitId: "c3",
    segment: "county",
    potential: "7000.00",
  },
];

const ASSIGNMENTS = new Map([
  ["c1", "east"],
  ["c2", "east"],
]);

const OVERRIDES: Override[] = [
  {
    accountId: "a3",
    territoryId: "west",
    effectiveFrom: null,
    effectiveTo: null,
  },
  {
    accountId: "a5",
    territoryId: "east",
    effectiveFrom: null,
    effectiveTo: null,
  },
];

function figures() {
  const coverage = new CoverageIndex(
    UNITS,
    ACCOUNTS.map((a) => ({
      unitId: a.unitId,
      potentialCents: Math.round(Number(a.potential) * 100),
    })),
  );
  const index = {
    coverage,
    workloadTenths: workloadByUnit(coverage.indexOf, ACCOUNTS),
  };
  const byId = new Map(ACCOUNTS.map((a) => [a.id, a]));
  return applyOverrides(index, byId, OVERRIDES, new Set(["east", "west"]));
}

function sources(): AccountLevelSources {
  return {
    accounts: ACCOUNTS,
    assignments: ASSIGNMENTS,
    applied: figures().applied,
    unitNames: new Map(UNITS.map((u) => [u.id, u.name])),
  };
}

describe("territoryAccounts", () => {
  test("lists accounts sorted by potential", () => {
    const east = territoryAccounts("east", sources());
    expect(east.accounts.map((a) => a.id)).toEqual(["a1", "a2", "a4", "a5"]);
    expect(east.accounts.map((a) => a.potentialCents)).toEqual([
      120_050, 80_000, 80_000, 9_999,
    ]);
    expect(east.accounts.map((a) => a.workloadTenths)).toEqual([
      10, 15, 15, 15,
    ]);
    expect(east.accounts.map((a) => a.county)).toEqual([
      "Adams, PA",
      "Berks, PA",
      "Adams, PA",
      "Clark, NV",
    ]);
  });

  test("pinned accounts count in override territory", () => {
    const east = territoryAccounts("east", sources());
    const west = territoryAccounts("west", sources());
    expect(east.accounts.find((a) => a.id === "a5")?.pinned).toBe(true);
    expect(east.accounts.find((a) => a.id === "a1")?.pinned).toBe(false);
    expect(west.accounts.map((a) => a.id)).toEqual(["a3"]);
    expect(west.accounts[0].pinned).toBe(true);
  });

  test("sums are exact", () => {
    const east = territoryAccounts("east", sources());
    expect(east.potentialCents).toBe(290_049);
    expect(east.workloadTenths).toBe(55);
    const west = territoryAccounts("west", sources());
    expect(west.potentialCents).toBe(500_000);
    expect(west.workloadTenths).toBe(10);
  });

  test("sums match the KPI input", () => {
    const overrideFigures = figures();
    const input = buildPlanKpiInput({
      units: [
        { id: "east", name: "East", kind: "territory", parentId: null },
        { id: "west", name: "West", kind: "territory", parentId: null },
      ],
      assignments: ASSIGNMENTS,
      index: overrideFigures.index,
      pinned: overrideFigures.base,
      reps: [],
      hires: [],
      quotas: [],
      companyTargetCents: null,
      quotaAdjustments: 0,
      accountOverrides: 2,
    });
    for (const territory of input.territories) {
      const level = territoryAccounts(territory.id, sources());
      expect(level.potentialCents).toBe(territory.potentialCents);
      expect(level.workloadTenths).toBe(territory.workloadTenths);
      expect(level.accounts).toHaveLength(territory.accounts);
    }
  });

  test("unassigned and unknown territories are empty", () => {
    expect(territoryAccounts("north", sources()).accounts).toEqual([]);
    expect(territoryAccounts("north", sources()).potentialCents).toBe(0);
  });

  test("override not applied leaves account home", () => {
    const withoutPins = { ...sources(), applied: [] };
    const east = territoryAccounts("east", withoutPins);
    expect(east.accounts.map((a) => a.id)).toEqual(["a3", "a1", "a2", "a4"]);
  });
});

describe("accountTrace", () => {
  test("names county and figures", () => {
    const east = territoryAccounts("east", sources());
    expect(describeTrace(accountTrace(east.accounts[0]))).toBe(
      "Account Adams County = 1200.50: potential of an account in a county of the territory (county Adams, PA, potential 1200.50, workload 1.0)",
    );
    expect(accountTrace(east.accounts[3]).formula).toBe(
      "potential of an account pinned here by an override",
    );
  });
});
