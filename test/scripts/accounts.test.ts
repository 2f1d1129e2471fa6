import { describe, expect, test } from "vitest";
import { buildAccounts, potentialFor } from "../../scripts/data/accounts.ts";
import {
  countyGovernmentName,
  isCityEquivalent,
} from "../../scripts/data/county-governments.ts";
import type { Unit } from "../../scripts/data/units.ts";
import { city } from "./fixtures.ts";

describe("potentialFor", () => {
  test("counties get 0.50 USD per resident", () => {
    expect(potentialFor("county", 58_805)).toBe("29402.50");
  });

  test("cities get 0.80 USD per resident", () => {
    expect(potentialFor("city", 12_345)).toBe("9876.00");
  });

  test("zero population gives zero", () => {
    expect(potentialFor("county", 0)).toBe("0.00");
  });

  test("large populations stay exact", () => {
    // 8,175,133 x 0.80 = 6,540,106.40, which float multiplication can miss.
    expect(potentialFor("city", 8_175_133)).toBe("6540106.40");
  });

  test("rejects a fractional population", () => {
    expect(() => potentialFor("city", 1.5)).toThrow(/Population 1.5/);
  });
});

describe("countyGovernmentName", () => {
  test.each([
    ["01001", "Autauga", "Autauga County"],
    ["22071", "Orleans", "Orleans Parish"],
    ["02020", "Anchorage", "Anchorage Municipality"],
    ["02016", "Aleutians West", "Aleutians West Census Area"],
    ["02110", "Juneau", "Juneau City and Borough"],
    ["24005", "Baltimore", "Baltimore County"],
    ["24510", "Baltimore", "City of Baltimore"],
    ["32510", "Carson City", "Carson City"],
    ["11001", "District of Columbia", "District of Columbia"],
    ["09110", "Capitol", "Capitol Planning Region"],
    ["72001", "Adjuntas", "Adjuntas Municipio"],
    ["48507", "Zavala", "Zavala County"],
  ])("%s %s", (id, name, expected) => {
    expect(countyGovernmentName(id, name)).toBe(expected);
  });

  test("unknown Alaska unit fails", () => {
    expect(() => countyGovernmentName("02999", "New")).toThrow(
      /ALASKA_SUFFIXES/,
    );
  });
});

describe("isCityEquivalent", () => {
  test("independent cities and DC", () => {
    expect(isCityEquivalent("51510")).toBe(true);
    expect(isCityEquivalent("29510")).toBe(true);
    expect(isCityEquivalent("11001")).toBe(true);
  });

  test("Texas counties above 500 are counties", () => {
    expect(isCityEquivalent("48507")).toBe(false);
    expect(isCityEquivalent("51059")).toBe(false);
  });
});

describe("buildAccounts", () => {
  const units: Unit[] = [
    {
      id: "01003",
      name: "Baldwin",
      stateFips: "01",
      state: "AL",
      stateName: "Alabama",
      population: 200,
      lon: -87.7,
      lat: 30.7,
    },
    {
      id: "01001",
      name: "Autauga",
      stateFips: "01",
      state: "AL",
      stateName: "Alabama",
      population: 100,
      lon: -86.6,
      lat: 32.5,
    },
  ];

  test("sorts by unit, county first, then name", () => {
    const accounts = buildAccounts(units, [
      {
        city: city({ id: "2", name: "Zeta" }),
        unitId: "01001",
        snappedKm: null,
      },
      {
        city: city({ id: "1", name: "Alpha" }),
        unitId: "01001",
        snappedKm: null,
      },
    ]);

    expect(accounts.map((account) => account.id)).toEqual([
      "county-01001",
      "city-1",
      "city-2",
      "county-01003",
    ]);
  });

  test("rounds city positions to 4 decimals", () => {
    const [, cityAccount] = buildAccounts(
      [units[1]],
      [
        {
          city: city({ id: "1", name: "A", lon: -86.123456, lat: 32.987654 }),
          unitId: "01001",
          snappedKm: null,
        },
      ],
    );

    expect([cityAccount.lon, cityAccount.lat]).toEqual([-86.1235, 32.9877]);
  });
});
