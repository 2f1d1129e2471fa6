import { describe, expect, test } from "vitest";
import {
  dedupeCities,
  findOversizedCities,
  placeCities,
  selectCities,
  type PlacedCity,
} from "../../scripts/data/cities.ts";
import { DataBuildError } from "../../scripts/data/errors.ts";
import { readCounties } from "../../scripts/data/units.ts";
import { city, squareTopology } from "./fixtures.ts";

const counties = readCounties(
  squareTopology(
    [
      { id: "01001", name: "Alpha", west: 0, south: 0 },
      { id: "01003", name: "Beta", west: 1, south: 0 },
      { id: "13001", name: "Gamma", west: 2, south: 0 },
    ],
    [],
  ),
);

function placed(
  overrides: Parameters<typeof city>[0],
  unitId: string,
): PlacedCity {
  return { city: city(overrides), unitId, snappedKm: null };
}

describe("selectCities", () => {
  test("keeps US places above the threshold", () => {
    const { kept } = selectCities([
      city({ id: "1", name: "Big", population: 10_000 }),
      city({ id: "2", name: "Small", population: 9_999 }),
      city({ id: "3", name: "Abroad", country: "CA", population: 50_000 }),
    ]);

    expect(kept.map((row) => row.id)).toEqual(["1"]);
  });

  test("drops sections of a populated place", () => {
    const { kept, dropped } = selectCities([
      city({ id: "1", name: "Chicago" }),
      city({ id: "2", name: "Lincoln Park", featureCode: "PPLX" }),
    ]);

    expect(kept.map((row) => row.id)).toEqual(["1"]);
    expect(dropped).toEqual([
      {
        id: "2",
        name: "Lincoln Park",
        state: "AL",
        reason: "section of a populated place (GeoNames PPLX)",
      },
    ]);
  });
});

describe("placeCities", () => {
  test("point in polygon picks the county", () => {
    const result = placeCities(
      [city({ id: "1", name: "B", lon: 1.25, lat: 0.75 })],
      counties,
    );

    expect(result).toEqual([
      expect.objectContaining({ unitId: "01003", snappedKm: null }),
    ]);
  });

  test("only counties of the city's state count", () => {
    // The point lies in Gamma (Georgia), but the city is in Alabama.
    const result = placeCities(
      [city({ id: "1", name: "Border", stateCode: "AL", lon: 2.01, lat: 0.5 })],
      counties,
    );

    expect(result[0].unitId).toBe("01003");
    expect(result[0].snappedKm).toBeGreaterThan(1);
    expect(result[0].snappedKm).toBeLessThan(1.2);
  });

  test("coastal point snaps to the nearest county", () => {
    const result = placeCities(
      [city({ id: "1", name: "Shore", lon: 0.5, lat: -0.05 })],
      counties,
    );

    expect(result[0].unitId).toBe("01001");
    expect(result[0].snappedKm).toBeCloseTo(5.56, 1);
  });

  test("far point fails with the city", () => {
    expect(() =>
      placeCities(
        [city({ id: "7", name: "Sea", lon: 0.5, lat: -1 })],
        counties,
      ),
    ).toThrow(DataBuildError);
    expect(() =>
      placeCities(
        [city({ id: "7", name: "Sea", lon: 0.5, lat: -1 })],
        counties,
      ),
    ).toThrow(/7 Sea, AL at 0.5, -1/);
  });

  test("unknown state code fails", () => {
    expect(() =>
      placeCities([city({ id: "8", name: "Odd", stateCode: "XX" })], counties),
    ).toThrow(/8 Odd, XX/);
  });
});

describe("dedupeCities", () => {
  const units = [
    { id: "36047", name: "Kings", state: "NY" },
    { id: "24510", name: "Baltimore", state: "MD" },
    { id: "24005", name: "Baltimore", state: "MD" },
    { id: "51610", name: "Falls Church", state: "VA" },
    { id: "51059", name: "Fairfax", state: "VA" },
    { id: "06075", name: "San Francisco", state: "CA" },
  ];

  test("New York City replaces boroughs and neighbourhoods", () => {
    const { kept, dropped } = dedupeCities(
      [
        placed(
          { id: "5128581", name: "New York City", stateCode: "NY" },
          "36061",
        ),
        placed({ id: "5110302", name: "Brooklyn", stateCode: "NY" }, "36047"),
        placed({ id: "5117388", name: "Flatbush", stateCode: "NY" }, "36047"),
        placed(
          { id: "5106292", name: "West New York", stateCode: "NJ" },
          "34017",
        ),
      ],
      units,
      {},
    );

    expect(kept.map(({ city }) => city.name)).toEqual([
      "New York City",
      "West New York",
    ]);
    expect(dropped.map((row) => row.name)).toEqual(["Brooklyn", "Flatbush"]);
  });

  test("boroughs stay without New York City", () => {
    const { kept } = dedupeCities(
      [placed({ id: "5110302", name: "Brooklyn", stateCode: "NY" }, "36047")],
      units,
      {},
    );

    expect(kept.map(({ city }) => city.name)).toEqual(["Brooklyn"]);
  });

  test("independent city drops places inside and of its name", () => {
    const { kept, dropped } = dedupeCities(
      [
        placed({ id: "1", name: "Baltimore", stateCode: "MD" }, "24510"),
        placed({ id: "2", name: "Towson", stateCode: "MD" }, "24005"),
        // The shape of Falls Church is too small to contain its own point.
        placed({ id: "3", name: "Falls Church", stateCode: "VA" }, "51059"),
      ],
      units,
      {},
    );

    expect(kept.map(({ city }) => city.name)).toEqual(["Towson"]);
    expect(dropped.map((row) => row.reason)).toEqual([
      "an independent city or inside one, whose county account is the city government",
      "an independent city or inside one, whose county account is the city government",
    ]);
  });

  test("consolidated city-county drops its city", () => {
    const { kept, dropped } = dedupeCities(
      [
        placed(
          { id: "5391959", name: "San Francisco", stateCode: "CA" },
          "06075",
        ),
      ],
      units,
      {},
    );

    expect(kept).toEqual([]);
    expect(dropped[0].reason).toMatch(/consolidated city-county/);
  });

  test("consolidated city with another name fails", () => {
    expect(() =>
      dedupeCities(
        [placed({ id: "5391959", name: "Oakland", stateCode: "CA" }, "06001")],
        units,
        {},
      ),
    ).toThrow(/GeoNames place 5391959 is "Oakland"/);
  });

  test("listed bad records are dropped", () => {
    const { kept, dropped } = dedupeCities(
      [placed({ id: "4295940", name: "Ironville", stateCode: "KY" }, "21019")],
      units,
      { "4295940": "population of a whole metro area" },
    );

    expect(kept).toEqual([]);
    expect(dropped[0].reason).toBe(
      "listed as a wrong record in scripts/data/exceptions.ts",
    );
  });
});

describe("findOversizedCities", () => {
  test("flags a city over twice its county", () => {
    const problems = findOversizedCities(
      [
        placed({ id: "1", name: "Huge", population: 201 }, "01001"),
        placed({ id: "2", name: "Fine", population: 200 }, "01001"),
      ],
      [{ id: "01001", population: 100 }],
    );

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      "1 Huge, AL (201 residents; county 01001 has 100)",
    );
    expect(problems[0]).not.toContain("Fine");
  });

  test("New York City is exempt", () => {
    const problems = findOversizedCities(
      [
        placed(
          { id: "5128581", name: "New York City", population: 8_000_000 },
          "36061",
        ),
      ],
      [{ id: "36061", population: 1_600_000 }],
    );

    expect(problems).toEqual([]);
  });
});
