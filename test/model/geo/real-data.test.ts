import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  AdjacencyGraph,
  type UnitShape,
} from "../../../model/geo/adjacency.ts";
import { shapeFigures } from "../../../model/geo/compactness.ts";
import { countPieces } from "../../../model/geo/contiguity.ts";

const readJson = (file: string) =>
  JSON.parse(readFileSync(`public/data/${file}`, "utf8"));
const adjacency: { units: UnitShape[] } = readJson("adjacency.json");
const demo: { assignments: Record<string, string> } =
  readJson("demo-plan.json");
const graph = new AdjacencyGraph(adjacency.units);

function unitsOf(key: string): string[] {
  return Object.entries(demo.assignments)
    .filter(([, territory]) => territory === key)
    .map(([unitId]) => unitId);
}

describe("contiguity on the demo plan", () => {
  test("every mainland Census division is one piece", () => {
    const keys = [...new Set(Object.values(demo.assignments))].filter(
      (key) => key !== "pacific",
    );
    expect(keys.length).toBe(8);
    for (const key of keys)
      expect({ key, pieces: countPieces(graph, unitsOf(key)) }).toEqual({
        key,
        pieces: 1,
      });
  });

  test("the Pacific division has three pieces: mainland, Alaska and Hawaii", () => {
    expect(countPieces(graph, unitsOf("pacific"))).toBe(3);
  });

  test("a state is more compact than a division of many states", () => {
    const colorado = adjacency.units
      .filter((u) => u.id.startsWith("08"))
      .map((u) => u.id);
    const coloradoScore = shapeFigures(graph, colorado).polsbyPopper!;
    const southAtlantic = shapeFigures(
      graph,
      unitsOf("south-atlantic"),
    ).polsbyPopper!;
    expect(coloradoScore).toBeGreaterThan(0.6);
    expect(southAtlantic).toBeLessThan(coloradoScore);
  });
});
