import type { MultiPolygon, Polygon } from "geojson";
import { describe, expect, test } from "vitest";
import {
  distanceToBorderKm,
  geometryContains,
  labelPoint,
  polygonArea,
  ringContains,
} from "../../scripts/data/geometry.ts";
import { squareRing } from "./fixtures.ts";

const square: Polygon = { type: "Polygon", coordinates: [squareRing(0, 0, 4)] };
const squareWithHole: Polygon = {
  type: "Polygon",
  coordinates: [squareRing(0, 0, 4), squareRing(1, 1, 2)],
};
const twoIslands: MultiPolygon = {
  type: "MultiPolygon",
  coordinates: [[squareRing(0, 0, 1)], [squareRing(5, 5, 2)]],
};
// A "C" open to the east: its centroid falls in the empty middle.
const crescent: Polygon = {
  type: "Polygon",
  coordinates: [
    [
      [0, 0],
      [4, 0],
      [4, 1],
      [1, 1],
      [1, 3],
      [4, 3],
      [4, 4],
      [0, 4],
      [0, 0],
    ],
  ],
};

describe("ringContains", () => {
  test("inside and outside a square", () => {
    const ring = squareRing(0, 0, 4);

    expect(ringContains(ring, [2, 2])).toBe(true);
    expect(ringContains(ring, [5, 2])).toBe(false);
    expect(ringContains(ring, [2, -1])).toBe(false);
  });

  test("shared border belongs to one side", () => {
    const left = squareRing(0, 0, 1);
    const right = squareRing(1, 0, 1);
    const onBorder = [1, 0.5] as const;

    expect(ringContains(left, onBorder) !== ringContains(right, onBorder)).toBe(
      true,
    );
  });
});

describe("geometryContains", () => {
  test("hole is outside", () => {
    expect(geometryContains(squareWithHole, [2, 2])).toBe(false);
    expect(geometryContains(squareWithHole, [0.5, 0.5])).toBe(true);
  });

  test("any polygon of a MultiPolygon counts", () => {
    expect(geometryContains(twoIslands, [0.5, 0.5])).toBe(true);
    expect(geometryContains(twoIslands, [6, 6])).toBe(true);
    expect(geometryContains(twoIslands, [3, 3])).toBe(false);
  });
});

describe("polygonArea", () => {
  test("subtracts holes", () => {
    expect(polygonArea(squareWithHole.coordinates)).toBe(12);
  });
});

describe("labelPoint", () => {
  test("square gets its centre", () => {
    expect(labelPoint(square)).toEqual([2, 2]);
  });

  test("crescent gets a point inside", () => {
    const point = labelPoint(crescent);

    expect(geometryContains(crescent, point)).toBe(true);
  });

  test("hole at the centroid is avoided", () => {
    const point = labelPoint(squareWithHole);

    expect(geometryContains(squareWithHole, point)).toBe(true);
  });

  test("largest polygon of a MultiPolygon is used", () => {
    expect(labelPoint(twoIslands)).toEqual([6, 6]);
  });

  test("collapsed polygon gets its middle", () => {
    const line: Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [2, 1],
          [0, 0],
        ],
      ],
    };

    expect(labelPoint(line)).toEqual([1, 0.5]);
  });

  test("coordinates are rounded to 4 decimals", () => {
    const third: Polygon = {
      type: "Polygon",
      coordinates: [squareRing(0, 0, 1 / 3)],
    };

    expect(labelPoint(third)).toEqual([0.1667, 0.1667]);
  });
});

describe("distanceToBorderKm", () => {
  test("one degree of latitude is about 111 km", () => {
    const km = distanceToBorderKm(square, [2, -1]);

    expect(km).toBeGreaterThan(110);
    expect(km).toBeLessThan(112);
  });

  test("longitude shrinks with latitude", () => {
    const north: Polygon = {
      type: "Polygon",
      coordinates: [squareRing(0, 59, 2)],
    };
    const km = distanceToBorderKm(north, [-1, 60]);

    // cos(60°) = 0.5, so one degree of longitude is about 55.6 km there.
    expect(km).toBeGreaterThan(55);
    expect(km).toBeLessThan(56.5);
  });
});
