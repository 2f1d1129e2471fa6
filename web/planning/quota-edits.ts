import type { PlanningDoc } from "../../model/doc/planning-doc.ts";
import {
  adjustmentChange,
  priorBookingsChange,
  type PlanningChange,
} from "../../model/doc/planning-edits.ts";
import type { CellEdit } from "./quota-paste.ts";

/** Builds the document changes of checked grid edits, for one `planning.edit` call. */
export function cellChanges(
  doc: PlanningDoc,
  edits: readonly CellEdit[],
): PlanningChange[] {
  return edits.map((edit) =>
    edit.column === "adjustment"
      ? adjustmentChange(doc, edit.nodeId, edit.value)
      : priorBookingsChange(doc, edit.nodeId, edit.value),
  );
}

/** Builds the changes that clear every manual adjustment, for a re-run that keeps none. */
export function clearAdjustmentChanges(doc: PlanningDoc): PlanningChange[] {
  return [...doc.adjustments.keys()]
    .sort()
    .map((nodeId) => adjustmentChange(doc, nodeId, null));
}
