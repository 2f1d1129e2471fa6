import type { BadRow } from "../../model/io/accounts-import.ts";
import type {
  AccountsImportMessage,
  AccountsImportRequest,
} from "./accounts-import-job.ts";

/** A running import: its outcome, and a way to stop it. */
export interface AccountsImportRun {
  /** Resolves with the worker's last message; never when cancelled. */
  outcome: Promise<Exclude<AccountsImportMessage, { type: "progress" }>>;
  cancel(): void;
}

/**
 * Starts an accounts import in a web worker. `onProgress` receives rows
 * checked, rows in total and the step; cancelling terminates the worker.
 */
export function startAccountsImport(
  request: AccountsImportRequest,
  onProgress: (done: number, total: number, label: string) => void,
): AccountsImportRun {
  const worker = new Worker(
    new URL("./accounts-import.worker.ts", import.meta.url),
    { type: "module" },
  );
  const outcome = new Promise<
    Exclude<AccountsImportMessage, { type: "progress" }>
  >((resolve) => {
    worker.onmessage = (event: MessageEvent<AccountsImportMessage>) => {
      const message = event.data;
      if (message.type === "progress") {
        onProgress(message.done, message.total, message.label);
        return;
      }
      worker.terminate();
      resolve(message);
    };
    worker.onerror = (event) => {
      worker.terminate();
      resolve({
        type: "failed",
        message: `The import worker failed: ${event.message}. Reload the page and try again.`,
      });
    };
  });
  worker.postMessage(request);
  return { outcome, cancel: () => worker.terminate() };
}

/** Builds the `description` of an imported dataset from the file name and the day (UTC). */
export function importDescription(fileName: string, now: number): string {
  const day = new Date(now).toISOString().slice(0, 10);
  return `Accounts imported from ${fileName} on ${day}.`;
}

/** Counts the rows with at least one problem; a row may have several. */
export function countBadRows(badRows: readonly BadRow[]): number {
  return new Set(badRows.map((row) => row.line)).size;
}
