import { describe, expect, test } from "vitest";
import { CutUnits } from "../../../model/optimize/articulation.ts";
import { forEachMove } from "../../../model/optimize/moves.ts";
import { Partition } from "../../../model/optimize/partition.ts";
import { buildProblem } from "../../../model/optimize/problem.ts";
import { gridGraph } from "./fixtures.ts";

/** Builds a 3 x 3 grid where every unit weighs 1 and the layout names each unit's territory. */
function gridPartition(layout: string[]) {
  const graph = gridGraph(3, 3);
  const current = new Map<string, string>();
  layout.forEach((row, r) =>
    [...row].forEach((t, c) => current.set(`r${r}c${c}`, t)),
  );
  const problem = buildProblem({
    graph,
    unitIds: graph.ids,
    weights: new Map(graph.ids.map((id) => [id, 1])),
    territories: [{ id: "A" }, { id: "B" }, { id: "C" }],
    current,
    tolerancePercent: 5,
    mode: "minimize-disruption",
    seed: 1,
  });
  const partition = new Partition(problem, problem.current);
  return { problem, partition, cuts: new CutUnits(partition) };
}

function cutIds(layout: string[]): string[] {
  const { problem, cuts } = gridPartition(layout);
  return problem.unitIds.filter((_, u) => cuts.isCut[u]);
}

describe("CutUnits", () => {
  test("middle of a path is a cut unit, its ends are not", () => {
    expect(cutIds(["AAA", "BBB", "CCC"])).toEqual(["r0c1", "r1c1", "r2c1"]);
  });

  test("a ring has no cut unit", () => {
    expect(cutIds(["AAA", "ABA", "AAA"])).toEqual([]);
  });

  test("an L-shaped corner joins its arms", () => {
    // A runs r0c0 r1c0 r2c0 r2c1 r2c2; B is a 2 x 2 block without cut units.
    expect(cutIds(["ABB", "ABB", "AAA"])).toEqual(["r1c0", "r2c0", "r2c1"]);
  });

  test("refresh follows a move", () => {
    const { problem, partition, cuts } = gridPartition(["AAA", "BBB", "CCC"]);
    const u = problem.unitIds.indexOf("r0c2");
    partition.assign(u, 1);
    cuts.refresh(0);
    cuts.refresh(1);
    // A is now r0c0 r0c1: two units, neither is a cut unit.
    expect(cuts.isCut[problem.unitIds.indexOf("r0c1")]).toBe(0);
    // B is r0c2 r1c0 r1c1 r1c2: r1c2 joins r0c2 to the row.
    expect(cuts.isCut[problem.unitIds.indexOf("r1c2")]).toBe(1);
  });
});

describe("forEachMove", () => {
  test("lists only moves that keep the donor in one piece", () => {
    const { problem, partition, cuts } = gridPartition(["AAA", "BBB", "CCC"]);
    const moves: string[] = [];
    forEachMove(partition, cuts, (move) => {
      moves.push(
        `${problem.unitIds[move.unit]} ${problem.territoryIds[move.from]}>${problem.territoryIds[move.to]}`,
      );
    });
    expect(moves).toEqual([
      "r0c0 A>B",
      "r0c2 A>B",
      "r1c0 B>A",
      "r1c0 B>C",
      "r1c2 B>A",
      "r1c2 B>C",
      "r2c0 C>B",
      "r2c2 C>B",
    ]);
  });

  test("reports the border with the receiver and the border given up", () => {
    const { problem, partition, cuts } = gridPartition(["AAB", "ABB", "CCC"]);
    const seen = new Map<string, [number, number]>();
    forEachMove(partition, cuts, (move) => {
      seen.set(
        `${problem.unitIds[move.unit]}>${problem.territoryIds[move.to]}`,
        [move.sharedKm, move.borderGainKm],
      );
    });
    // r0c1 touches B twice (r0c2, r1c1) and A once (r0c0).
    expect(seen.get("r0c1>B")).toEqual([2, 1]);
  });
});
