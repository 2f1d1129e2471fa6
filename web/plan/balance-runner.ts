import type {
  BalanceJobMessage,
  BalanceJobRequest,
  BalanceOutcome,
} from "../workers/balance-job.ts";
import type { BalanceRequest } from "./balance-request.ts";

/** The part of a Worker that the runner uses, so tests can pass a stand-in. */
export interface BalanceWorker {
  postMessage(message: BalanceJobRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<BalanceJobMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** Progress of a run: the fraction done from 0 to 1 and the step it is in. */
export interface BalanceProgress {
  fraction: number;
  label: string;
}

/** Rejection of a run that was cancelled or whose plan was closed. */
export class BalanceCancelledError extends Error {
  constructor() {
    super("The balance run was cancelled.");
    this.name = "BalanceCancelledError";
  }
}

/** Starts the bundled balance worker; Vite builds it as its own module. */
export function createBalanceWorker(): BalanceWorker {
  return new Worker(new URL("../workers/balance.worker.ts", import.meta.url), {
    type: "module",
    name: "balance",
  }) as BalanceWorker;
}

interface ActiveRun {
  worker: BalanceWorker;
  reject: (error: Error) => void;
}

/**
 * Runs the optimizer in a web worker, one run at a time, as a promise. Each
 * run gets a fresh worker that is terminated when the run ends, so no idle
 * worker outlives a run. A cancel terminates the worker at once, because
 * the synchronous optimizer inside never reads a message until it is done.
 */
export class BalanceRunner {
  #active: ActiveRun | null = null;
  #disposed = false;

  constructor(
    private readonly createWorker: () => BalanceWorker = createBalanceWorker,
  ) {}

  get running(): boolean {
    return this.#active !== null;
  }

  /**
   * Runs a request. Resolves with the outcome; rejects with the worker's
   * message when the input is invalid or the worker fails, and with
   * BalanceCancelledError after `cancel` or `dispose`.
   */
  run(
    request: BalanceRequest,
    onProgress: (progress: BalanceProgress) => void = () => {},
  ): Promise<BalanceOutcome> {
    if (this.#disposed) return Promise.reject(new BalanceCancelledError());
    if (this.#active) {
      return Promise.reject(
        new Error(
          "A balance run is already in progress. Wait for it or cancel it first.",
        ),
      );
    }

    return new Promise<BalanceOutcome>((resolve, reject) => {
      const worker = this.createWorker();
      const run: ActiveRun = { worker, reject };
      this.#active = run;
      const finish = () => {
        if (this.#active === run) this.#active = null;
        worker.terminate();
      };

      worker.onmessage = (event) => {
        const message = event.data;
        if (this.#active !== run) return;
        if (message.type === "progress") {
          onProgress({ fraction: message.fraction, label: message.label });
          return;
        }
        finish();
        if (message.type === "done") resolve(message.outcome);
        else reject(new Error(message.message));
      };
      worker.onerror = (event) => {
        if (this.#active !== run) return;
        finish();
        reject(
          new Error(
            `The optimizer worker failed to run: ${event.message || "it could not be loaded"}. Reload the page while online and try again.`,
          ),
        );
      };
      worker.postMessage({ type: "run", request });
    });
  }

  /** Stops the run in progress, if any; its promise rejects with BalanceCancelledError. */
  cancel(): void {
    const run = this.#active;
    if (!run) return;
    this.#active = null;
    run.worker.terminate();
    run.reject(new BalanceCancelledError());
  }

  /** Cancels the run in progress and refuses new ones; call it when the plan closes. */
  dispose(): void {
    this.#disposed = true;
    this.cancel();
  }
}
