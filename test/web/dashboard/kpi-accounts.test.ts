import { describe, expect, test } from "vitest";
import type {
  AccountFigure,
  TerritoryAccounts,
} from "../../../model/insights/territory-accounts.ts";
import { accountListPage } from "../../../web/dashboard/kpi-accounts.ts";
import { kpiCsvFileName } from "../../../web/dashboard/kpi-csv.ts";
import {
  countyNames,
  planStructure,
} from "../../../web/dashboard/kpi-structure.ts";

function list(count: number): TerritoryAccounts {
  const accounts: AccountFigure[] = Array.from({ length: count }, (_, i) => ({
    id: `a${i}`,
    name: `Account ${i}`,
    unitId: "c1",
    county: "Adams, PA",
    potentialCents: (count - i) * 100,
    workloadTenths: 10,
    pinned: false,
  }));
  return {
    territoryId: "t1",
    accounts,
    potentialCents: accounts.reduce((s, a) => s + a.potentialCents, 0),
    workloadTenths: count * 10,
  };
}

describe("accountListPage", () => {
  test("short list shows whole", () => {
    const page = accountListPage(list(3));
    expect(page.shown.map((a) => a.id)).toEqual(["a0", "a1", "a2"]);
    expect(page.restCount).toBe(0);
    expect(page.restPotentialCents).toBe(0);
  });

  test("long list stops at 50", () => {
    const page = accountListPage(list(53));
    expect(page.shown).toHaveLength(50);
    expect(page.restCount).toBe(3);
    // The last three hold 3, 2 and 1 dollars.
    expect(page.restPotentialCents).toBe(600);
  });
});

describe("kpiCsvFileName", () => {
  test.each([
    ["Demo plan", "demo-plan-kpis.csv"],
    ["  West/East 2027! ", "west-east-2027-kpis.csv"],
    ["???", "plan-kpis.csv"],
  ])("%s", (name, expected) => {
    expect(kpiCsvFileName(name)).toBe(expected);
  });
});

describe("planStructure", () => {
  test("places territories under regions", () => {
    const unit = {
      color: "#000",
      ownerId: null,
      locked: false,
    };
    const structure = planStructure(
      [
        { ...unit, id: "r1", name: "West", kind: "region", parentId: null },
        {
          ...unit,
          id: "t1",
          name: "Pacific",
          kind: "territory",
          parentId: "r1",
        },
        { ...unit, id: "t2", name: "Gone", kind: "territory", parentId: "x" },
      ],
      [
        {
          id: "rep-a",
          name: "Ana",
          roleId: "ae",
          startDate: "2026-01-01",
          territoryId: "t1",
        },
      ],
    );
    expect(structure.regions).toEqual([{ id: "r1", name: "West" }]);
    expect(structure.territories).toEqual([
      { id: "t1", name: "Pacific", regionId: "r1" },
      { id: "t2", name: "Gone", regionId: null },
    ]);
    expect(structure.reps).toEqual([
      { id: "rep-a", name: "Ana", territoryId: "t1" },
    ]);
  });

  test("county names carry the state", () => {
    const names = countyNames([{ id: "48453", name: "Travis", state: "TX" }]);
    expect(names.get("48453")).toBe("Travis, TX");
  });
});
