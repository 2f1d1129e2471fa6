import type { AdjacencyGraph } from "../geo/adjacency.ts";
import { CutUnits } from "./articulation.ts";
import { forEachMove, type BorderMove } from "./moves.ts";
import { Partition } from "./partition.ts";
import { buildProblem } from "./problem.ts";
import { SeededRandom } from "./random.ts";

/**
 * Moves a share of the boundary units of a design to a neighbouring
 * territory, one seeded random legal move at a time, so no territory gains a
 * piece. Each unit moves at most once, and only across a land border. Tests
 * and benchmarks use it to make an unbalanced starting design for
 * minimize-disruption.
 */
export function perturbDesign(
  graph: AdjacencyGraph,
  assignment: ReadonlyMap<string, string>,
  share: number,
  seed: number,
): Map<string, string> {
  const unitIds = [...assignment.keys()];
  const territoryIds = [...new Set(assignment.values())].sort();
  const problem = buildProblem({
    graph,
    unitIds,
    weights: new Map(unitIds.map((id) => [id, 0])),
    territories: territoryIds.map((id) => ({ id })),
    current: assignment,
    tolerancePercent: 0,
    mode: "scratch",
    seed,
  });
  const partition = new Partition(problem, problem.current);
  const cuts = new CutUnits(partition);
  const random = new SeededRandom(seed);
  const moved = new Uint8Array(unitIds.length);

  const boundary = new Set<number>();
  forEachMove(partition, cuts, (move) => boundary.add(move.unit));
  const count = Math.round(share * boundary.size);
  for (let i = 0; i < count; i++) {
    const moves: BorderMove[] = [];
    forEachMove(partition, cuts, (move) => {
      if (!moved[move.unit] && move.sharedKm > 0) moves.push(move);
    });
    if (moves.length === 0) break;
    const move = moves[random.below(moves.length)];
    partition.assign(move.unit, move.to);
    cuts.refresh(move.from);
    cuts.refresh(move.to);
    moved[move.unit] = 1;
  }

  return new Map(
    problem.unitIds.map((id, u) => [id, territoryIds[partition.owner[u]]]),
  );
}
