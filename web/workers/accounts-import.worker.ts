/// <reference lib="webworker" />
import {
  runAccountsImport,
  type AccountsImportMessage,
  type AccountsImportRequest,
} from "./accounts-import-job.ts";

// Parses and checks an accounts CSV off the page's main thread. The page
// terminates the worker to cancel, because a run never yields to read
// messages.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<AccountsImportRequest>) => {
  runAccountsImport(event.data, (message: AccountsImportMessage) =>
    scope.postMessage(message),
  );
};
