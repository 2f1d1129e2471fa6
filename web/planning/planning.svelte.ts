import type * as Y from "yjs";
import { PlanningDoc, type CellChange } from "../../model/doc/planning-doc.ts";
import type { PlanningChange } from "../../model/doc/planning-edits.ts";
import { newIssue, PlanningEditError } from "../../model/planning/check.ts";
import {
  deriveCapacity,
  derivePlanning,
  deriveQuotas,
  type CapacityModel,
  type PlanningContext,
  type PlanningModel,
} from "../../model/planning/derive.ts";
import type { PlanningInputs } from "../../model/planning/inputs.ts";
import type { PlanInsights } from "../insights/insights.svelte.ts";
import type { Workspace } from "../plan/workspace.svelte.ts";
import { editTime, fallbackFiscalYear } from "./clock.ts";

/**
 * The open plan's targets, capacity and quotas: the stored inputs, read
 * again whenever one of them changes, and the figures derived from them with
 * the live potential of the territory design, so painting a county moves
 * quotas at once.
 */
export class Planning {
  inputs = $state.raw<PlanningInputs | null>(null);
  /** Every edit of a planning input, oldest first. */
  history = $state.raw<CellChange[]>([]);

  readonly #workspace: Workspace;
  readonly #insights: PlanInsights;
  #doc: PlanningDoc | null = null;
  #scheduled = false;

  constructor(workspace: Workspace, insights: PlanInsights) {
    this.#workspace = workspace;
    this.#insights = insights;
  }

  /** Territories, regions and potential from the territory design. */
  readonly context: PlanningContext = $derived.by(() => {
    const workspace = this.#workspace;
    const figures = this.#insights.figures;
    const potentialCents: Record<string, number> = {};
    for (const [id, row] of figures?.territories ?? []) {
      potentialCents[id] = row.totals.potentialCents;
    }
    return {
      planName: workspace.mirror.meta?.name || "Company",
      units: workspace.mirror.territories,
      potentialCents,
      potentialLoaded: figures !== null,
    };
  });

  // Targets and capacity depend on the inputs alone, so a stroke on the map,
  // which moves only potential, recomputes the quota cascade and no more.
  readonly #capacity: CapacityModel | null = $derived.by(() => {
    const inputs = this.inputs;
    return inputs === null ? null : deriveCapacity(inputs);
  });

  /** Targets, capacity and quotas derived from the inputs; null before the plan opens. */
  readonly model: PlanningModel | null = $derived.by(() => {
    const inputs = this.inputs;
    const capacity = this.#capacity;
    if (inputs === null || capacity === null) return null;
    return deriveQuotas(inputs, this.context, capacity);
  });

  /** Starts reading the plan's planning inputs; returns a function that stops. */
  attach(doc: Y.Doc): () => void {
    const planning = new PlanningDoc(doc);
    this.#doc = planning;
    this.#refresh();

    // Only transactions that touch a planning input are read again, so a
    // stroke does not replace the inputs and recompute capacity.
    const scope: unknown[] = planning.undoScope();
    const onTransaction = (transaction: Y.Transaction) => {
      for (const type of transaction.changedParentTypes.keys()) {
        if (scope.includes(type)) return this.#schedule();
      }
      for (const type of transaction.changed.keys()) {
        if (scope.includes(type)) return this.#schedule();
      }
    };
    doc.on("afterTransaction", onTransaction);
    return () => doc.off("afterTransaction", onTransaction);
  }

  /** The document handle, for building changes; null before the plan opens. */
  get doc(): PlanningDoc | null {
    return this.#doc;
  }

  /**
   * Applies changes as one undo step. Raises a PlanningEditError, writing
   * nothing, when the changes would cause a problem the plan does not
   * have yet, such as a negative quota or a ramp that ends below 100%.
   */
  edit(build: (doc: PlanningDoc) => PlanningChange[]): CellChange[] {
    const doc = this.#doc;
    const editor = this.#workspace.editor;
    if (doc === null || editor === null) {
      throw new Error("The plan is still opening; try again in a moment.");
    }
    const before = this.model;
    const context = this.context;
    const person = this.#workspace.session.person;
    const changes = editor.editPlanning(doc, build(doc), {
      personId: person.id,
      name: person.name,
      at: editTime(),
      fallbackYear: fallbackFiscalYear(),
      check: (candidate) => {
        if (before === null) return;
        const issue = newIssue(before, derivePlanning(candidate, context));
        if (issue !== null) throw new PlanningEditError(issue);
      },
    });
    this.#refresh();
    return changes;
  }

  /** Edits of one cell, newest first. */
  historyOf(cell: string): CellChange[] {
    return this.history.filter((c) => c.cell === cell).reverse();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#refresh();
    });
  }

  #refresh(): void {
    const doc = this.#doc;
    if (doc === null) return;
    this.inputs = doc.read(fallbackFiscalYear());
    if (doc.history.length !== this.history.length) {
      this.history = doc.readHistory();
    }
  }
}
