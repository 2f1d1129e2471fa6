import type { AdjacencyGraph } from "../geo/adjacency.ts";

/** `scratch` designs territories anew; `minimize-disruption` repairs the current design with as few unit moves as it can find. */
export type BalanceMode = "scratch" | "minimize-disruption";

/** Step of a run that a progress report belongs to. */
export interface BalancePhase {
  /** `growing` assigns unassigned units; `improving` is the local search. */
  step: "growing" | "improving";
  /** Attempt number from 1; scratch mode makes up to `attempts`, minimize-disruption mode one. */
  attempt: number;
  attempts: number;
}

/** A territory the optimizer fills. */
export interface BalanceTerritory {
  id: string;
  /** A locked territory keeps its current units, and no unit moves into it. */
  locked?: boolean;
  /** Metric credited to the territory apart from its units, such as the potential of named-account overrides. A safe integer, 0 when absent. */
  baseWeight?: number;
}

export interface BalanceInput {
  /** Adjacency of all units; it may hold more units than `unitIds`. */
  graph: AdjacencyGraph;
  /** Units to partition, such as the counties of one state. */
  unitIds: readonly string[];
  /** Metric per unit as a non-negative safe integer (people, cents or accounts). */
  weights: ReadonlyMap<string, number>;
  territories: readonly BalanceTerritory[];
  /** The design before the run: unit id to territory id. Units outside `unitIds` are ignored. */
  current?: ReadonlyMap<string, string>;
  /** Units that keep their territory in `current`, such as units holding an account override. */
  fixedUnitIds?: readonly string[];
  /** Largest allowed |deviation| from the mean, in percent, with at most two decimals. */
  tolerancePercent: string | number;
  mode: BalanceMode;
  /** Seed of the pseudo-random generator; only its low 32 bits are used. */
  seed: number;
  /** Cap on unit moves in the search phase, over all attempts. Default: 40 per unit, plus 1,000. */
  maxIterations?: number;
  /** Number of seeded growth attempts in scratch mode; the best is kept. Default 8. */
  attempts?: number;
  /** Called with the fraction of the work done, from 0 to 1, never decreasing, and the step it belongs to. */
  onProgress?: (fraction: number, phase: BalancePhase) => void;
  /** Polled between steps; returning true stops the run with the best design so far. */
  shouldCancel?: () => boolean;
}

/** One territory of the result. */
export interface TerritoryBalance {
  id: string;
  units: number;
  /** Metric total, base weight included. */
  total: number;
  /** Signed deviation from the mean in percent with one decimal, such as "-3.2"; null when the grand total is 0. */
  deviationPercent: string | null;
  /** Connected pieces of its units under the adjacency graph; 0 for no units. */
  pieces: number;
  /** Polsby-Popper score of its merged shape; null for no units. */
  polsbyPopper: number | null;
}

/** Reason that no design can meet the tolerance. */
export type BalanceObstacle =
  | {
      /** One movable unit alone, in the territory with the smallest base weight, is above the upper bound. */
      kind: "heavy-unit";
      unitId: string;
      deviationPercent: string;
    }
  | {
      /** A territory's base weight, fixed units or locked units alone are above the upper bound. */
      kind: "heavy-territory";
      territoryId: string;
      deviationPercent: string;
    }
  | {
      /** A locked territory is below the lower bound, and no unit may join it. */
      kind: "light-locked-territory";
      territoryId: string;
      deviationPercent: string;
    };

export type StopReason =
  | "tolerance-met"
  /** Every territory is within the tolerance except where an obstacle keeps it out. */
  | "obstacles-only"
  | "no-improving-move"
  | "iteration-limit"
  | "cancelled";

export interface BalanceResult {
  /** Unit id to territory id, in unit id order; a unit missing here is unassigned (only after a cancel). */
  assignment: Map<string, string>;
  territories: TerritoryBalance[];
  /** Mean total per territory, for display. */
  mean: number;
  /** Largest |deviation| in percent with one decimal, exact; null when the grand total is 0. */
  maxDeviationPercent: string | null;
  /** The same as a number, for sorting and charts. */
  maxDeviation: number | null;
  toleranceMet: boolean;
  /** Units whose territory differs from `current`; a unit missing from `current` counts as moved. */
  unitsMoved: number;
  movedUnitIds: string[];
  /** Units left unassigned because the run was cancelled while growing territories. */
  unassignedUnitIds: string[];
  /** Unit moves made by the search phase, over all attempts. */
  iterations: number;
  stopReason: StopReason;
  obstacles: BalanceObstacle[];
}
