import { segmentAccounts } from "../../model/segmentation/segment.ts";
import {
  SegmentationCancelledError,
  SegmentationInputError,
  type FeatureName,
  type SegmentationAccount,
  type SegmentationResult,
} from "../../model/segmentation/types.ts";

/** Message from the page to the segmentation worker. */
export type SegmentJobRequest =
  | {
      type: "run";
      accounts: SegmentationAccount[];
      k: number;
      seed: number;
      features: FeatureName[];
    }
  | {
      /** Runs every k in `ks` and reports each silhouette, to choose k. */
      type: "compare";
      accounts: SegmentationAccount[];
      ks: number[];
      seed: number;
      features: FeatureName[];
    };

/** Silhouette of one k in a comparison. */
export interface SilhouettePoint {
  k: number;
  silhouette: number;
}

/** Message from the segmentation worker to the page. */
export type SegmentJobMessage =
  | { type: "progress"; fraction: number; label: string }
  | { type: "done"; result: SegmentationResult }
  | { type: "compared"; points: SilhouettePoint[] }
  | { type: "failed"; message: string };

/** Minimum time between two progress messages, in milliseconds. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Runs one request and sends its messages through `send`: progress at
 * most every PROGRESS_INTERVAL_MS, then the result or a message to show.
 * The run is synchronous, so a cancel stops it by terminating the worker.
 */
export function runSegmentJob(
  request: SegmentJobRequest,
  send: (message: SegmentJobMessage) => void,
  now: () => number = () => performance.now(),
): void {
  let lastSent = -Infinity;
  const progress = (fraction: number, label: string) => {
    const time = now();
    if (fraction < 1 && time - lastSent < PROGRESS_INTERVAL_MS) return;
    lastSent = time;
    send({ type: "progress", fraction, label });
  };

  try {
    if (request.type === "run") {
      send({ type: "progress", fraction: 0, label: "Clustering accounts" });
      const result = segmentAccounts(request.accounts, {
        k: request.k,
        seed: request.seed,
        features: request.features,
        onProgress: (fraction) =>
          progress(fraction, progressLabel(fraction, request.k)),
      });
      send({ type: "done", result });
      return;
    }
    send({ type: "compared", points: compare(request, progress) });
  } catch (error) {
    if (error instanceof SegmentationInputError) {
      send({ type: "failed", message: error.message });
      return;
    }
    if (error instanceof SegmentationCancelledError) return;
    // Anything else is a defect: keep its stack in the console.
    console.error(error);
    send({
      type: "failed",
      message: `The segmentation failed: ${(error as Error).message}. Try another seed, and report the error if it stays.`,
    });
  }
}

function compare(
  request: Extract<SegmentJobRequest, { type: "compare" }>,
  progress: (fraction: number, label: string) => void,
): SilhouettePoint[] {
  const { ks } = request;
  return ks.map((k, i) => {
    const label = `Comparing k = ${k} (${i + 1} of ${ks.length})`;
    const result = segmentAccounts(request.accounts, {
      k,
      seed: request.seed,
      features: request.features,
      onProgress: (fraction) => progress((i + fraction) / ks.length, label),
    });
    return { k, silhouette: result.silhouette };
  });
}

/** Names the step for the progress bar; the model gives k-means the first 80% of the fraction. */
function progressLabel(fraction: number, k: number): string {
  return fraction < 0.8
    ? `Clustering accounts into ${k} segments`
    : "Measuring the silhouette";
}
