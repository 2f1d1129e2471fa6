import * as Y from "yjs";
import { diffPlanDocs } from "../../model/doc/version-diff.ts";
import type { DiffData, PlanDiff } from "../../model/versions/diff.ts";
import { planDiffCsv } from "../../model/versions/diff-csv.ts";
import { todayIso } from "../insights/override-rows.ts";
import { fallbackFiscalYear } from "../planning/clock.ts";
import type { ReferenceData } from "../plan/reference-data.ts";
import type { VersionsState } from "./versions.svelte.ts";

/** Value of a compare side that stands for the live plan. */
export const NOW = "now";

/** A finished comparison of plan A (`from`) with plan B (`to`). */
export interface Comparison {
  fromLabel: string;
  toLabel: string;
  diff: PlanDiff;
  /**
   * Count of live plan changes seen when the live plan was copied, or null
   * when neither side is now. A version-to-version comparison never goes
   * out of date because saved versions do not change.
   */
  liveChangeCount: number | null;
}

/**
 * Compares two versions, or a version and the live plan. Both sides are
 * measured with the page's loaded accounts and today's overrides.
 */
export class CompareState {
  from = $state<string>("");
  to = $state<string>(NOW);
  result = $state.raw<Comparison | null>(null);
  /** Count of updates of the live plan since this page started following it. */
  #liveChanges = $state(0);
  /**
   * True when the result compares with now and the live plan changed after
   * it was copied, so the result no longer shows the plan as it is.
   */
  readonly outOfDate = $derived(
    this.result !== null &&
      this.result.liveChangeCount !== null &&
      this.result.liveChangeCount !== this.#liveChanges,
  );

  readonly #versions: VersionsState;

  constructor(versions: VersionsState) {
    this.#versions = versions;
  }

  /**
   * Counts the live plan's updates (this page's edits and restores and
   * other people's edits alike), so a comparison with now can be marked
   * out of date. Returns a function that stops following.
   */
  followLiveDoc(doc: Y.Doc): () => void {
    const onUpdate = () => {
      this.#liveChanges++;
    };
    doc.on("update", onUpdate);
    return () => doc.off("update", onUpdate);
  }

  /** Runs the comparison of the chosen sides. */
  async compare(): Promise<void> {
    const { from, to } = this;
    if (from === "" || from === to) {
      this.#versions.error =
        "Pick two different states to compare: a version and another version, or a version and now.";
      return;
    }
    this.result = null;
    await this.#versions.run(
      `Comparing ${this.#label(from)} with ${this.#label(to)}…`,
      async () => {
        const reference = this.#versions.reference();
        // The live plan is copied synchronously inside #doc, so the count
        // read here matches the copy even when an update arrives while the
        // other side is loading.
        const liveChangeCount =
          from === NOW || to === NOW ? this.#liveChanges : null;
        const [a, b] = await Promise.all([this.#doc(from), this.#doc(to)]);
        try {
          const diff = diffPlanDocs(a, b, diffData(reference));
          this.result = {
            fromLabel: this.#label(from),
            toLabel: this.#label(to),
            diff,
            liveChangeCount,
          };
        } finally {
          a.destroy();
          b.destroy();
        }
      },
    );
  }

  /** Returns the comparison as CSV text, one row per change. */
  csv(): string {
    if (this.result === null) throw new Error("Nothing has been compared yet.");
    return planDiffCsv(this.result.diff);
  }

  #label(side: string): string {
    if (side === NOW) return "now";
    const version = this.#versions.versions?.find((v) => v.id === side);
    return version ? `“${version.name}”` : `version ${side}`;
  }

  // A detached copy of the side's document, so reading never writes to the live plan.
  async #doc(side: string): Promise<Y.Doc> {
    if (side !== NOW) return this.#versions.api.versionDoc(side);
    const live = this.#versions.workspace.doc;
    if (live === null) {
      throw new Error(
        "The plan has not loaded yet, so it cannot be compared with now. Wait for it to load.",
      );
    }
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
    return copy;
  }
}

function diffData(reference: ReferenceData): DiffData {
  return {
    accounts: reference.accounts.map((account) => ({
      id: account.id,
      name: account.name,
      unitId: account.unitId,
      potential: account.potential,
    })),
    fallbackYear: fallbackFiscalYear(),
    asOf: todayIso(),
    unitNames: new Map(reference.units.map((unit) => [unit.id, unit.name])),
  };
}
