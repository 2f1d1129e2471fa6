import type {
  SegmentJobMessage,
  SegmentJobRequest,
} from "../workers/segment-job.ts";

/** The part of a Worker that the runner uses, so tests can pass a stand-in. */
export interface SegmentWorker {
  postMessage(message: SegmentJobRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<SegmentJobMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** Final message of a run: the result, the comparison or the reason it failed. */
export type SegmentOutcome = Exclude<SegmentJobMessage, { type: "progress" }>;

/** A running segmentation: its outcome, and a way to stop it. */
export interface SegmentRun {
  /** Resolves with the worker's last message; never when cancelled. */
  outcome: Promise<SegmentOutcome>;
  cancel(): void;
}

/** Starts the bundled segmentation worker; Vite builds it as its own module. */
export function createSegmentWorker(): SegmentWorker {
  return new Worker(new URL("../workers/segment.worker.ts", import.meta.url), {
    type: "module",
    name: "segment",
  }) as SegmentWorker;
}

/**
 * Starts one request in a fresh worker, which is terminated when the run
 * ends, so no idle worker outlives a run. `onProgress` receives the
 * fraction done and the step. Cancelling terminates the worker at once,
 * because the synchronous k-means inside never reads a message until it
 * is done.
 */
export function startSegmentRun(
  request: SegmentJobRequest,
  onProgress: (fraction: number, label: string) => void,
  createWorker: () => SegmentWorker = createSegmentWorker,
): SegmentRun {
  const worker = createWorker();
  const outcome = new Promise<SegmentOutcome>((resolve) => {
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.type === "progress") {
        onProgress(message.fraction, message.label);
        return;
      }
      worker.terminate();
      resolve(message);
    };
    worker.onerror = (event) => {
      worker.terminate();
      resolve({
        type: "failed",
        message: `The segmentation worker failed: ${event.message}. Reload the page and try again.`,
      });
    };
  });
  worker.postMessage(request);
  return { outcome, cancel: () => worker.terminate() };
}
