import type { SegmentationDecision } from "../../model/doc/segmentation-doc.ts";
import type { Membership } from "../../model/segmentation/impact.ts";
import type { SegmentationResult } from "../../model/segmentation/types.ts";

/** The result of the last run, with the settings it ran with. */
export interface ProposedSegmentation {
  result: SegmentationResult;
  k: number;
  seed: number;
  /** Membership by nearest centroid, the same rule every replica applies to a stored decision. */
  membership: Membership;
}

/**
 * Builds the decision that Apply stores: the model, the settings, and who
 * applied it when. `now` is milliseconds since the epoch.
 */
export function buildDecision(
  proposed: ProposedSegmentation,
  context: {
    accountsDataset: string | null;
    appliedBy: string;
    now: number;
  },
): SegmentationDecision {
  const { result, k, seed } = proposed;
  return {
    k,
    seed,
    features: result.features,
    scaling: result.model.scaling,
    centroids: result.model.centroids,
    names: proposed.membership.names.slice(),
    silhouette: result.silhouette,
    accountsDataset: context.accountsDataset,
    appliedBy: context.appliedBy,
    appliedAt: new Date(context.now).toISOString(),
  };
}

/** True when both are the same apply: the same person, time and settings. */
export function isSameApply(
  a: SegmentationDecision | null,
  b: SegmentationDecision | null,
): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.appliedAt === b.appliedAt &&
    a.appliedBy === b.appliedBy &&
    a.k === b.k &&
    a.seed === b.seed
  );
}

/**
 * Returns the notice for a person whose applied segmentation another
 * replica has just replaced or removed, or null when the change does not
 * replace theirs. `mine` is the decision this person last applied,
 * `before` and `after` are the applied decision around the change, and
 * `local` is true for changes made in this replica (an undo, for example),
 * which need no notice. `formatTime` formats an ISO timestamp for people.
 */
export function replacedNotice(
  change: {
    mine: SegmentationDecision | null;
    before: SegmentationDecision | null;
    after: SegmentationDecision | null;
    local: boolean;
  },
  formatTime: (iso: string) => string,
): string | null {
  const { mine, before, after, local } = change;
  if (local || mine === null || !isSameApply(before, mine)) return null;
  if (isSameApply(after, mine)) return null;

  const yours = `The segmentation you applied at ${formatTime(mine.appliedAt)}`;
  const retry = `Undo cannot bring yours back. To use it, run k = ${mine.k} with seed ${mine.seed} and the same features, then apply it again.`;
  if (after === null) {
    return `${yours} was removed by another editor. ${retry}`;
  }
  return `${yours} was replaced by the one ${after.appliedBy} applied at ${formatTime(after.appliedAt)}, which is now in effect. ${retry}`;
}
