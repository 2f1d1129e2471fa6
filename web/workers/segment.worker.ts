/// <reference lib="webworker" />
import {
  runSegmentJob,
  type SegmentJobMessage,
  type SegmentJobRequest,
} from "./segment-job.ts";

// Clusters accounts off the page's main thread. Each message starts one
// run. The page cancels by terminating the worker, because a running
// k-means does not return to the event loop to read messages.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<SegmentJobRequest>) => {
  runSegmentJob(event.data, (message: SegmentJobMessage) =>
    scope.postMessage(message),
  );
};
