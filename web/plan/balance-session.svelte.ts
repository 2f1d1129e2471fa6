import type { MetricName } from "../../model/metrics.ts";
import type { BalanceMode } from "../../model/optimize/types.ts";
import type { BalanceOutcome } from "../workers/balance-job.ts";
import type { BalanceRequest } from "./balance-request.ts";
import {
  BalanceCancelledError,
  BalanceRunner,
  type BalanceProgress,
} from "./balance-runner.ts";
import type { Workspace } from "./workspace.svelte.ts";

/** A finished run with its request, for the result view and the review. */
export interface FinishedBalance {
  /** Title of the proposal, such as "Balance Texas by population". */
  title: string;
  metric: MetricName;
  request: BalanceRequest;
  outcome: BalanceOutcome;
}

/** State of the Balance tab's run. */
export type BalanceStatus =
  | { kind: "idle" }
  | { kind: "running"; title: string; progress: BalanceProgress }
  | { kind: "done"; run: FinishedBalance }
  | { kind: "failed"; message: string }
  | { kind: "cancelled"; title: string };

/**
 * The Balance tab's settings and its run, one per open plan. It outlives
 * the tab's component, so a run keeps going and its result stays while
 * another sidebar tab is shown.
 */
export class BalanceSession {
  stateFips = $state("");
  /** Territories ticked by the person, or null for the default of the chosen state. */
  territoryChoice = $state.raw<readonly string[] | null>(null);
  metric = $state<MetricName>("population");
  tolerance = $state("5");
  mode = $state<BalanceMode>("minimize-disruption");
  seed = $state("1");
  status = $state.raw<BalanceStatus>({ kind: "idle" });

  readonly #runner: BalanceRunner;

  constructor(runner = new BalanceRunner()) {
    this.#runner = runner;
  }

  get running(): boolean {
    return this.status.kind === "running";
  }

  /** Chooses a state and goes back to its default territories. */
  chooseState(stateFips: string): void {
    if (stateFips === this.stateFips) return;
    this.stateFips = stateFips;
    this.territoryChoice = null;
  }

  /** Runs the optimizer in its worker; the outcome or the failure lands in `status`. */
  async run(
    request: BalanceRequest,
    title: string,
    metric: MetricName,
  ): Promise<void> {
    if (this.running) return;
    this.status = {
      kind: "running",
      title,
      progress: { fraction: 0, label: "Starting the optimizer" },
    };
    try {
      const outcome = await this.#runner.run(request, (progress) => {
        if (this.status.kind === "running")
          this.status = { ...this.status, progress };
      });
      this.status = {
        kind: "done",
        run: { title, metric, request, outcome },
      };
    } catch (error) {
      this.status =
        error instanceof BalanceCancelledError
          ? { kind: "cancelled", title }
          : { kind: "failed", message: (error as Error).message };
    }
  }

  /** Stops the run in progress; the plan stays as it was. */
  cancel(): void {
    this.#runner.cancel();
  }

  /** Forgets the last result or failure. */
  clear(): void {
    if (!this.running) this.status = { kind: "idle" };
  }

  /** Cancels the run in progress and refuses new ones; for when the plan closes. */
  dispose(): void {
    this.#runner.dispose();
  }
}

const sessions = new WeakMap<Workspace, BalanceSession>();

/** Returns the Balance tab's session of a plan, creating it on first use. */
export function balanceSessionOf(workspace: Workspace): BalanceSession {
  let session = sessions.get(workspace);
  if (!session) {
    session = new BalanceSession();
    sessions.set(workspace, session);
  }
  return session;
}

/**
 * Cancels the plan's balance run, if any, and terminates its worker. Call
 * it when the plan closes.
 */
export function disposeBalanceSession(workspace: Workspace): void {
  sessions.get(workspace)?.dispose();
  sessions.delete(workspace);
}
