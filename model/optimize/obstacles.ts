import type { Problem } from "./problem.ts";
import { offsetPercent } from "./tolerance.ts";
import type { BalanceObstacle } from "./types.ts";

/**
 * Finds plain reasons why no design can meet the tolerance, largest
 * deviation first:
 * - a movable unit whose weight, plus the smallest base weight of an
 *   unlocked territory, is above the mean by more than the tolerance;
 * - a territory whose base weight, fixed units or locked units are already
 *   above it;
 * - a locked territory below the mean by more than the tolerance.
 * NOTE: these are sufficient conditions only. A design can still be out of
 * reach for reasons not listed here, such as the shape of the adjacency.
 */
export function findObstacles(problem: Problem): BalanceObstacle[] {
  const n = problem.territoryIds.length;
  const above = (weight: number) => n * weight - problem.total;
  const isOver = (weight: number) => above(weight) > problem.allowedOffset;
  const percent = (weight: number) =>
    offsetPercent(above(weight), problem.total) ?? "0.0";

  const obstacles: (BalanceObstacle & { offset: number })[] = [];
  problem.floor.forEach((floor, t) => {
    const territoryId = problem.territoryIds[t];
    if (isOver(floor)) {
      obstacles.push({
        kind: "heavy-territory",
        territoryId,
        deviationPercent: percent(floor),
        offset: above(floor),
      });
    } else if (problem.locked[t] && -above(floor) > problem.allowedOffset) {
      obstacles.push({
        kind: "light-locked-territory",
        territoryId,
        deviationPercent: percent(floor),
        offset: -above(floor),
      });
    }
  });

  const smallestBase = smallestUnlockedBase(problem);
  for (const u of problem.heavyUnits) {
    const alone = problem.weight[u] + smallestBase;
    obstacles.push({
      kind: "heavy-unit",
      unitId: problem.unitIds[u],
      deviationPercent: percent(alone),
      offset: above(alone),
    });
  }

  obstacles.sort((a, b) => b.offset - a.offset);
  return obstacles.map(({ offset: _offset, ...obstacle }) => obstacle);
}

/** Formats an obstacle as one sentence, such as "unit 06037 alone exceeds the mean by 152.5%". */
export function describeObstacle(
  obstacle: BalanceObstacle,
  unitLabel: (unitId: string) => string = (id) => id,
): string {
  switch (obstacle.kind) {
    case "heavy-unit":
      return `unit ${unitLabel(obstacle.unitId)} alone exceeds the mean by ${obstacle.deviationPercent}%`;
    case "heavy-territory":
      return `territory ${obstacle.territoryId} exceeds the mean by ${obstacle.deviationPercent}% with its base weight, fixed and locked units alone`;
    case "light-locked-territory":
      return `locked territory ${obstacle.territoryId} is ${obstacle.deviationPercent.replace("-", "")}% below the mean and may not gain units`;
  }
}

function smallestUnlockedBase(problem: Problem): number {
  let smallest = Infinity;
  problem.baseWeight.forEach((base, t) => {
    if (!problem.locked[t]) smallest = Math.min(smallest, base);
  });
  return smallest === Infinity ? 0 : smallest;
}
