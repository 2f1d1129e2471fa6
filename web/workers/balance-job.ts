import { AdjacencyGraph } from "../../model/geo/adjacency.ts";
import { balanceTerritories } from "../../model/optimize/balance.ts";
import { BalanceInputError } from "../../model/optimize/errors.ts";
import type {
  BalanceObstacle,
  BalancePhase,
  StopReason,
  TerritoryBalance,
} from "../../model/optimize/types.ts";
import {
  maxDeviationOf,
  type BalanceRequest,
} from "../plan/balance-request.ts";

/** Message from the page to the balance worker. */
export interface BalanceJobRequest {
  type: "run";
  request: BalanceRequest;
}

/** Result of a finished run: the design and the figures the Balance tab shows. */
export interface BalanceOutcome {
  /** Territory of every unit in scope. */
  assignment: Map<string, string>;
  /** Largest |deviation| in percent of the design before the run; null when the total is 0. */
  maxDeviationBefore: string | null;
  maxDeviationAfter: string | null;
  tolerancePercent: string;
  toleranceMet: boolean;
  territories: TerritoryBalance[];
  unitsMoved: number;
  iterations: number;
  stopReason: StopReason;
  obstacles: BalanceObstacle[];
}

/** Message from the balance worker to the page. */
export type BalanceJobMessage =
  | { type: "progress"; fraction: number; label: string }
  | { type: "done"; outcome: BalanceOutcome }
  | { type: "failed"; message: string };

/** Minimum time between two progress messages of the same step, in milliseconds. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Runs one balance request and sends its messages through `send`:
 * progress when the step changes or at most every PROGRESS_INTERVAL_MS,
 * then `done` with the outcome or `failed` with a message to show. The run
 * is synchronous, so a cancel stops it by terminating the worker.
 */
export function runBalanceJob(
  request: BalanceRequest,
  send: (message: BalanceJobMessage) => void,
  now: () => number = () => performance.now(),
): void {
  let lastLabel = "";
  let lastSent = -Infinity;
  const onProgress = (fraction: number, phase: BalancePhase) => {
    const label = phaseLabel(phase);
    const time = now();
    if (label === lastLabel && time - lastSent < PROGRESS_INTERVAL_MS) return;
    lastLabel = label;
    lastSent = time;
    send({ type: "progress", fraction, label });
  };

  try {
    const result = balanceTerritories({
      ...request,
      graph: new AdjacencyGraph(request.shapes),
      onProgress,
    });
    send({
      type: "done",
      outcome: {
        assignment: result.assignment,
        maxDeviationBefore: maxDeviationOf(request, request.current),
        maxDeviationAfter: result.maxDeviationPercent,
        tolerancePercent: request.tolerancePercent,
        toleranceMet: result.toleranceMet,
        territories: result.territories,
        unitsMoved: result.unitsMoved,
        iterations: result.iterations,
        stopReason: result.stopReason,
        obstacles: result.obstacles,
      },
    });
  } catch (error) {
    if (error instanceof BalanceInputError) {
      send({ type: "failed", message: error.message });
      return;
    }
    // An error other than invalid input is a defect: keep its stack in the console.
    console.error(error);
    send({
      type: "failed",
      message: `The optimizer failed: ${(error as Error).message}. Try another seed, and report the error if it stays.`,
    });
  }
}

/** Names a step for the progress bar, such as "Improving the balance, attempt 2 of up to 8". */
export function phaseLabel(phase: BalancePhase): string {
  const step =
    phase.step === "growing" ? "Growing territories" : "Improving the balance";
  if (phase.attempts === 1) return step;
  return `${step}, attempt ${phase.attempt} of up to ${phase.attempts}`;
}
