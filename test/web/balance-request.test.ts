import { describe, expect, test } from "vitest";
import { CoverageIndex } from "../../model/coverage.ts";
import type { Territory } from "../../model/doc/schema.ts";
import { emptyMetricTotals } from "../../model/metrics.ts";
import { BalanceInputError } from "../../model/optimize/errors.ts";
import {
  balanceMoves,
  buildBalanceRequest,
  defaultTerritoryIds,
  maxDeviationOf,
  unitsInScope,
  type BalanceGeography,
  type BalancePlanState,
  type BalanceSettings,
} from "../../web/plan/balance-request.ts";
import { gridGraph } from "../model/optimize/fixtures.ts";

// A 2 x 3 grid: columns 0 and 1 are state 01, column 2 is state 02.
//   r0c0 r0c1 | r0c2
//   r1c0 r1c1 | r1c2
const units = ["r0c0", "r0c1", "r1c0", "r1c1", "r0c2", "r1c2"].map((id) => ({
  id,
  stateFips: id.endsWith("c2") ? "02" : "01",
}));
const population: Record<string, number> = {
  r0c0: 100,
  r0c1: 200,
  r1c0: 300,
  r1c1: 400,
  r0c2: 500,
  r1c2: 600,
};
const coverage = new CoverageIndex(
  units.map((u) => ({ id: u.id, population: population[u.id] })),
  [
    { unitId: "r0c0", potentialCents: 150 },
    { unitId: "r0c0", potentialCents: 250 },
    { unitId: "r1c1", potentialCents: 1_000 },
  ],
);
const geography: BalanceGeography = {
  units,
  graph: gridGraph(2, 3),
  metricIndex: {
    coverage,
    workloadTenths: Float64Array.from(units, (_, i) => i * 10),
  },
};

function territory(id: string, extra: Partial<Territory> = {}): Territory {
  return {
    id,
    name: id.toUpperCase(),
    color: "#888888",
    parentId: null,
    ownerId: null,
    locked: false,
    kind: "territory",
    ...extra,
  };
}

const plan: BalancePlanState = {
  territories: [
    territory("east"),
    territory("west"),
    territory("north"),
    territory("region", { kind: "region" }),
  ],
  assignments: new Map([
    ["r0c0", "west"],
    ["r0c1", "east"],
    ["r1c0", "north"],
    // r1c1 is unassigned.
    ["r0c2", "east"],
    ["r1c2", "gone"],
  ]),
};

const settings: BalanceSettings = {
  stateFips: "01",
  territoryIds: ["west", "east"],
  metric: "population",
  tolerancePercent: " 5 ",
  mode: "minimize-disruption",
  seed: 7,
};

describe("unitsInScope", () => {
  test("keeps unassigned units and those of taking-part territories", () => {
    expect(unitsInScope(geography, plan, "01", ["west", "east"])).toEqual([
      "r0c0",
      "r0c1",
      "r1c1",
    ]);
  });

  test("counts a unit of a deleted territory as unassigned", () => {
    expect(unitsInScope(geography, plan, "02", ["west", "north"])).toEqual([
      "r1c2",
    ]);
  });
});

describe("defaultTerritoryIds", () => {
  test("lists owners in the state in plan order", () => {
    expect(defaultTerritoryIds(geography, plan, "01")).toEqual([
      "east",
      "west",
      "north",
    ]);
  });

  test("skips regions and unknown owners", () => {
    const withRegion = {
      ...plan,
      assignments: new Map([
        ["r0c2", "region"],
        ["r1c2", "gone"],
      ]),
    };
    expect(defaultTerritoryIds(geography, withRegion, "02")).toEqual([]);
  });
});

describe("buildBalanceRequest", () => {
  test("builds the scope, current design and settings", () => {
    const request = buildBalanceRequest(geography, plan, settings);

    expect(request.unitIds).toEqual(["r0c0", "r0c1", "r1c1"]);
    expect([...request.current]).toEqual([
      ["r0c0", "west"],
      ["r0c1", "east"],
    ]);
    expect(request.territories).toEqual([
      { id: "west", locked: false, baseWeight: 0 },
      { id: "east", locked: false, baseWeight: 0 },
    ]);
    expect(request.fixedUnitIds).toEqual([]);
    expect(request.tolerancePercent).toBe("5");
    expect(request.mode).toBe("minimize-disruption");
    expect(request.seed).toBe(7);
  });

  test("cuts neighbours down to the scope", () => {
    const request = buildBalanceRequest(geography, plan, settings);
    const shapes = new Map(request.shapes.map((s) => [s.id, s]));

    expect(shapes.get("r0c1")?.neighbours).toEqual([
      ["r0c0", 1],
      ["r1c1", 1],
    ]);
    expect(shapes.get("r1c1")?.neighbours).toEqual([["r0c1", 1]]);
    expect(shapes.get("r0c0")?.areaKm2).toBe(1);
    expect(shapes.get("r0c0")?.perimeterKm).toBe(4);
  });

  test.each([
    ["population", [100, 200, 400]],
    ["accounts", [2, 0, 1]],
    ["potential", [400, 0, 1_000]],
    ["workload", [0, 10, 30]],
  ] as const)("reads %s weights from the index", (metric, expected) => {
    const request = buildBalanceRequest(geography, plan, {
      ...settings,
      metric,
    });
    expect(request.unitIds.map((id) => request.weights.get(id))).toEqual(
      expected,
    );
  });

  test("passes locks and the base of pinned accounts", () => {
    const base = emptyMetricTotals();
    base.accounts = 3;
    base.potentialCents = 12_345;
    const locked = {
      ...plan,
      territories: plan.territories.map((t) =>
        t.id === "west" ? { ...t, locked: true } : t,
      ),
    };
    const request = buildBalanceRequest(
      { ...geography, base: new Map([["east", base]]) },
      locked,
      { ...settings, metric: "potential" },
    );

    expect(request.territories).toEqual([
      { id: "west", locked: true, baseWeight: 0 },
      { id: "east", locked: false, baseWeight: 12_345 },
    ]);
  });

  test("rejects fewer than two territories", () => {
    expect(() =>
      buildBalanceRequest(geography, plan, {
        ...settings,
        territoryIds: ["west"],
      }),
    ).toThrow(/at least 2 territories; 1 is chosen/);
  });

  test("rejects a region or a deleted territory", () => {
    for (const id of ["region", "gone"]) {
      expect(() =>
        buildBalanceRequest(geography, plan, {
          ...settings,
          territoryIds: ["west", id],
        }),
      ).toThrow(`Territory "${id}" is not a territory of this plan`);
    }
  });

  test("rejects an invalid tolerance or seed", () => {
    expect(() =>
      buildBalanceRequest(geography, plan, {
        ...settings,
        tolerancePercent: "five",
      }),
    ).toThrow(BalanceInputError);
    expect(() =>
      buildBalanceRequest(geography, plan, { ...settings, seed: -1 }),
    ).toThrow(/Invalid seed -1/);
    expect(() =>
      buildBalanceRequest(geography, plan, { ...settings, seed: 2 ** 32 }),
    ).toThrow(/Invalid seed/);
  });

  test("rejects a state with no county in scope", () => {
    const owned = {
      ...plan,
      assignments: new Map([
        ["r0c2", "north"],
        ["r1c2", "north"],
      ]),
    };
    expect(() =>
      buildBalanceRequest(geography, owned, { ...settings, stateFips: "02" }),
    ).toThrow(/State 02 has no counties/);
  });
});

describe("maxDeviationOf", () => {
  const request = {
    unitIds: ["a", "b", "c"],
    weights: new Map([
      ["a", 100],
      ["b", 200],
      ["c", 300],
    ]),
    territories: [{ id: "T1" }, { id: "T2", baseWeight: 50 }],
  };

  test("follows the optimizer's rule", () => {
    // T1 = 100 + 300 = 400, T2 = 50 + 200 = 250, S = 650, n = 2:
    // |2 * 400 - 650| / 650 = 150 / 650 = 23.08%.
    const assignment = new Map([
      ["a", "T1"],
      ["b", "T2"],
      ["c", "T1"],
    ]);
    expect(maxDeviationOf(request, assignment)).toBe("23.1");
  });

  test("leaves out units of other territories", () => {
    // T1 = 100, T2 = 50 + 200 = 250, S = 350: |2 * 250 - 350| / 350 = 42.86%.
    const assignment = new Map([
      ["a", "T1"],
      ["b", "T2"],
      ["c", "other"],
    ]);
    expect(maxDeviationOf(request, assignment)).toBe("42.9");
  });

  test("returns null for a zero total", () => {
    const empty = { ...request, territories: [{ id: "T1" }, { id: "T2" }] };
    expect(maxDeviationOf(empty, new Map())).toBeNull();
  });
});

describe("balanceMoves", () => {
  test("lists only units whose territory changes", () => {
    const current = new Map([
      ["a", "T1"],
      ["b", "T2"],
      ["z", "T9"],
    ]);
    const design = new Map([
      ["a", "T1"],
      ["b", "T1"],
      ["c", "T2"],
    ]);
    expect([...balanceMoves(current, design)]).toEqual([
      ["b", "T1"],
      ["c", "T2"],
    ]);
  });
});
