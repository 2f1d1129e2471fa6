import type { PlanningDoc } from "../../model/doc/planning-doc.ts";
import type { PlanningChange } from "../../model/doc/planning-edits.ts";
import type { Planning } from "./planning.svelte.ts";

/**
 * Applies changes as one undo step and returns null, or returns the message
 * to show at the field when the edit was rejected (nothing is written then).
 */
export function applyEdit(
  planning: Planning,
  build: (doc: PlanningDoc) => PlanningChange[],
): string | null {
  try {
    planning.edit(build);
    return null;
  } catch (error) {
    if (error instanceof Error) return error.message;
    throw error;
  }
}
