import { describe, expect, test } from "vitest";
import { computeInsights } from "../../../model/insights/insights.ts";
import type { Kpi } from "../../../model/insights/types.ts";
import {
  canDrill,
  drillLevel,
  levelHeading,
  NO_REGION,
  validPath,
  type DrillStep,
  type PlanStructure,
} from "../../../web/dashboard/kpi-drill.ts";
import { payFixture, planFixture } from "../../model/insights/fixture.ts";

const kpis = computeInsights(planFixture(), payFixture());

function kpi(id: string): Kpi {
  const found = kpis.find((k) => k.id === id);
  if (found === undefined) throw new Error(`KPI "${id}" not found.`);
  return found;
}

const STRUCTURE: PlanStructure = {
  regions: [
    { id: "r1", name: "West" },
    { id: "r2", name: "Empty region" },
  ],
  territories: [
    { id: "t1", name: "Pacific", regionId: "r1" },
    { id: "t2", name: "Mountain", regionId: "r1" },
    { id: "t3", name: "Islands", regionId: null },
  ],
  reps: [
    { id: "rep-a", name: "Ana", territoryId: "t1" },
    { id: "rep-b", name: "Ben", territoryId: "t1" },
    { id: "rep-c", name: "Cy", territoryId: "t2" },
    { id: "rep-d", name: "Dee", territoryId: null },
  ],
};

const WEST: DrillStep = { level: "region", id: "r1", name: "West" };
const PACIFIC: DrillStep = { level: "territory", id: "t1", name: "Pacific" };
const ANA: DrillStep = { level: "rep", id: "rep-a", name: "Ana" };

describe("drillLevel", () => {
  test("top lists regions with territories", () => {
    const level = drillLevel(kpi("potential-deviation-max"), STRUCTURE, []);
    expect(level.rows.map((r) => [r.level, r.id, r.name])).toEqual([
      ["region", "r1", "West"],
      ["region", NO_REGION, "No region"],
    ]);
    // The deviation KPIs have no region rows, so regions show no value.
    expect(level.rows.map((r) => r.value)).toEqual([null, null]);
    expect(level.accountsOf).toBeNull();
  });

  test("top keeps company row and region values", () => {
    const level = drillLevel(kpi("quota-over-assignment"), STRUCTURE, []);
    expect(level.rows.map((r) => [r.level, r.id, r.value])).toEqual([
      ["company", "company", "10.0"],
      ["region", "r1", "10.0"],
      ["region", NO_REGION, null],
    ]);
    expect(level.rows[0].opens).toBeNull();
    expect(level.rows[1].opens).toEqual(WEST);
  });

  test("region lists its territories with values", () => {
    const level = drillLevel(kpi("potential-deviation-max"), STRUCTURE, [WEST]);
    expect(level.rows.map((r) => [r.id, r.value])).toEqual([
      ["t1", "125.0"],
      ["t2", "-25.0"],
    ]);
    expect(level.rows[0].trace?.figure).toBe("Potential deviation t1");
    expect(level.rows[0].opens).toEqual(PACIFIC);
  });

  test("territory lists its reps", () => {
    const level = drillLevel(kpi("accounts-per-rep"), STRUCTURE, [
      WEST,
      PACIFIC,
    ]);
    expect(level.rows.map((r) => [r.level, r.name, r.value])).toEqual([
      ["rep", "Ana", null],
      ["rep", "Ben", null],
    ]);
    expect(level.rows[0].opens).toEqual(ANA);
    expect(level.accountsOf).toBeNull();
  });

  test("rep opens its territory's accounts", () => {
    const level = drillLevel(kpi("potential-per-rep"), STRUCTURE, [
      WEST,
      PACIFIC,
      ANA,
    ]);
    expect(level.rows).toEqual([]);
    expect(level.accountsOf).toBe("t1");
  });

  test("territory without reps opens accounts", () => {
    const islands: DrillStep = {
      level: "territory",
      id: "t3",
      name: "Islands",
    };
    const noRegion: DrillStep = { level: "region", id: NO_REGION, name: "" };
    const level = drillLevel(kpi("workload-deviation-sd"), STRUCTURE, [
      noRegion,
      islands,
    ]);
    expect(level.rows).toEqual([]);
    expect(level.accountsOf).toBe("t3");
  });

  test("no account level for over-assignment", () => {
    const overAssignment = kpi("quota-over-assignment");
    const level = drillLevel(overAssignment, STRUCTURE, [WEST, PACIFIC, ANA]);
    expect(level.accountsOf).toBeNull();
    const reps = drillLevel(overAssignment, STRUCTURE, [WEST, PACIFIC]);
    expect(reps.rows.every((r) => r.opens === null)).toBe(true);
  });

  test("rep rows from pay show flat", () => {
    const level = drillLevel(kpi("payout-to-attainment"), STRUCTURE, []);
    expect(level.rows.map((r) => [r.level, r.id])).toEqual([
      ["rep", "rep-a"],
      ["rep", "rep-b"],
    ]);
    expect(level.rows.every((r) => r.opens === null)).toBe(true);
  });
});

describe("canDrill", () => {
  test("breakdown or account level", () => {
    expect(canDrill(kpi("quota-over-target"))).toBe(false);
    expect(canDrill(kpi("unassigned-potential"))).toBe(false);
    expect(canDrill(kpi("quota-to-potential"))).toBe(true);
    expect(canDrill(kpi("payout-to-attainment"))).toBe(true);
  });
});

describe("validPath", () => {
  test("refreshes renamed steps", () => {
    const renamed = {
      ...STRUCTURE,
      territories: STRUCTURE.territories.map((t) =>
        t.id === "t1" ? { ...t, name: "Pacific Coast" } : t,
      ),
    };
    expect(validPath(renamed, [WEST, PACIFIC]).map((s) => s.name)).toEqual([
      "West",
      "Pacific Coast",
    ]);
  });

  test("cuts at removed territory", () => {
    const removed = {
      ...STRUCTURE,
      territories: STRUCTURE.territories.filter((t) => t.id !== "t1"),
    };
    expect(validPath(removed, [WEST, PACIFIC, ANA])).toEqual([WEST]);
  });

  test("cuts at moved rep", () => {
    const moved = {
      ...STRUCTURE,
      reps: STRUCTURE.reps.map((r) =>
        r.id === "rep-a" ? { ...r, territoryId: "t2" } : r,
      ),
    };
    expect(validPath(moved, [WEST, PACIFIC, ANA])).toEqual([WEST, PACIFIC]);
  });
});

describe("levelHeading", () => {
  test("shared level or mixed", () => {
    const top = drillLevel(kpi("quota-over-assignment"), STRUCTURE, []);
    expect(levelHeading(top.rows)).toBe("Company and regions");
    const west = drillLevel(kpi("quota-to-potential"), STRUCTURE, [WEST]);
    expect(levelHeading(west.rows)).toBe("Territory");
  });
});
