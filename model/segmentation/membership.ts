import { scaleValue } from "./features.ts";
import {
  SegmentationInputError,
  type FeatureName,
  type SegmentationAccount,
  type SegmentationModel,
} from "./types.ts";

/** Raw value of one account feature that needs no deal history. */
function accountValue(
  account: SegmentationAccount,
  feature: FeatureName,
): number {
  switch (feature) {
    case "potential":
      return account.potentialCents;
    case "population":
      return account.population;
    case "longitude":
      return account.lon;
    case "latitude":
      return account.lat;
    default:
      throw new SegmentationInputError(
        `Feature "${feature}" needs the deal history, which membership by nearest centroid does not read. Segment without bookings to store the result.`,
      );
  }
}

/**
 * Assigns each account to the segment of its nearest centroid, in
 * standardised units under the model's scaling. A tie goes to the lower
 * segment index, as in the k-means assignment step. The result depends
 * only on the account and the model, so an account added after the run
 * joins a segment too, and the same model gives the same membership on
 * every replica.
 *
 * For a run that converged, this is the run's own assignment. For a run
 * stopped by maxIterations, a few accounts may sit nearer another centroid
 * than the one k-means gave them.
 */
export function assignByNearestCentroid(
  accounts: readonly SegmentationAccount[],
  model: SegmentationModel,
): Int32Array {
  checkModel(model);
  const { scaling, centroids } = model;
  const dimensions = scaling.length;
  const point = new Float64Array(dimensions);
  const membership = new Int32Array(accounts.length);

  accounts.forEach((account, i) => {
    for (let d = 0; d < dimensions; d++) {
      point[d] = scaleValue(
        scaling[d],
        accountValue(account, scaling[d].feature),
      );
    }
    membership[i] = nearestCentroid(point, centroids);
  });
  return membership;
}

function nearestCentroid(
  point: Float64Array,
  centroids: readonly (readonly number[])[],
): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < centroids.length; c++) {
    let distance = 0;
    for (let d = 0; d < point.length; d++) {
      const delta = point[d] - centroids[c][d];
      distance += delta * delta;
    }
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  return best;
}

function checkModel({ scaling, centroids }: SegmentationModel) {
  if (scaling.length === 0 || centroids.length === 0) {
    throw new SegmentationInputError(
      `The segmentation model has ${scaling.length} features and ${centroids.length} centroids. Run the segmentation again to get a complete model.`,
    );
  }
  for (const s of scaling) {
    if (!(s.deviation > 0) || !Number.isFinite(s.mean)) {
      throw new SegmentationInputError(
        `Feature "${s.feature}" has mean ${s.mean} and deviation ${s.deviation} in the segmentation model. Run the segmentation again.`,
      );
    }
  }
  centroids.forEach((centroid, c) => {
    if (
      centroid.length !== scaling.length ||
      !centroid.every(Number.isFinite)
    ) {
      throw new SegmentationInputError(
        `Centroid ${c + 1} of the segmentation model needs one finite value for each of its ${scaling.length} features. Run the segmentation again.`,
      );
    }
  });
}
