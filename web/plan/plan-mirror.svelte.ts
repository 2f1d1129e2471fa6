import type * as Y from "yjs";
import {
  computeCoverage,
  type CoverageIndex,
  type CoverageResult,
} from "../../model/coverage.ts";
import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import type { PlanMeta, Territory } from "../../model/doc/schema.ts";

/**
 * A reactive copy of what the UI shows from the plan document, refreshed
 * after every change to the document, local or remote. Territory figures
 * are derived from it incrementally in web/insights/.
 */
export class PlanMirror {
  meta = $state.raw<PlanMeta | null>(null);
  initialised = $state(false);
  territories = $state.raw<Territory[]>([]);
  // A snapshot replaced on each refresh and never mutated, so it needs no SvelteMap.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  assignments = $state.raw<ReadonlyMap<string, string>>(new Map());

  #planDoc: PlanDoc | null = null;
  #index: CoverageIndex | null = null;
  #scheduled = false;

  attach(planDoc: PlanDoc): () => void {
    this.#planDoc = planDoc;
    this.refresh();
    const onUpdate = (_update: Uint8Array, _origin: unknown, doc: Y.Doc) => {
      if (doc === planDoc.doc) this.#schedule();
    };
    planDoc.doc.on("update", onUpdate);
    return () => planDoc.doc.off("update", onUpdate);
  }

  setCoverageIndex(index: CoverageIndex): void {
    this.#index = index;
    this.refresh();
  }

  /** Territories that own units; regions only group them. */
  get paintable(): Territory[] {
    return this.territories.filter((t) => t.kind === "territory");
  }

  /** Reads the document again. */
  refresh(): void {
    const planDoc = this.#planDoc;
    if (!planDoc) return;
    this.meta = planDoc.readMeta();
    this.initialised = planDoc.isInitialised();
    this.territories = planDoc.readTerritories();
    this.assignments = planDoc.readAssignments();
  }

  /** Computes coverage from a fresh read of the document, for callers outside a refresh. */
  computeCoverage(): CoverageResult | null {
    if (!this.#planDoc) return null;
    return this.#coverageOf(
      this.#planDoc.readTerritories(),
      this.#planDoc.readAssignments(),
    );
  }

  #coverageOf(
    territories: readonly Territory[],
    assignments: ReadonlyMap<string, string>,
  ): CoverageResult | null {
    if (!this.#index) return null;
    const ids = territories
      .filter((t) => t.kind === "territory")
      .map((t) => t.id);
    return computeCoverage(this.#index, ids, assignments);
  }

  // Coalesces the updates of one task, such as a burst of remote messages.
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.refresh();
    });
  }
}
