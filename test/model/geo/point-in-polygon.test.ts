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
});
