import { describe, expect, test } from "vitest";
import {
  buildDemoData,
  sha256Hex,
  type SourceData,
} from "../../scripts/data/build.ts";
import { DataBuildError } from "../../scripts/data/errors.ts";
import type { DataExceptions } from "../../scripts/data/exceptions.ts";
import { fixtureSources, squareTopology, zip } from "./fixtures.ts";

const NO_EXCEPTIONS: DataExceptions = {
  unjoined: {},
  zeroPopulation: {},
  badCities: {},
};
const OPTIONS = { exceptions: NO_EXCEPTIONS, minCityPopulation: 10 };

function build(sources: SourceData = fixtureSources(), options = OPTIONS) {
  const { files, summary } = buildDemoData(sources, options);
  const read = (name: string) => JSON.parse(files.get(name) ?? "null");
  return { files, summary, read };
}

function buildError(
  sources: SourceData,
  exceptions = NO_EXCEPTIONS,
): DataBuildError {
  try {
    buildDemoData(sources, { exceptions, minCityPopulation: 10 });
  } catch (error) {
    if (error instanceof DataBuildError) return error;
    throw error;
  }
  throw new Error("Expected the build to fail, but it passed.");
}

describe("buildDemoData", () => {
  test("units carry apportioned population", () => {
    const { read } = build();
    const units = read("units.json").units;

    expect(units.map((unit: { id: string }) => unit.id)).toEqual([
      "01001",
      "01003",
      "36047",
      "36061",
      "72001",
    ]);
    // ZIP 35001: 100 people split 60/40; ZIP 35002: 51 people all in 01001.
    expect(units[0]).toMatchObject({
      id: "01001",
      name: "Alpha",
      stateFips: "01",
      state: "AL",
      stateName: "Alabama",
      population: 111,
    });
    expect(units[1].population).toBe(40);
  });

  test("unit label points lie inside their squares", () => {
    const { read } = build();
    const [alpha, beta] = read("units.json").units;

    expect([alpha.lon, alpha.lat]).toEqual([0.5, 0.5]);
    expect([beta.lon, beta.lat]).toEqual([1.5, 0.5]);
  });

  test("state labels list every state", () => {
    const { read } = build();

    expect(read("units.json").states).toEqual([
      { fips: "01", code: "AL", name: "Alabama", lon: 1, lat: 1 },
      { fips: "36", code: "NY", name: "New York", lon: 11, lat: 1 },
      { fips: "72", code: "PR", name: "Puerto Rico", lon: 20.5, lat: 0.5 },
    ]);
  });

  test("city inside a county gets that county", () => {
    const { read } = build();
    const accounts = read("accounts.json").accounts;
    const betaville = accounts.find(
      (account: { id: string }) => account.id === "city-1",
    );

    expect(betaville).toEqual({
      id: "city-1",
      name: "Betaville",
      unitId: "01003",
      segment: "city",
      state: "AL",
      population: 30,
      potential: "24.00",
      lon: 1.5,
      lat: 0.5,
    });
  });

  test("county accounts use the potential rule", () => {
    const { read } = build();
    const file = read("accounts.json");
    const alpha = file.accounts.find(
      (account: { id: string }) => account.id === "county-01001",
    );

    expect(file.generated).toBe(false);
    expect(file.potentialRule).toMatch(/0\.50 USD/);
    expect(alpha).toMatchObject({
      name: "Alpha County",
      unitId: "01001",
      segment: "county",
      population: 111,
      potential: "55.50",
    });
  });

  test("New York City replaces its boroughs", () => {
    const { read, summary } = build();
    const ids = read("accounts.json").accounts.map(
      (account: { id: string }) => account.id,
    );

    expect(ids).toContain("city-5128581");
    expect(ids).not.toContain("city-5110302");
    expect(ids).toContain("county-36047");
    expect(summary.droppedCities).toEqual([
      {
        id: "5110302",
        name: "Brooklyn",
        state: "NY",
        reason: "part of New York City, which is one account",
      },
    ]);
  });

  test("demo plan assigns by Census division", () => {
    const { read, summary } = build();
    const plan = read("demo-plan.json");

    expect(plan.name).toBe("Demo: US Census divisions");
    expect(plan.territories).toHaveLength(9);
    expect(plan.assignments).toEqual({
      "01001": "east-south-central",
      "01003": "east-south-central",
      "36047": "middle-atlantic",
      "36061": "middle-atlantic",
    });
    expect(summary.unassignedUnits).toEqual(["72001"]);
  });

  test("manifest hashes the exact file bytes", () => {
    const { files, read } = build();
    const manifest = read("manifest.json");

    for (const [name, file] of [
      ["geometry", "counties.topo.json"],
      ["units", "units.json"],
      ["accounts", "accounts.json"],
    ]) {
      expect(manifest.datasets[name].file).toBe(file);
      expect(manifest.datasets[name].sha256).toBe(
        sha256Hex(files.get(file) ?? ""),
      );
    }
    expect(manifest.sources).toEqual({ "fixture-source": "1.0.0" });
  });

  test("same sources give the same bytes", () => {
    const first = build().files;
    const second = build().files;

    expect([...second]).toEqual([...first]);
  });

  test("geometry is written unchanged", () => {
    const sources = fixtureSources();
    const { read } = build(sources);

    expect(read("counties.topo.json")).toEqual(sources.topology);
  });
});

describe("buildDemoData join checks", () => {
  test("ZIP county without geometry fails with its id", () => {
    const sources = fixtureSources();
    sources.zips.push(zip("35003", 10, { "01005": 100 }));

    const error = buildError(sources);

    expect(error.message).toContain(
      "01005 (in the ZIP data, not in the geometry)",
    );
    expect(error.message).toContain("DATA_EXCEPTIONS.unjoined");
  });

  test("geometry county without ZIP codes fails with its id", () => {
    const sources = fixtureSources();
    sources.zips = sources.zips.filter((row) => row.zip !== "00601");

    const error = buildError(sources);

    expect(error.message).toContain("72001 (in the geometry, in no ZIP code)");
    expect(error.message).toContain("72001 (Adjuntas, PR)");
  });

  test("allow-listed ids pass", () => {
    const sources = fixtureSources();
    sources.zips = sources.zips.filter((row) => row.zip !== "00601");
    sources.zips.push(zip("35003", 10, { "01005": 100 }));
    const exceptions: DataExceptions = {
      unjoined: {
        "01005": "fixture: no geometry",
        "72001": "fixture: no ZIP code",
      },
      zeroPopulation: { "72001": "fixture: no ZIP code" },
      badCities: {},
    };

    const { read } = build(sources, { exceptions, minCityPopulation: 10 });
    const units = read("units.json").units;

    expect(
      units.find((unit: { id: string }) => unit.id === "72001").population,
    ).toBe(0);
    expect(units.some((unit: { id: string }) => unit.id === "01005")).toBe(
      false,
    );
  });

  test("stale allow-list entry fails", () => {
    const exceptions: DataExceptions = {
      unjoined: { "01001": "joins anyway" },
      zeroPopulation: { "01003": "has people" },
      badCities: {},
    };

    const error = buildError(fixtureSources(), exceptions);

    expect(error.message).toContain(
      "DATA_EXCEPTIONS.unjoined lists county ids that are in both sources or in neither: 01001",
    );
    expect(error.message).toContain("whose population is not 0: 01003");
  });

  test("zero population needs a reason", () => {
    const sources = fixtureSources();
    sources.zips.push(zip("00602", null, { "72001": 50, "01003": 50 }));
    sources.zips = sources.zips.filter((row) => row.zip !== "00601");

    const error = buildError(sources);

    expect(error.message).toContain(
      "population 0 with no reason given: 72001 (Adjuntas, PR)",
    );
  });

  test("malformed county id fails", () => {
    const sources = fixtureSources();
    sources.topology = squareTopology(
      [{ id: "1001", name: "Short", west: 0, south: 0 }],
      [{ id: "01", name: "Alabama", west: 0, south: 0 }],
    );

    expect(() => buildDemoData(sources, OPTIONS)).toThrow(
      /"counties" feature "1001"/,
    );
  });

  test("city far from every county fails", () => {
    const sources = fixtureSources();
    sources.cities.push({
      id: "9",
      name: "Nowhere",
      country: "US",
      featureCode: "PPL",
      stateCode: "AL",
      population: 20,
      lon: 5,
      lat: 5,
    });

    const error = buildError(sources);

    expect(error.message).toContain("9 Nowhere, AL at 5, 5");
  });
});
