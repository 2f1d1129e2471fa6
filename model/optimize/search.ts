import type { CutUnits } from "./articulation.ts";
import type { RunControl } from "./control.ts";
import { forEachMove, type BorderMove } from "./moves.ts";
import type { Objective, UnitMove } from "./objective.ts";
import type { Partition } from "./partition.ts";
import type { StopReason } from "./types.ts";

/** Moves left for the search phase, shared by every attempt of one run. */
export interface MoveBudget {
  left: number;
}

export interface SearchOutcome {
  moves: number;
  stopReason: StopReason;
}

interface Candidate {
  moves: BorderMove[];
  score: number[];
  borderGainKm: number;
  sharedKm: number;
  rank: number;
}

/**
 * Improves a partition by local search, taking the best legal move (see
 * `choose`) one at a time. It stops when every territory is within the
 * tolerance (or out of it only where an obstacle forces it), when no move
 * improves the objective, when the budget runs out, or on cancel. When no
 * single move improves, it tries chains of two (a unit from A to B, then
 * another from B to C), which pass weight across a territory between them.
 */
export function improve(
  partition: Partition,
  cuts: CutUnits,
  objective: Objective,
  rank: Int32Array,
  control: RunControl,
  budget: MoveBudget,
  progressShare: (fraction: number) => number,
): SearchOutcome {
  const startExcess = partition.excess();
  let moves = 0;
  for (;;) {
    if (partition.excess() === 0) {
      const met = partition.isWithinTolerance();
      return {
        moves,
        stopReason: met ? "tolerance-met" : "obstacles-only",
      };
    }
    if (control.cancelled()) return { moves, stopReason: "cancelled" };
    if (budget.left <= 0) return { moves, stopReason: "iteration-limit" };

    const best =
      bestSingleMove(partition, cuts, objective, rank) ??
      bestMovePair(partition, cuts, objective, rank);
    if (best === null) return { moves, stopReason: "no-improving-move" };

    for (const move of best.moves) applyMove(partition, cuts, move);
    moves += best.moves.length;
    budget.left -= best.moves.length;
    control.progress(progressShare(1 - partition.excess() / startExcess));
  }
}

function applyMove(partition: Partition, cuts: CutUnits, move: UnitMove): void {
  partition.assign(move.unit, move.to);
  cuts.refresh(move.from);
  cuts.refresh(move.to);
}

function bestSingleMove(
  partition: Partition,
  cuts: CutUnits,
  objective: Objective,
  rank: Int32Array,
): Candidate | null {
  const candidates: Candidate[] = [];
  forEachMove(partition, cuts, (move) => {
    const moves = [move];
    const score = objective.scoreMoves(partition, moves);
    if (score === null) return;
    candidates.push({
      moves,
      score,
      borderGainKm: move.borderGainKm,
      sharedKm: move.sharedKm,
      rank: rank[move.unit],
    });
  });
  return choose(candidates, objective.compactShare);
}

/**
 * Tries chains of two moves that can bring an outside territory closer: a
 * first move out of a territory above the tolerance, or into a territory
 * that borders one below it, then every legal move out of the receiving
 * territory. The first move is applied and undone to find which second moves
 * keep the receiver in one piece.
 */
function bestMovePair(
  partition: Partition,
  cuts: CutUnits,
  objective: Objective,
  rank: Int32Array,
): Candidate | null {
  const { heavy, bordersLight } = outsideTerritories(partition);
  const firsts: BorderMove[] = [];
  forEachMove(partition, cuts, (move) => {
    if (heavy[move.from] || bordersLight[move.to]) firsts.push(move);
  });

  const candidates: Candidate[] = [];
  for (const first of firsts) {
    const seconds: BorderMove[] = [];
    const cutBefore = cuts.isCut[first.unit];
    partition.assign(first.unit, first.to);
    cuts.refresh(first.to);
    forEachMove(
      partition,
      cuts,
      (move) => {
        if (move.unit !== first.unit) seconds.push(move);
      },
      first.to,
    );
    partition.assign(first.unit, first.from);
    cuts.refresh(first.to);
    cuts.isCut[first.unit] = cutBefore;

    for (const second of seconds) {
      const moves = [first, second];
      const score = objective.scoreMoves(partition, moves);
      if (score === null) continue;
      candidates.push({
        moves,
        score,
        borderGainKm: first.borderGainKm + second.borderGainKm,
        sharedKm: first.sharedKm + second.sharedKm,
        rank: rank[first.unit],
      });
    }
  }
  return choose(candidates, objective.compactShare);
}

/** Flags territories above the tolerance, and territories that border one below it. */
function outsideTerritories(partition: Partition) {
  const { start, neighbour, allowedOffset } = partition.problem;
  const count = partition.total.length;
  const heavy = new Uint8Array(count);
  const light = new Uint8Array(count);
  for (let t = 0; t < count; t++) {
    const offset = partition.offset(t);
    if (partition.territoryExcess(t, offset, partition.heaviestUnitIn(t)) === 0)
      continue;
    if (offset > allowedOffset) heavy[t] = 1;
    if (offset < -allowedOffset) light[t] = 1;
  }

  const bordersLight = new Uint8Array(count);
  const owner = partition.owner;
  owner.forEach((t, u) => {
    if (t < 0 || !light[t]) return;
    for (let k = start[u]; k < start[u + 1]; k++) {
      const other = owner[neighbour[k]];
      if (other >= 0 && other !== t) bordersLight[other] = 1;
    }
  });
  return { heavy, bordersLight };
}

/**
 * Picks the best candidate by score, then the longer border with the
 * receiving territory, then the lower tie rank. With a compact share above 0,
 * every candidate whose first score reaches that share of the best one
 * qualifies, and the one that removes the most outline wins.
 */
function choose(
  candidates: Candidate[],
  compactShare: number,
): Candidate | null {
  let best: Candidate | null = null;
  for (const candidate of candidates) {
    if (best === null || isBetter(candidate, best)) best = candidate;
  }
  if (best === null || compactShare <= 0) return best;

  const threshold = best.score[0] * compactShare;
  let compact: Candidate = best;
  for (const candidate of candidates) {
    if (candidate.score[0] < threshold) continue;
    if (
      candidate.borderGainKm > compact.borderGainKm ||
      (candidate.borderGainKm === compact.borderGainKm &&
        isBetter(candidate, compact))
    ) {
      compact = candidate;
    }
  }
  return compact;
}

function isBetter(a: Candidate, b: Candidate): boolean {
  for (let i = 0; i < a.score.length; i++) {
    if (a.score[i] !== b.score[i]) return a.score[i] > b.score[i];
  }
  if (a.sharedKm !== b.sharedKm) return a.sharedKm > b.sharedKm;
  return a.rank < b.rank;
}
