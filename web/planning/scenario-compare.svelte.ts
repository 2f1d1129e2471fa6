import { loadPlanChoices, type PlanChoice } from "../session/my-plans.ts";
import type { PersonalSession } from "../session/types.ts";
import {
  openReadOnlyPlan,
  pageSocketBase,
  tokenForChoice,
  type ReadOnlyPlan,
} from "./scenario-connection.ts";
import {
  readOtherPlan,
  type CurrentPlanData,
  type OtherPlanModel,
} from "./scenario-model.ts";

/**
 * - `idle`: no plan chosen.
 * - `connecting`: getting a token and the other plan's first sync.
 * - `ready`: `other` contains the other plan's figures, kept live.
 * - `failed`: `message` states what went wrong and what to do.
 */
export type ComparePhase =
  | { kind: "idle" }
  | { kind: "connecting" }
  | { kind: "ready" }
  | { kind: "failed"; message: string };

/**
 * The plan to compare the open plan with: the person's other plans, the
 * chosen one's document synced read-only over its own socket, and its
 * figures derived again on every change of that document.
 */
export class ScenarioComparison {
  choices = $state.raw<PlanChoice[]>([]);
  loadingChoices = $state(false);
  choicesProblem = $state<string | null>(null);
  selectedPlanId = $state<string | null>(null);
  phase = $state.raw<ComparePhase>({ kind: "idle" });
  other = $state.raw<OtherPlanModel | null>(null);

  readonly #session: () => PersonalSession;
  readonly #current: () => CurrentPlanData;
  #plan: ReadOnlyPlan | null = null;
  #generation = 0;
  #scheduled = false;

  constructor(session: () => PersonalSession, current: () => CurrentPlanData) {
    this.#session = session;
    this.#current = current;
  }

  /** Lists the person's plans other than the open one, from this browser and the server. */
  async loadChoices(): Promise<void> {
    this.loadingChoices = true;
    const loaded = await loadPlanChoices();
    this.loadingChoices = false;
    const openPlanId = this.#session().planId;
    this.choices = loaded.choices.filter((c) => c.planId !== openPlanId);
    this.choicesProblem = loaded.error
      ? `Showing the plans on this device only: ${loaded.error.message}`
      : null;
  }

  /** Opens another plan for comparison and closes the one compared before. Null closes it. */
  async select(planId: string | null): Promise<void> {
    this.#disconnect();
    const generation = ++this.#generation;
    this.selectedPlanId = planId;
    this.other = null;
    if (planId === null) {
      this.phase = { kind: "idle" };
      return;
    }
    const choice = this.choices.find((c) => c.planId === planId);
    if (!choice) {
      this.phase = {
        kind: "failed",
        message: `Plan "${planId}" is not among your plans. Pick another plan.`,
      };
      return;
    }

    this.phase = { kind: "connecting" };
    try {
      const token = await tokenForChoice(choice, this.#session());
      if (generation !== this.#generation) return;
      const plan = openReadOnlyPlan(pageSocketBase(), planId, token);
      this.#plan = plan;
      await plan.synced;
      if (generation !== this.#generation) return;
      plan.doc.on("update", () => this.#schedule());
      this.refresh();
      this.phase = { kind: "ready" };
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#disconnect();
      this.phase = { kind: "failed", message: (error as Error).message };
    }
  }

  /** Derives the other plan's figures again, such as after the open plan's datasets load. */
  refresh(): void {
    const plan = this.#plan;
    if (plan === null) return;
    this.other = readOtherPlan(plan.doc, this.#current());
  }

  /** Closes the other plan's socket. Call it when the view closes. */
  close(): void {
    this.#generation++;
    this.#disconnect();
  }

  #disconnect(): void {
    this.#plan?.close();
    this.#plan = null;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.refresh();
    });
  }
}
