import { describe, expect, test } from "vitest";
import { AdjacencyGraph } from "../../../model/geo/adjacency.ts";
import { shapeFigures } from "../../../model/geo/compactness.ts";
import { connectedPieces, countPieces } from "../../../model/geo/contiguity.ts";

// A row of 1 km squares a - b - c - d, and e linked to d across water.
const square = (id: string, neighbours: [string, number][]) => ({
  id,
  areaKm2: 1,
  perimeterKm: 4,
  neighbours,
});
const graph = new AdjacencyGraph([
  square("a", [["b", 1]]),
  square("b", [
    ["a", 1],
    ["c", 1],
  ]),
  square("c", [
    ["b", 1],
    ["d", 1],
  ]),
  square("d", [
    ["c", 1],
    ["e", 0],
  ]),
  square("e", [["d", 0]]),
]);

describe("connectedPieces", () => {
  test("a connected set is one piece", () => {
    expect(connectedPieces(graph, ["a", "b", "c"])).toEqual([["a", "b", "c"]]);
  });

  test("a gap splits the set, largest piece first", () => {
    expect(connectedPieces(graph, ["a", "c", "d"])).toEqual([
      ["c", "d"],
      ["a"],
    ]);
    expect(countPieces(graph, ["a", "c", "e"])).toBe(3);
  });

  test("a water link joins an island", () => {
    expect(countPieces(graph, ["d", "e"])).toBe(1);
  });

  test("an empty set has no pieces", () => {
    expect(countPieces(graph, [])).toBe(0);
  });

  test("an unknown unit is an error", () => {
    expect(() => countPieces(graph, ["zz"])).toThrow(/Unknown unit "zz"/);
  });
});

describe("shapeFigures", () => {
  test("one square scores pi/4", () => {
    const figures = shapeFigures(graph, ["a"]);
    expect(figures.perimeterKm).toBe(4);
    expect(figures.polsbyPopper).toBeCloseTo(Math.PI / 4, 10);
  });

  test("internal borders leave the outline", () => {
    const figures = shapeFigures(graph, ["a", "b"]);
    expect(figures.areaKm2).toBe(2);
    expect(figures.perimeterKm).toBe(6);
    expect(figures.polsbyPopper).toBeCloseTo((4 * Math.PI * 2) / 36, 10);
  });

  test("a long row is less compact than a short one", () => {
    const short = shapeFigures(graph, ["a", "b"]).polsbyPopper!;
    const long = shapeFigures(graph, ["a", "b", "c", "d"]).polsbyPopper!;
    expect(long).toBeLessThan(short);
  });

  test("no units has no score", () => {
    expect(shapeFigures(graph, []).polsbyPopper).toBeNull();
  });
});

describe("AdjacencyGraph", () => {
  test("rejects an unknown neighbour", () => {
    expect(() => new AdjacencyGraph([square("a", [["q", 1]])])).toThrow(
      /unknown neighbour "q"/,
    );
  });
});
