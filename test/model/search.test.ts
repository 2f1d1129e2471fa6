import { describe, expect, test } from "vitest";
import {
  buildSearchEntries,
  normalizeText,
  SearchIndex,
} from "../../model/search.ts";

const states = [
  { fips: "13", code: "GA", name: "Georgia", lon: -83.4, lat: 32.6 },
  { fips: "20", code: "KS", name: "Kansas", lon: -98.4, lat: 38.5 },
  { fips: "35", code: "NM", name: "New Mexico", lon: -106.1, lat: 34.4 },
];
const unit = (
  id: string,
  name: string,
  state: string,
  stateName: string,
  population: number,
) => ({
  id,
  name,
  stateFips: id.slice(0, 2),
  state,
  stateName,
  population,
  lon: -90,
  lat: 35,
});
const units = [
  unit("13065", "Clinch", "GA", "Georgia", 6749),
  unit("13121", "Fulton", "GA", "Georgia", 1_066_710),
  unit("20209", "Wyandotte", "KS", "Kansas", 167_046),
  unit("20071", "Greeley", "KS", "Kansas", 1284),
  unit("35013", "Doña Ana", "NM", "New Mexico", 219_561),
];
const accounts = [
  {
    id: "county-13065",
    name: "Clinch County",
    unitId: "13065",
    segment: "county",
    population: 6749,
  },
  {
    id: "city-4393217",
    name: "Kansas City",
    unitId: "20209",
    segment: "city",
    population: 156_607,
    lon: -94.6,
    lat: 39.1,
  },
  {
    id: "city-4180439",
    name: "Atlanta",
    unitId: "13121",
    segment: "city",
    population: 498_715,
  },
];
const index = new SearchIndex(buildSearchEntries(states, units, accounts));
const labels = (query: string) => index.search(query).map((e) => e.label);

describe("SearchIndex", () => {
  test("finds a county by name and state code", () => {
    expect(labels("clinch ga")).toEqual(["Clinch, GA", "Clinch County"]);
  });

  test("an exact name comes before prefixes and word matches", () => {
    expect(labels("Kansas")).toEqual([
      "Kansas",
      "Kansas City",
      "Wyandotte, KS",
      "Greeley, KS",
    ]);
  });

  test("finds a city account with the county it sits in", () => {
    const [atlanta] = index.search("atl");
    expect(atlanta).toMatchObject({
      kind: "account",
      label: "Atlanta",
      detail: "City account in Fulton, GA",
      unitId: "13121",
    });
  });

  test("an account without a point uses its county's point", () => {
    const [clinch] = index.search("clinch county");
    expect(clinch).toMatchObject({ lon: -90, lat: 35 });
    const [kansasCity] = index.search("kansas city");
    expect(kansasCity).toMatchObject({ lon: -94.6, lat: 39.1 });
  });

  test("ignores accents, case and punctuation", () => {
    expect(labels("DONA ana")).toEqual(["Doña Ana, NM"]);
  });

  test("falls back to text inside words", () => {
    expect(labels("lanta")).toEqual(["Atlanta"]);
  });

  test("a blank or unmatched query finds nothing", () => {
    expect(index.search("   ")).toEqual([]);
    expect(index.search("zzz")).toEqual([]);
  });

  test("stops at the limit", () => {
    expect(index.search("ga", 2)).toHaveLength(2);
  });

  test("finds a state by name", () => {
    const [state] = index.search("new mex");
    expect(state).toMatchObject({ kind: "state", id: "35", unitId: null });
  });
});

describe("normalizeText", () => {
  test("folds accents and separators", () => {
    expect(normalizeText("  St. Mary's — Doña ")).toBe("st mary s dona");
  });
});
