import { shapeFigures } from "../geo/compactness.ts";
import { countPieces } from "../geo/contiguity.ts";
import type { Partition } from "./partition.ts";
import { offsetPercent } from "./tolerance.ts";
import type {
  BalanceObstacle,
  BalanceResult,
  StopReason,
  TerritoryBalance,
} from "./types.ts";

/** Builds the caller's result from a finished (or cancelled) partition. */
export function summarize(
  partition: Partition,
  iterations: number,
  stopReason: StopReason,
  obstacles: BalanceObstacle[],
): BalanceResult {
  const { problem } = partition;
  const assignment = new Map<string, string>();
  const movedUnitIds: string[] = [];
  const unassignedUnitIds: string[] = [];
  problem.unitIds.forEach((unitId, u) => {
    const t = partition.owner[u];
    if (t >= 0) assignment.set(unitId, problem.territoryIds[t]);
    else unassignedUnitIds.push(unitId);
    if (t !== problem.current[u]) movedUnitIds.push(unitId);
  });

  const territories = problem.territoryIds.map((id, t) =>
    territoryBalance(partition, t, id),
  );
  const maxOffset = partition.maxAbsOffset();
  const total = problem.total;
  return {
    assignment,
    territories,
    mean: total / territories.length,
    maxDeviationPercent: offsetPercent(maxOffset, total),
    maxDeviation: total === 0 ? null : (maxOffset / total) * 100,
    toleranceMet:
      unassignedUnitIds.length === 0 && partition.isWithinTolerance(),
    unitsMoved: movedUnitIds.length,
    movedUnitIds,
    unassignedUnitIds,
    iterations,
    stopReason,
    obstacles,
  };
}

function territoryBalance(
  partition: Partition,
  t: number,
  id: string,
): TerritoryBalance {
  const { problem } = partition;
  const unitIds = partition.members(t).map((u) => problem.unitIds[u]);
  return {
    id,
    units: unitIds.length,
    total: partition.total[t],
    deviationPercent: offsetPercent(partition.offset(t), problem.total),
    pieces: countPieces(problem.graph, unitIds),
    polsbyPopper: shapeFigures(problem.graph, unitIds).polsbyPopper,
  };
}
