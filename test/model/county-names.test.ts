import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  CountyNameIndex,
  countyLabel,
  isIndependentCity,
  type NamedCounty,
} from "../../model/county-names.ts";

const { units } = JSON.parse(
  readFileSync(
    join(import.meta.dirname, "..", "..", "public", "data", "units.json"),
    "utf8",
  ),
) as { units: NamedCounty[] };
const index = new CountyNameIndex(units);

const ids = (name: string) => index.find(name).map((choice) => choice.unitId);

describe("CountyNameIndex.find", () => {
  test("ignores case and punctuation", () => {
    expect(ids("Clinch, GA")).toEqual(["13065"]);
    expect(ids("clinch ga")).toEqual(["13065"]);
    expect(ids("CLINCH, Georgia")).toEqual(["13065"]);
  });

  test("ignores accents", () => {
    expect(ids("dona ana nm")).toEqual(["35013"]);
  });

  test("a name in many states fits each", () => {
    const found = index.find("washington");
    expect(found.length).toBe(31);
    expect(found[0]).toEqual({
      unitId: "01129",
      label: "Washington, AL",
      stateName: "Alabama",
    });
    expect(new Set(found.map((choice) => choice.label)).size).toBe(31);
  });

  test("state narrows a repeated name", () => {
    expect(ids("Washington, OR")).toEqual(["41067"]);
    expect(ids("washington oregon")).toEqual(["41067"]);
  });

  test("county and city of one name both fit", () => {
    expect(ids("Baltimore, MD")).toEqual(["24005", "24510"]);
    expect(ids("baltimore")).toEqual(["24005", "24510"]);
  });

  test("county or city picks one", () => {
    expect(ids("Baltimore County, MD")).toEqual(["24005"]);
    expect(ids("baltimore city md")).toEqual(["24510"]);
    expect(ids("Fairfax city, VA")).toEqual(["51600"]);
  });

  test("unknown or blank name fits none", () => {
    expect(ids("Atlantis, GA")).toEqual([]);
    expect(ids("  ")).toEqual([]);
    expect(ids("clinch ca")).toEqual([]);
  });

  test("every label fits its county alone", () => {
    for (const choice of index.choices) {
      expect(ids(choice.label), choice.label).toEqual([choice.unitId]);
    }
  });
});

describe("countyLabel", () => {
  test("marks independent cities", () => {
    const countyOf = (id: string) => {
      const found = units.find((unit) => unit.id === id);
      if (!found) throw new Error(`County ${id} is not in units.json.`);
      return found;
    };
    expect(countyLabel(countyOf("24510"))).toBe("Baltimore city, MD");
    expect(countyLabel(countyOf("32510"))).toBe("Carson City, NV");
  });

  test("marks a county named like a city", () => {
    const labels = new Map(
      index.choices.map((choice) => [choice.unitId, choice.label]),
    );
    expect(labels.get("24005")).toBe("Baltimore County, MD");
    expect(labels.get("24510")).toBe("Baltimore city, MD");
    expect(labels.get("51059")).toBe("Fairfax County, VA");
    expect(labels.get("13065")).toBe("Clinch, GA");
  });

  test("Texas codes above 500 are counties", () => {
    expect(isIndependentCity("48507")).toBe(false);
    expect(isIndependentCity("51510")).toBe(true);
  });
});
