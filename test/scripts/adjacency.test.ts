import type { Topology } from "topojson-specification";
import { describe, expect, test } from "vitest";
import { buildAdjacency } from "../../scripts/data/adjacency.ts";

// Counties A and B share the edge x = 1; C is an island of the same state;
// D is alone in another state. One degree at the equator is about 111.2 km.
const topology = {
  type: "Topology",
  objects: {
    counties: {
      type: "GeometryCollection",
      geometries: [
        { type: "Polygon", id: "01001", arcs: [[0, 1]] },
        { type: "Polygon", id: "01003", arcs: [[~0, 2]] },
        { type: "Polygon", id: "01005", arcs: [[3]] },
        { type: "Polygon", id: "02001", arcs: [[4]] },
      ],
    },
  },
  arcs: [
    [
      [1, 0],
      [1, 1],
    ],
    [
      [1, 1],
      [0, 1],
      [0, 0],
      [1, 0],
    ],
    [
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
    ],
    [
      [5, 0],
      [5, 1],
      [6, 1],
      [6, 0],
      [5, 0],
    ],
    [
      [9, 0],
      [9, 1],
      [10, 1],
      [10, 0],
      [9, 0],
    ],
  ],
} as unknown as Topology;

const points = [
  { id: "01001", stateFips: "01", lon: 0.5, lat: 0.5 },
  { id: "01003", stateFips: "01", lon: 1.5, lat: 0.5 },
  { id: "01005", stateFips: "01", lon: 5.5, lat: 0.5 },
  { id: "02001", stateFips: "02", lon: 9.5, lat: 0.5 },
];

describe("buildAdjacency", () => {
  const adjacency = buildAdjacency(topology, points);
  const unit = (id: string) => adjacency.units.find((u) => u.id === id)!;

  test("units sharing an arc are neighbours with the border length", () => {
    expect(unit("01001").neighbours[0][0]).toBe("01003");
    expect(unit("01001").neighbours[0][1]).toBeCloseTo(111.2, 0);
    expect(unit("01003").neighbours.map(([id]) => id)).toContain("01001");
  });

  test("area and perimeter are measured on the sphere", () => {
    expect(unit("01001").areaKm2).toBeGreaterThan(12_300);
    expect(unit("01001").areaKm2).toBeLessThan(12_400);
    expect(unit("01001").perimeterKm).toBeCloseTo(444.8, 0);
  });

  test("an island is linked to the nearest unit of its state", () => {
    expect(adjacency.waterLinks).toEqual([["01003", "01005"]]);
    expect(unit("01005").neighbours).toEqual([["01003", 0]]);
  });

  test("a unit alone in its state gets no link", () => {
    expect(unit("02001").neighbours).toEqual([]);
  });
});
