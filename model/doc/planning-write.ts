import type { PlanningInputs } from "../planning/inputs.ts";
import type { CellChange, PlanningDoc } from "./planning-doc.ts";
import type { PlanningChange } from "./planning-edits.ts";

/** Author, time and check of an edit. */
export interface EditContext {
  personId: string;
  name: string;
  /** Time of the edit as an ISO 8601 string. */
  at: string;
  /** Fiscal year of a plan that has not chosen one (see PlanningDoc.read). */
  fallbackYear: number;
  /**
   * Called with the inputs as they would be after the edit; raises to
   * reject it, and then nothing is written.
   */
  check?: (candidate: PlanningInputs) => void;
  origin?: unknown;
}

/**
 * Applies changes of planning inputs as one transaction, so they are one
 * undo step and reach peers together, and appends one history entry per
 * changed cell. The changes are first applied to a copy of the inputs and
 * checked; a rejected edit writes nothing. A change that sets a cell to the
 * value it has is skipped. Returns the history entries written.
 */
export function applyPlanningChanges(
  planning: PlanningDoc,
  changes: readonly PlanningChange[],
  context: EditContext,
): CellChange[] {
  const effective = changes.filter((c) => c.from !== c.to);
  if (effective.length === 0) return [];

  const candidate = planning.read(context.fallbackYear);
  for (const change of effective) change.modify(candidate);
  context.check?.(candidate);

  const entries = effective.map((change) => ({
    cell: change.cell,
    from: change.from,
    to: change.to,
    personId: context.personId,
    name: context.name,
    at: context.at,
  }));
  planning.doc.transact(() => {
    for (const change of effective) change.write(planning);
    planning.history.push(entries);
  }, context.origin);
  return entries;
}
