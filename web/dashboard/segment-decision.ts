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
