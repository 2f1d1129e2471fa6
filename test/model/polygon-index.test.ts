import { describe, expect, test } from "vitest";
import { PolygonIndex, segmentsIntersect } from "../../model/polygon-index.ts";
import { pointInPolygon, rectangleCorners } from "../../model/selection.ts";

const square = rectangleCorners({ x: 0, y: 0 }, { x: 10, y: 10 });

describe("segmentsIntersect", () => {
  test("crossing segments intersect", () => {
    expect(
      segmentsIntersect(
        { x: 0, y: 0 },
        { x: 4, y: 4 },
        { x: 0, y: 4 },
        { x: 4, y: 0 },
      ),
    ).toBe(true);
  });

  test("touching ends intersect", () => {
    expect(
      segmentsIntersect(
        { x: 0, y: 0 },
        { x: 2, y: 0 },
        { x: 2, y: 0 },
        { x: 2, y: 5 },
      ),
    ).toBe(true);
  });

  test("parallel segments do not intersect", () => {
    expect(
      segmentsIntersect(
        { x: 0, y: 0 },
        { x: 4, y: 0 },
        { x: 0, y: 1 },
        { x: 4, y: 1 },
      ),
    ).toBe(false);
  });

  test("collinear segments apart do not intersect", () => {
    expect(
      segmentsIntersect(
        { x: 0, y: 0 },
        { x: 1, y: 0 },
        { x: 2, y: 0 },
        { x: 3, y: 0 },
      ),
    ).toBe(false);
  });
});

describe("PolygonIndex.touchesRings", () => {
  const index = new PolygonIndex(square);

  test("area clipped by the shape touches", () => {
    // Its label point, near (14, 5), lies outside the square.
    const clipped = [rectangleCorners({ x: 8, y: 2 }, { x: 20, y: 8 })];
    expect(index.contains({ x: 14, y: 5 })).toBe(false);
    expect(index.touchesRings(clipped)).toBe(true);
  });

  test("area inside the shape touches", () => {
    expect(
      index.touchesRings([rectangleCorners({ x: 2, y: 2 }, { x: 3, y: 3 })]),
    ).toBe(true);
  });

  test("area around the shape touches", () => {
    expect(
      index.touchesRings([
        rectangleCorners({ x: -5, y: -5 }, { x: 20, y: 20 }),
      ]),
    ).toBe(true);
  });

  test("shape inside an area's hole does not touch", () => {
    const outer = rectangleCorners({ x: -5, y: -5 }, { x: 20, y: 20 });
    const hole = rectangleCorners({ x: -1, y: -1 }, { x: 11, y: 11 });
    expect(index.touchesRings([outer, hole])).toBe(false);
  });

  test("area beside the shape does not touch", () => {
    expect(
      index.touchesRings([rectangleCorners({ x: 11, y: 0 }, { x: 20, y: 10 })]),
    ).toBe(false);
  });

  test("area in a lasso's notch does not touch", () => {
    // A "U" open at the top between x = 4 and x = 6, whose bounding box
    // contains the area.
    const lasso = new PolygonIndex([
      { x: 0, y: 0 },
      { x: 4, y: 0 },
      { x: 4, y: 8 },
      { x: 6, y: 8 },
      { x: 6, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ]);
    const inNotch = [rectangleCorners({ x: 4.5, y: 1 }, { x: 5.5, y: 7 })];
    const acrossNotch = [rectangleCorners({ x: 4.5, y: 1 }, { x: 5.5, y: 9 })];
    expect(lasso.touchesRings(inNotch)).toBe(false);
    expect(lasso.touchesRings(acrossNotch)).toBe(true);
  });

  test("shape of fewer than three vertices touches nothing", () => {
    const line = new PolygonIndex([
      { x: 0, y: 0 },
      { x: 10, y: 10 },
    ]);
    expect(line.touchesRings([square])).toBe(false);
  });
});

describe("PolygonIndex.contains", () => {
  test("matches pointInPolygon on a random lasso", () => {
    // A star-shaped lasso of 400 vertices, as a hand-drawn drag makes.
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const lasso = Array.from({ length: 400 }, (_, i) => {
      const angle = (i / 400) * 2 * Math.PI;
      const radius = 50 + 40 * random();
      return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
    });
    const index = new PolygonIndex(lasso);
    for (let i = 0; i < 2_000; i++) {
      const point = { x: 200 * random() - 100, y: 200 * random() - 100 };
      expect(index.contains(point)).toBe(pointInPolygon(point, lasso));
    }
  });
});
