import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  AdjacencyGraph,
  type UnitShape,
} from "../../../model/geo/adjacency.ts";
import { shapeFigures } from "../../../model/geo/compactness.ts";
import { connectedPieces } from "../../../model/geo/contiguity.ts";
import { ShapeTracker } from "../../../model/geo/shape-tracker.ts";

// A row of 1 km squares a - b - c - d - e.
const square = (id: string, neighbours: string[]): UnitShape => ({
  id,
  areaKm2: 1,
  perimeterKm: 4,
  neighbours: neighbours.map((n) => [n, 1] as const),
});
const graph = new AdjacencyGraph([
  square("a", ["b"]),
  square("b", ["a", "c"]),
  square("c", ["b", "d"]),
  square("d", ["c", "e"]),
  square("e", ["d"]),
]);

describe("ShapeTracker", () => {
  test("painting the middle unit splits a territory in two", () => {
    const tracker = new ShapeTracker(graph);
    tracker.update(
      new Map([
        ["a", "red"],
        ["b", "red"],
        ["c", "red"],
      ]),
    );
    expect(tracker.shapeOf("red").pieces).toEqual([["a", "b", "c"]]);

    const measured = tracker.update(
      new Map([
        ["a", "red"],
        ["b", "blue"],
        ["c", "red"],
      ]),
    );
    expect(measured.sort()).toEqual(["blue", "red"]);
    expect(tracker.shapeOf("red").pieces).toEqual([["a"], ["c"]]);
    expect(tracker.shapeOf("blue").pieces).toEqual([["b"]]);
  });

  test("recounts only the territories whose units changed", () => {
    const tracker = new ShapeTracker(graph);
    const first = new Map([
      ["a", "red"],
      ["b", "red"],
      ["d", "green"],
      ["e", "green"],
    ]);
    expect(tracker.update(first).sort()).toEqual(["green", "red"]);

    // The same assignment again measures nothing.
    expect(tracker.update(new Map(first))).toEqual([]);

    // Painting c into red touches red only; green keeps its figures.
    const second = new Map(first).set("c", "red");
    expect(tracker.update(second)).toEqual(["red"]);
    expect(tracker.shapeOf("green").pieces).toEqual([["d", "e"]]);

    // Unassigning b touches red only and splits it.
    const third = new Map(second);
    third.delete("b");
    expect(tracker.update(third)).toEqual(["red"]);
    expect(tracker.shapeOf("red").pieces).toEqual([["a"], ["c"]]);
  });

  test("a territory that loses every unit has no pieces", () => {
    const tracker = new ShapeTracker(graph);
    tracker.update(new Map([["a", "red"]]));
    tracker.update(new Map());
    expect(tracker.shapeOf("red")).toEqual({ pieces: [], polsbyPopper: null });
  });

  test("regions measure the union of their territories", () => {
    const tracker = new ShapeTracker(graph);
    const assignments = new Map([
      ["a", "red"],
      ["b", "blue"],
      ["d", "green"],
    ]);
    const west = new Map([["west", ["red", "blue"]]]);
    expect(tracker.update(assignments, west).sort()).toEqual([
      "blue",
      "green",
      "red",
      "west",
    ]);
    expect(tracker.shapeOf("west").pieces).toEqual([["a", "b"]]);

    // Unchanged members and assignments: the region is not measured again.
    expect(tracker.update(assignments, west)).toEqual([]);

    // A new member joins: only the region is measured again.
    const wider = new Map([["west", ["red", "blue", "green"]]]);
    expect(tracker.update(assignments, wider)).toEqual(["west"]);
    expect(tracker.shapeOf("west").pieces).toEqual([["a", "b"], ["d"]]);

    // A region that is gone has no shape any more.
    tracker.update(assignments, new Map());
    expect(tracker.shapeOf("west").pieces).toEqual([]);
  });

  test("units outside the adjacency graph are ignored", () => {
    const tracker = new ShapeTracker(graph);
    tracker.update(
      new Map([
        ["a", "red"],
        ["zz", "red"],
      ]),
    );
    expect(tracker.shapeOf("red").pieces).toEqual([["a"]]);
  });

  test("incremental equals full recount on demo", () => {
    const read = (file: string) =>
      JSON.parse(readFileSync(`public/data/${file}`, "utf8"));
    const real = new AdjacencyGraph(
      (read("adjacency.json") as { units: UnitShape[] }).units,
    );
    const demo = read("demo-plan.json") as {
      assignments: Record<string, string>;
    };
    const assignments = new Map(Object.entries(demo.assignments));
    const tracker = new ShapeTracker(real);
    tracker.update(assignments);
    expect(tracker.shapeOf("pacific").pieces).toHaveLength(3);

    // Kansas's Wichita County (20203) sits between Greeley (20071) and
    // Scott (20171); moving a stripe of counties changes two divisions.
    const moved = new Map(assignments);
    for (const unitId of ["20203", "20171", "20101"])
      moved.set(unitId, "mountain");
    expect(tracker.update(moved).sort()).toEqual([
      "mountain",
      "west-north-central",
    ]);

    for (const key of new Set(moved.values())) {
      const units = [...moved]
        .filter(([, t]) => t === key)
        .map(([u]) => u)
        .sort();
      expect(tracker.shapeOf(key).pieces, key).toEqual(
        connectedPieces(real, units),
      );
      expect(tracker.shapeOf(key).polsbyPopper, key).toBe(
        shapeFigures(real, units).polsbyPopper,
      );
    }
  });
});
