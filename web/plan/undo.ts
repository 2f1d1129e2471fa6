import * as Y from "yjs";
import { IncentivesDoc } from "../../model/doc/incentives-doc.ts";
import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import { PlanningDoc } from "../../model/doc/planning-doc.ts";
import { segmentationUndoScope } from "../../model/doc/segmentation-doc.ts";

/**
 * Strokes are bounded by `stopCapturing()` at their start and end, so the
 * capture timeout only has to outlast the longest stroke: a slow drag across
 * the country stays one undo step.
 */
const STROKE_CAPTURE_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/**
 * Creates an undo manager over the plan's meta, territories, assignments,
 * account overrides, planning and incentive inputs and the applied
 * segmentation that tracks only transactions with `origin`, so undo never
 * reverts another person's edit.
 */
export function createUndoManager(
  planDoc: PlanDoc,
  origin: object,
): Y.UndoManager {
  return new Y.UndoManager(
    [
      planDoc.meta,
      planDoc.territories,
      planDoc.assignmentArray,
      planDoc.overrides,
      ...new PlanningDoc(planDoc.doc).undoScope(),
      ...new IncentivesDoc(planDoc.doc).undoScope(),
      ...segmentationUndoScope(planDoc.doc),
    ],
    {
      trackedOrigins: new Set([origin]),
      captureTimeout: STROKE_CAPTURE_TIMEOUT_MS,
    },
  );
}
