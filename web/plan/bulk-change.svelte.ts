import {
  countMovesLeft,
  movesToApply,
  previewBulkChange,
  type BulkMoves,
  type BulkPreview,
} from "../../model/bulk-change.ts";
import type { CoverageIndex } from "../../model/coverage.ts";
import type { Workspace } from "./workspace.svelte.ts";

/** A bulk change waiting for the designer's decision in the preview panel. */
export interface Proposal {
  /** Origin of the change, shown as the panel's title, such as "Lasso selection". */
  title: string;
  /** Unit id -> target territory id, or null to unassign. */
  moves: BulkMoves;
  /** The one territory every move goes to, named in the panel; omitted when the moves go to several. */
  targetId?: string | null;
}

/**
 * The pending bulk change (rectangle, lasso, fill, optimizer proposal,
 * import) and its live preview.
 * The preview is recomputed from the document as it is now, so a stroke of
 * someone else or a new lock shows in it before it is applied.
 */
export class BulkChange {
  proposal = $state.raw<Proposal | null>(null);

  readonly #workspace: Workspace;
  #coverageIndex: () => CoverageIndex | null;

  constructor(workspace: Workspace) {
    this.#workspace = workspace;
    this.#coverageIndex = () => workspace.reference?.coverageIndex ?? null;
  }

  /**
   * Sets where the preview takes its per-unit figures from, such as an
   * index without the accounts that overrides pin, so that a preview never
   * moves a pinned account with its county.
   */
  useCoverageIndex(source: () => CoverageIndex | null): void {
    this.#coverageIndex = source;
  }

  readonly preview: BulkPreview | null = $derived.by(() => {
    const proposal = this.proposal;
    const index = this.#coverageIndex();
    if (!proposal || !index) return null;
    const lockedIds = this.#workspace.mirror.territories
      .filter((t) => t.locked)
      .map((t) => t.id);
    return previewBulkChange(
      index,
      this.#workspace.mirror.assignments,
      lockedIds,
      proposal.moves,
    );
  });

  propose(proposal: Proposal): void {
    this.proposal = proposal;
  }

  discard(): void {
    this.proposal = null;
  }

  /**
   * Writes the moves of the preview as one undo step: all of them, or with
   * `territoryId` the moves that touch that territory (null for the
   * unassigned pool). The panel closes once nothing is left to apply.
   * Returns the units that changed.
   */
  apply(territoryId?: string | null): string[] {
    const preview = this.preview;
    const editor = this.#workspace.editor;
    const planDoc = this.#workspace.planDoc;
    if (!preview || !editor || !planDoc) return [];

    const only = territoryId === undefined ? null : [territoryId];
    const groups = movesToApply(
      planDoc.readAssignments(),
      preview.impact,
      only,
    );
    const result = editor.applyChange(groups);

    const left = countMovesLeft(preview.impact, result.changed);
    if (only === null || left === 0) this.proposal = null;
    return result.changed;
  }
}
