import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { describe, expect, test } from "vitest";
import {
  POTENTIAL_CENTS_PER_RESIDENT,
  type Account,
} from "../../scripts/data/accounts.ts";
import { CONSOLIDATED_CITIES } from "../../scripts/data/county-governments.ts";
import {
  geometryContains,
  type AreaGeometry,
} from "../../scripts/data/geometry.ts";
import type { StateLabel, Unit } from "../../scripts/data/units.ts";

// Checks the files committed in public/data, which the app serves as they are.

const DATA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../public/data",
);
const readText = (name: string) =>
  readFileSync(path.join(DATA_DIR, name), "utf8");
const readJson = (name: string) => JSON.parse(readText(name));

const manifest = readJson("manifest.json");
const { units, states } = readJson("units.json") as {
  units: Unit[];
  states: StateLabel[];
};
const accountsFile = readJson("accounts.json");
const accounts = accountsFile.accounts as Account[];
const plan = readJson("demo-plan.json");
const topology = readJson("counties.topo.json") as Topology;
const unitIds = new Set(units.map((unit) => unit.id));

function countyShapes(): Map<string, AreaGeometry> {
  const counties = topology.objects.counties as GeometryCollection;
  return new Map(
    feature(topology, counties).features.map((county) => [
      String(county.id),
      county.geometry as AreaGeometry,
    ]),
  );
}

describe("manifest.json", () => {
  test("hashes match the files", () => {
    for (const name of ["geometry", "units", "accounts"]) {
      const { file, sha256 } = manifest.datasets[name];
      const actual = createHash("sha256")
        .update(readFileSync(path.join(DATA_DIR, file)))
        .digest("hex");

      expect(sha256, file).toBe(actual);
    }
  });

  test("names the pinned source versions", () => {
    const pins = JSON.parse(
      readFileSync(
        path.resolve(DATA_DIR, "../../scripts/data/package.json"),
        "utf8",
      ),
    ).dependencies;

    expect(manifest.sources).toEqual(pins);
  });
});

describe("units.json", () => {
  test("ids are unique, sorted FIPS codes", () => {
    const ids = units.map((unit) => unit.id);

    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => /^\d{5}$/.test(id))).toBe(true);
  });

  test("units match the geometry's counties", () => {
    const counties = (topology.objects.counties as GeometryCollection)
      .geometries;

    expect(counties.map((county) => county.id).sort()).toEqual([...unitIds]);
    expect(units).toHaveLength(3233);
  });

  test("population adds up to over 330 million", () => {
    const total = units.reduce((sum, unit) => sum + unit.population, 0);

    expect(units.every((unit) => Number.isSafeInteger(unit.population))).toBe(
      true,
    );
    expect(total).toBeGreaterThan(330_000_000);
    expect(total).toBeLessThan(345_000_000);
  });

  test("label points lie in their counties", () => {
    const shapes = countyShapes();
    // Falls Church (51610) is a line without area in the simplified shapes.
    const outside = units
      .filter(
        (unit) => !geometryContains(shapes.get(unit.id)!, [unit.lon, unit.lat]),
      )
      .map((unit) => unit.id);

    expect(outside).toEqual(["51610"]);
  });

  test("state labels cover every state", () => {
    const stateIds = (
      topology.objects.states as GeometryCollection
    ).geometries.map((state) => state.id);

    expect(states.map((state) => state.fips)).toEqual([...stateIds].sort());
    expect(
      units.every((unit) =>
        states.some((state) => state.fips === unit.stateFips),
      ),
    ).toBe(true);
  });
});

describe("accounts.json", () => {
  test("ids are unique", () => {
    const ids = accounts.map((account) => account.id);

    expect(new Set(ids).size).toBe(ids.length);
  });

  test("every unitId exists", () => {
    const unknown = accounts.filter((account) => !unitIds.has(account.unitId));

    expect(unknown).toEqual([]);
  });

  test("one county account per unit", () => {
    const countyUnits = accounts
      .filter((account) => account.segment === "county")
      .map((account) => account.unitId);

    expect(countyUnits).toEqual([...unitIds]);
  });

  test("potential follows the rule exactly", () => {
    for (const account of accounts) {
      const cents =
        account.population * POTENTIAL_CENTS_PER_RESIDENT[account.segment];

      expect(account.potential, account.id).toMatch(/^\d+\.\d{2}$/);
      expect(account.potential.replace(".", ""), account.id).toBe(
        String(cents).padStart(3, "0"),
      );
    }
  });

  test("file says the data is not generated", () => {
    expect(accountsFile.generated).toBe(false);
    expect(accountsFile.potentialRule).toContain("0.50 USD");
  });

  test("New York City is one account", () => {
    const newYork = accounts.filter(
      (account) =>
        account.segment === "city" &&
        ["36005", "36047", "36061", "36081", "36085"].includes(account.unitId),
    );

    expect(newYork.map((account) => account.name)).toEqual(["New York City"]);
  });

  test("consolidated cities are not doubled", () => {
    const doubled = accounts.filter(
      (account) => account.id.replace("city-", "") in CONSOLIDATED_CITIES,
    );

    expect(doubled).toEqual([]);
  });
});

describe("demo-plan.json", () => {
  test("nine territories with distinct colours", () => {
    const colors = plan.territories.map(
      (territory: { color: string }) => territory.color,
    );

    expect(plan.territories).toHaveLength(9);
    expect(new Set(colors).size).toBe(9);
    expect(colors.every((color: string) => /^#[0-9A-F]{6}$/.test(color))).toBe(
      true,
    );
  });

  test("assignments name known units and territories", () => {
    const keys = new Set(
      plan.territories.map((territory: { key: string }) => territory.key),
    );
    const entries = Object.entries(plan.assignments) as [string, string][];

    expect(entries.filter(([unit]) => !unitIds.has(unit))).toEqual([]);
    expect(entries.filter(([, territory]) => !keys.has(territory))).toEqual([]);
  });

  test("every state and DC county is assigned", () => {
    const unassigned = units
      .filter((unit) => !(unit.id in plan.assignments))
      .map((unit) => unit.state);

    expect(new Set(unassigned)).toEqual(
      new Set(["PR", "AS", "GU", "MP", "VI"]),
    );
    expect(plan.assignments["11001"]).toBe("south-atlantic");
  });
});

describe("ATTRIBUTION.md", () => {
  test("names every source", () => {
    const text = readText("ATTRIBUTION.md");

    for (const source of [
      "us-atlas-2023",
      "ISC",
      "SimpleMaps",
      "simplemaps.com",
      "GeoNames",
      "CC BY 4.0",
    ]) {
      expect(text).toContain(source);
    }
  });
});
