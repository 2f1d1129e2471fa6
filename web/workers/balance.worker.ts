/// <reference lib="webworker" />
import {
  runBalanceJob,
  type BalanceJobMessage,
  type BalanceJobRequest,
} from "./balance-job.ts";

// Runs the territory optimizer off the page's main thread. Each message
// starts one run. The page cancels by terminating the worker, because a
// running optimizer does not return to the event loop to read messages.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<BalanceJobRequest>) => {
  runBalanceJob(event.data.request, (message: BalanceJobMessage) =>
    scope.postMessage(message),
  );
};
