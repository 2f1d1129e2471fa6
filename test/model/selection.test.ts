import { describe, expect, test } from "vitest";
import {
  circleTouchesRings,
  distanceToSegment,
  pointInPolygon,
  rectangleCorners,
  unitsInPolygon,
} from "../../model/selection.ts";

const square = rectangleCorners({ x: 10, y: 10 }, { x: 0, y: 0 });

describe("pointInPolygon", () => {
  test("rectangle contains inner points only", () => {
    expect(pointInPolygon({ x: 5, y: 5 }, square)).toBe(true);
    expect(pointInPolygon({ x: 11, y: 5 }, square)).toBe(false);
    expect(pointInPolygon({ x: 5, y: -1 }, square)).toBe(false);
  });

  test("concave lasso leaves out its notch", () => {
    // A "U" shape open at the top between x = 4 and x = 6.
    const lasso = [
      { x: 0, y: 0 },
      { x: 4, y: 0 },
      { x: 4, y: 8 },
      { x: 6, y: 8 },
      { x: 6, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ];
    expect(pointInPolygon({ x: 2, y: 2 }, lasso)).toBe(true);
    expect(pointInPolygon({ x: 5, y: 2 }, lasso)).toBe(false);
    expect(pointInPolygon({ x: 5, y: 9 }, lasso)).toBe(true);
  });

  test("self-crossing lasso uses even-odd", () => {
    // A figure eight: two triangles meeting at (5, 5).
    const bowtie = [
      { x: 0, y: 0 },
      { x: 10, y: 10 },
      { x: 10, y: 0 },
      { x: 0, y: 10 },
    ];
    expect(pointInPolygon({ x: 1, y: 5 }, bowtie)).toBe(true);
    expect(pointInPolygon({ x: 9, y: 5 }, bowtie)).toBe(true);
    expect(pointInPolygon({ x: 5, y: 1 }, bowtie)).toBe(false);
  });

  test("fewer than three vertices contain nothing", () => {
    expect(pointInPolygon({ x: 0, y: 0 }, [{ x: 0, y: 0 }])).toBe(false);
  });
});

describe("unitsInPolygon", () => {
  test("selects units by label point", () => {
    const units = [
      { id: "a", x: 1, y: 1 },
      { id: "b", x: 20, y: 1 },
      { id: "c", x: 9, y: 9 },
    ];
    expect(unitsInPolygon(units, square)).toEqual(["a", "c"]);
  });
});

describe("circleTouchesRings", () => {
  test("touches when centre is inside", () => {
    expect(circleTouchesRings({ x: 5, y: 5 }, 1, [square])).toBe(true);
  });

  test("touches when an edge is within the radius", () => {
    expect(circleTouchesRings({ x: 13, y: 5 }, 3, [square])).toBe(true);
    expect(circleTouchesRings({ x: 13.1, y: 5 }, 3, [square])).toBe(false);
  });

  test("a hole is outside", () => {
    const hole = rectangleCorners({ x: 3, y: 3 }, { x: 7, y: 7 });
    expect(circleTouchesRings({ x: 5, y: 5 }, 1, [square, hole])).toBe(false);
    expect(circleTouchesRings({ x: 5, y: 5 }, 2.5, [square, hole])).toBe(true);
  });
});

describe("distanceToSegment", () => {
  test("measures to the nearest end or the line", () => {
    const a = { x: 0, y: 0 };
    const b = { x: 10, y: 0 };
    expect(distanceToSegment({ x: 5, y: 3 }, a, b)).toBe(3);
    expect(distanceToSegment({ x: 13, y: 4 }, a, b)).toBe(5);
    expect(distanceToSegment({ x: 1, y: 1 }, a, a)).toBeCloseTo(Math.SQRT2);
  });
});
