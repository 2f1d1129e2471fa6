import { CutUnits } from "./articulation.ts";
import type { RunControl } from "./control.ts";
import { growTerritories } from "./growth.ts";
import { excessPerMove } from "./objective.ts";
import { Partition } from "./partition.ts";
import type { Problem } from "./problem.ts";
import { tieRanks, type SeededRandom } from "./random.ts";
import type { ModeOutcome } from "./scratch.ts";
import { improve, type MoveBudget } from "./search.ts";
import { placeSeeds } from "./seeds.ts";

/** Share of the progress spent assigning the units the input left unassigned. */
const FILL_SHARE = 0.1;

/**
 * Repairs the current design. Unassigned units are first grown into the
 * territories around them, and an empty territory gets a seed among them.
 * Then the search takes the move that removes the most excess per newly moved
 * unit, one at a time. It stops as soon as every territory is within the
 * tolerance, so a design already within it comes back unchanged.
 */
export function balanceWithFewestMoves(
  problem: Problem,
  random: SeededRandom,
  control: RunControl,
  budget: MoveBudget,
): ModeOutcome {
  const rank = tieRanks(random, problem.unitIds.length);
  const partition = new Partition(problem, problem.current);
  placeSeeds(partition, random, rank);
  control.enter({ step: "growing", attempt: 1, attempts: 1 });
  const filled = growTerritories(
    partition,
    rank,
    control,
    (fraction) => fraction * FILL_SHARE,
  );
  if (!filled) return { partition, iterations: 0, stopReason: "cancelled" };

  control.enter({ step: "improving", attempt: 1, attempts: 1 });
  const outcome = improve(
    partition,
    new CutUnits(partition),
    excessPerMove,
    rank,
    control,
    budget,
    (fraction) => FILL_SHARE + fraction * (1 - FILL_SHARE),
  );
  return {
    partition,
    iterations: outcome.moves,
    stopReason: outcome.stopReason,
  };
}
