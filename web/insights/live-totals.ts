import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import {
  LiveMetrics,
  PendingAssignments,
  type SumByTerritory,
  type TerritorySums,
} from "../../model/metrics-live.ts";
import type { MetricIndex } from "../../model/metrics.ts";

/** One entry of a y-utility `YKeyValue` change event. A deletion has no `newValue`. */
interface KeyValueChange {
  action: "add" | "update" | "delete";
  newValue?: string;
}

/**
 * Territory totals of one open plan, kept up to date change by change.
 * It listens to the plan's assignment changes and, when the figures are
 * computed again, moves only the units those changes touched. A new index
 * over the same units (overrides changed) moves only the units whose
 * figures differ. A different set of territories, or an index over other
 * units (datasets reloaded), rebuilds the totals in one full pass. Each
 * call must pass the latest snapshot of the assignments that the caller
 * read, such as the plan mirror's, because a change counts as applied once
 * a snapshot shows it.
 */
export class LiveTotals {
  #planDoc: PlanDoc | null = null;
  #stopListening: () => void = () => {};
  #pending = new PendingAssignments();
  #live: LiveMetrics | null = null;
  // Listening starts in the first pass, after that pass's snapshot was
  // read, so a change made between the two is in no event. The totals are
  // therefore rebuilt once more from the first newer snapshot, which was
  // read while listening.
  #firstPass = true;
  #rebuildAfter: ReadonlyMap<string, string> | null = null;

  /** Returns a drop-in for `sumByTerritory` that reads these live totals of `planDoc`. */
  sumsFor(planDoc: PlanDoc): SumByTerritory {
    this.#listen(planDoc);
    return (index, territoryIds, assignments) =>
      this.#sums(index, territoryIds, assignments);
  }

  /** Stops listening to the plan's changes. */
  dispose(): void {
    this.#stopListening();
    this.#stopListening = () => {};
    this.#planDoc = null;
    this.#live = null;
  }

  #sums(
    index: MetricIndex,
    territoryIds: readonly string[],
    assignments: ReadonlyMap<string, string>,
  ): TerritorySums {
    if (this.#firstPass) {
      this.#firstPass = false;
      this.#rebuildAfter = assignments;
    } else if (this.#rebuildAfter && this.#rebuildAfter !== assignments) {
      this.#rebuildAfter = null;
      this.#live = null;
    }
    let live = this.#live;
    if (!live || !live.hasTerritories(territoryIds) || !live.useIndex(index)) {
      live = new LiveMetrics(index, territoryIds, assignments);
      this.#live = live;
    }
    this.#pending.applyTo(live, assignments);
    return live.sums(territoryIds);
  }

  #listen(planDoc: PlanDoc): void {
    if (planDoc === this.#planDoc) return;
    this.dispose();
    this.#planDoc = planDoc;
    this.#pending = new PendingAssignments();
    this.#firstPass = true;
    this.#rebuildAfter = null;

    const pending = this.#pending;
    const onChange = (changes: Map<string, KeyValueChange>) => {
      for (const [unitId, change] of changes)
        pending.record(unitId, change.newValue ?? null);
    };
    // NOTE: This relies on PlanDoc keeping assignments in a y-utility
    // YKeyValue, whose change events name every unit a transaction changed.
    planDoc.assignments.on("change", onChange);
    this.#stopListening = () => planDoc.assignments.off("change", onChange);
  }
}
