import { RunControl } from "./control.ts";
import { balanceWithFewestMoves } from "./disruption.ts";
import { BalanceInputError } from "./errors.ts";
import { findObstacles } from "./obstacles.ts";
import { buildProblem } from "./problem.ts";
import { SeededRandom } from "./random.ts";
import { balanceFromScratch } from "./scratch.ts";
import { summarize } from "./summary.ts";
import type { BalanceInput, BalanceResult } from "./types.ts";

const DEFAULT_ATTEMPTS = 8;
// The move cap only guarantees an end. The benchmark states used at most
// 14 moves per unit: California, whose 8 attempts all run to a local optimum.
const MOVES_PER_UNIT = 40;
const BASE_MOVES = 1_000;

/**
 * Partitions units into territories with balanced metric totals, keeping
 * every territory contiguous. docs/OPTIMIZER.md states the rules. Raises
 * BalanceInputError on invalid input; a cancel returns the best design so far.
 */
export function balanceTerritories(input: BalanceInput): BalanceResult {
  const problem = buildProblem(input);
  if (input.mode !== "scratch" && input.mode !== "minimize-disruption") {
    throw new BalanceInputError(
      `Unknown mode ${JSON.stringify(input.mode)}: use "scratch" or "minimize-disruption".`,
    );
  }
  const attempts = checkedCount(input.attempts ?? DEFAULT_ATTEMPTS, "attempts");
  if (attempts < 1) {
    throw new BalanceInputError("Invalid attempts 0: give 1 or more.");
  }
  const budget = {
    left: checkedCount(
      input.maxIterations ??
        MOVES_PER_UNIT * problem.unitIds.length + BASE_MOVES,
      "maxIterations",
    ),
  };
  const control = new RunControl(input.onProgress, input.shouldCancel);
  const random = new SeededRandom(checkedSeed(input.seed));

  const outcome =
    input.mode === "scratch"
      ? balanceFromScratch(problem, random, control, budget, attempts)
      : balanceWithFewestMoves(problem, random, control, budget);
  control.progress(1);
  return summarize(
    outcome.partition,
    outcome.iterations,
    outcome.stopReason,
    findObstacles(problem),
  );
}

function checkedCount(value: number, optionName: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new BalanceInputError(
      `Invalid ${optionName} ${value}: give a whole number of 0 or more.`,
    );
  }
  return value;
}

function checkedSeed(seed: number): number {
  if (!Number.isSafeInteger(seed)) {
    throw new BalanceInputError(
      `Invalid seed ${seed}: give a whole number, such as 1.`,
    );
  }
  return seed;
}
