import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  polygonContains,
  UnitLocator,
  type UnitArea,
} from "../../../model/geo/point-in-polygon.ts";
import { countyAreas } from "../../../web/workers/county-areas.ts";

const square = (x: number, y: number, size: number): [number, number][] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

const synthetic: UnitArea[] = [
  {
    id: "ring",
    type: "Polygon",
    coordinates: [square(0, 0, 10), square(3, 3, 4)],
  },
  { id: "inside-hole", type: "Polygon", coordinates: [square(4, 4, 2)] },
  {
    id: "islands",
    type: "MultiPolygon",
    coordinates: [[square(20, 0, 1)], [square(30, 5, 1)]],
  },
];

describe("UnitLocator", () => {
  const locator = new UnitLocator(synthetic);

  test("locate finds the polygon around a point", () => {
    expect(locator.locate(1, 1)).toBe("ring");
  });

  test("locate skips a polygon whose hole holds the point", () => {
    expect(locator.locate(3.5, 3.5)).toBeNull();
    expect(locator.locate(5, 5)).toBe("inside-hole");
  });

  test("locate finds a point in a second polygon", () => {
    expect(locator.locate(30.5, 5.5)).toBe("islands");
    expect(locator.locate(20.5, 0.5)).toBe("islands");
  });

  test("locate returns null outside every polygon", () => {
    expect(locator.locate(25, 0.5)).toBeNull();
    expect(locator.locate(-100, 40)).toBeNull();
  });

  test("nearest finds the closest outline within the limit", () => {
    expect(locator.nearest(20.5, -0.03, 0.05)).toBe("islands");
    expect(locator.nearest(10.04, 5, 0.05)).toBe("ring");
    expect(locator.nearest(-0.02, -0.02, 0.05)).toBe("ring");
  });

  test("nearest returns null beyond the limit", () => {
    expect(locator.nearest(10.06, 5, 0.05)).toBeNull();
    expect(locator.nearest(25, 0.5, 0.05)).toBeNull();
    expect(locator.nearest(-100, 40, 0.05)).toBeNull();
  });

  test("nearest measures to the edges of holes", () => {
    // The hole of "ring" spans 3..7, and "inside-hole" fills 4..6 of it.
    expect(locator.nearest(3.02, 5, 0.05)).toBe("ring");
    expect(locator.nearest(3.98, 5, 0.05)).toBe("inside-hole");
  });

  test("nearest picks the closer of two outlines", () => {
    const pair = new UnitLocator([
      { id: "west", type: "Polygon", coordinates: [square(0, 0, 1)] },
      { id: "east", type: "Polygon", coordinates: [square(1.04, 0, 1)] },
    ]);
    expect(pair.nearest(1.01, 0.5, 0.05)).toBe("west");
    expect(pair.nearest(1.03, 0.5, 0.05)).toBe("east");
  });

  test("polygonContains applies holes", () => {
    expect(polygonContains([square(0, 0, 10)], 3.5, 3.5)).toBe(true);
    expect(polygonContains([square(0, 0, 10), square(3, 3, 4)], 3.5, 3.5)).toBe(
      false,
    );
  });
});

describe("UnitLocator on US counties", () => {
  const topology = JSON.parse(
    readFileSync("public/data/counties.topo.json", "utf8"),
  );
  const locator = new UnitLocator(countyAreas(topology));

  test("locate places Prattville in Autauga County", () => {
    expect(locator.locate(-86.4597, 32.464)).toBe("01001");
  });

  test("locate places Charlottesville in the hole of Albemarle County", () => {
    expect(locator.locate(-78.4767, 38.0293)).toBe("51540");
    expect(locator.locate(-78.6, 38.05)).toBe("51003");
  });

  test("locate places Key West in a second polygon of Monroe County", () => {
    expect(locator.locate(-81.78, 24.555)).toBe("12087");
  });

  test("locate returns null in the Gulf of Mexico", () => {
    expect(locator.locate(-90, 26)).toBeNull();
  });

  test("nearest places coastal towns the outlines cut off", () => {
    // Points from public/data/accounts.json that lie just outside the
    // simplified shoreline, with the county the data build gave each.
    const towns: [string, number, number, string][] = [
      ["West Haven, CT", -72.947, 41.2707, "09170"],
      ["York Beach, ME", -70.6089, 43.1715, "23031"],
      ["Hull, MA", -70.9078, 42.302, "25023"],
      ["Escanaba, MI", -87.0646, 45.7453, "26041"],
      ["Vermilion, OH", -82.3646, 41.422, "39043"],
    ];
    for (const [town, lon, lat, unitId] of towns) {
      expect({ town, inside: locator.locate(lon, lat) }).toEqual({
        town,
        inside: null,
      });
      expect({ town, nearest: locator.nearest(lon, lat, 0.05) }).toEqual({
        town,
        nearest: unitId,
      });
    }
  });

  test("nearest returns null far out at sea", () => {
    expect(locator.nearest(-50, 35, 0.05)).toBeNull();
    expect(locator.nearest(-90, 26, 0.05)).toBeNull();
  });
});
