import { CutUnits } from "./articulation.ts";
import type { RunControl } from "./control.ts";
import { growTerritories } from "./growth.ts";
import { sumOfSquares } from "./objective.ts";
import { Partition } from "./partition.ts";
import type { Problem } from "./problem.ts";
import { tieRanks, type SeededRandom } from "./random.ts";
import { improve, type MoveBudget } from "./search.ts";
import { placeSeeds } from "./seeds.ts";
import type { StopReason } from "./types.ts";

export interface ModeOutcome {
  partition: Partition;
  iterations: number;
  stopReason: StopReason;
}

/** Share of one attempt's progress spent growing; the rest is the search. */
const GROWTH_SHARE = 0.2;

/**
 * Designs territories anew. Each attempt seeds and grows territories, then
 * improves them by local search. A new attempt starts only when the search
 * found no improving move short of the tolerance. The result is the best
 * attempt: the smallest max deviation, then the smallest sum of squares.
 * Pinned units keep their territory and start its growth. Needs at least one
 * attempt.
 */
export function balanceFromScratch(
  problem: Problem,
  random: SeededRandom,
  control: RunControl,
  budget: MoveBudget,
  attempts: number,
): ModeOutcome {
  const start = problem.current.map((t, u) => (problem.pinned[u] ? t : -1));
  let best: Partition | null = null;
  let iterations = 0;
  let stopReason: StopReason = "no-improving-move";

  for (let attempt = 0; attempt < attempts; attempt++) {
    const share = (fraction: number) => (attempt + fraction) / attempts;
    const rank = tieRanks(random, problem.unitIds.length);
    const partition = new Partition(problem, start);
    placeSeeds(partition, random, rank);
    control.enter({ step: "growing", attempt: attempt + 1, attempts });
    const grown = growTerritories(partition, rank, control, (fraction) =>
      share(fraction * GROWTH_SHARE),
    );
    if (!grown) {
      return {
        partition: best ?? partition,
        iterations,
        stopReason: "cancelled",
      };
    }

    control.enter({ step: "improving", attempt: attempt + 1, attempts });
    const outcome = improve(
      partition,
      new CutUnits(partition),
      sumOfSquares,
      rank,
      control,
      budget,
      (fraction) => share(GROWTH_SHARE + fraction * (1 - GROWTH_SHARE)),
    );
    iterations += outcome.moves;
    stopReason = outcome.stopReason;
    if (best === null || isBetterDesign(partition, best)) best = partition;
    if (stopReason !== "no-improving-move") break;
  }
  return { partition: best!, iterations, stopReason };
}

function isBetterDesign(a: Partition, b: Partition): boolean {
  const offsetA = a.maxAbsOffset();
  const offsetB = b.maxAbsOffset();
  if (offsetA !== offsetB) return offsetA < offsetB;
  return a.sumOfSquares() < b.sumOfSquares();
}
