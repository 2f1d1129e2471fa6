import type {
  BalanceObstacle,
  StopReason,
} from "../../model/optimize/types.ts";
import type { BalanceOutcome } from "../workers/balance-job.ts";

/** Reason for each stop, worded to end "The optimizer stopped because …". */
const STOP_REASONS: Record<StopReason, string> = {
  "tolerance-met": "every territory is within the tolerance",
  "obstacles-only":
    "every territory is within the tolerance except where an obstacle below keeps it out",
  "no-improving-move": "no single move or pair of moves improves the balance",
  "iteration-limit": "it reached its move limit",
  cancelled: "it was cancelled",
};

/** Names for the notes: a county's label and a territory's name by id. */
export interface NoteNames {
  unit: (unitId: string) => string;
  territory: (territoryId: string) => string;
}

/**
 * Lists the optimizer's notes on a run as sentences: whether it met the
 * tolerance, why it stopped, and each obstacle that keeps the tolerance out
 * of reach.
 */
export function balanceNotes(
  outcome: BalanceOutcome,
  names: NoteNames,
): string[] {
  const tolerance = `${outcome.tolerancePercent}%`;
  const notes = [
    outcome.toleranceMet
      ? `Every territory is within ±${tolerance} of the mean.`
      : `The tolerance of ±${tolerance} is not met.`,
    `The optimizer stopped because ${STOP_REASONS[outcome.stopReason]}.`,
  ];
  for (const obstacle of outcome.obstacles) {
    notes.push(`${capitalize(describe(obstacle, names))}.`);
  }
  return notes;
}

function describe(obstacle: BalanceObstacle, names: NoteNames): string {
  switch (obstacle.kind) {
    case "heavy-unit":
      return `${names.unit(obstacle.unitId)} alone exceeds the mean by ${obstacle.deviationPercent}%, so no design meets the tolerance`;
    case "heavy-territory":
      return `${names.territory(obstacle.territoryId)} exceeds the mean by ${obstacle.deviationPercent}% with its pinned accounts and locked counties alone`;
    case "light-locked-territory":
      return `${names.territory(obstacle.territoryId)} is locked and ${obstacle.deviationPercent.replace("-", "")}% below the mean, and no county may join it`;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
