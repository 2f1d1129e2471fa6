import { untrack } from "svelte";
import { movesToOne } from "../../model/bulk-change.ts";
import { findLockViolations, type LockViolation } from "../../model/locks.ts";
import { BulkChange } from "./bulk-change.svelte.ts";
import { DrawingState } from "./drawing.svelte.ts";
import { watchLostConflicts } from "./lost-conflicts.ts";
import { DrawingNotices, type LostNotice } from "./notices.svelte.ts";
import type { Workspace } from "./workspace.svelte.ts";

/** Counties the map outlines and brings into view, such as those a notice is about. */
export interface Attention {
  unitIds: readonly string[];
  /** Changes on every request, so showing the same counties again moves the map again. */
  serial: number;
}

/**
 * The territory designer's tools on top of the workspace: drawing options,
 * bulk changes with their preview, locks and their conflicts, and notices
 * about skipped and lost counties.
 */
export class Designer {
  readonly drawing = new DrawingState();
  readonly notices = new DrawingNotices();
  readonly bulk: BulkChange;
  attention = $state.raw<Attention | null>(null);

  readonly #workspace: Workspace;
  #serial = 0;

  constructor(workspace: Workspace) {
    this.#workspace = workspace;
    this.bulk = new BulkChange(workspace);
  }

  /**
   * Differences between lock snapshots and the merged assignment, derived
   * again after every change to the document.
   */
  readonly lockViolations: LockViolation[] = $derived.by(() => {
    const assignments = this.#workspace.mirror.assignments;
    const anyLocked = this.#workspace.mirror.territories.some((t) => t.locked);
    const planDoc = this.#workspace.planDoc;
    if (!anyLocked || !planDoc) return [];
    return findLockViolations(planDoc.readLocks(), assignments);
  });

  /**
   * Starts the notices that need the open document: skipped counties and
   * lost conflicts. Returns a function that stops them.
   */
  attach(): () => void {
    const workspace = this.#workspace;
    const editor = workspace.editor;
    const { planDoc, provider } = workspace;
    if (!editor || !planDoc || !provider) return () => {};

    return untrack(() => {
      const stopSkips = editor.onSkipped((skipped) =>
        this.notices.showSkipped(skipped),
      );
      const stopLost = watchLostConflicts(
        workspace.planId,
        planDoc,
        editor,
        provider,
        this.notices,
      );
      return () => {
        stopSkips();
        stopLost();
      };
    });
  }

  /** Outlines counties on the map and brings them into view. */
  show(unitIds: readonly string[]): void {
    this.attention = { unitIds, serial: ++this.#serial };
  }

  clearAttention(): void {
    this.attention = null;
  }

  /**
   * Name of the person who won a lost conflict: the one presence gave when
   * the notice was made, else the one it gives now for their client id.
   */
  writerName(notice: LostNotice): string | null {
    if (notice.byName !== null) return notice.byName;
    const peer = this.#workspace.presence.peers.find(
      (p) => p.clientId === notice.writerClientId,
    );
    return peer?.user.name ?? null;
  }

  /** Name of a territory for messages, or its id when it no longer exists. */
  territoryName(territoryId: string | null): string {
    if (territoryId === null) return "Unassigned";
    return (
      this.#workspace.mirror.territories.find((t) => t.id === territoryId)
        ?.name ?? territoryId
    );
  }

  /** Locks a territory, or unlocks it when it is locked. */
  toggleLock(territoryId: string | null): void {
    const territory = this.#workspace.mirror.paintable.find(
      (t) => t.id === territoryId,
    );
    const editor = this.#workspace.editor;
    if (!territory || !editor) return;
    if (territory.locked) editor.unlockTerritories([territory.id]);
    else editor.lockTerritories([territory.id]);
  }

  lockAll(): void {
    const ids = this.#workspace.mirror.paintable
      .filter((t) => !t.locked)
      .map((t) => t.id);
    if (ids.length > 0) this.#workspace.editor?.lockTerritories(ids);
  }

  unlockAll(): void {
    const ids = this.#workspace.mirror.paintable
      .filter((t) => t.locked)
      .map((t) => t.id);
    if (ids.length > 0) this.#workspace.editor?.unlockTerritories(ids);
  }

  /**
   * Proposes giving every unassigned county of a state to the selected
   * territory, through the preview. Returns a reason when it cannot.
   */
  fillUnassignedInState(stateFips: string): string | null {
    const workspace = this.#workspace;
    const targetId = workspace.tools.selectedTerritoryId;
    const reference = workspace.reference;
    if (targetId === null) return "Pick a territory first (1–9).";
    if (!reference) return "The map data is still loading.";

    const state = reference.states.find((s) => s.fips === stateFips);
    const assignments = workspace.mirror.assignments;
    const unitIds = reference.units
      .filter((u) => u.stateFips === stateFips && !assignments.has(u.id))
      .map((u) => u.id);
    if (unitIds.length === 0)
      return `${state?.name ?? stateFips} has no unassigned counties.`;
    this.bulk.propose({
      title: `Fill unassigned in ${state?.name ?? stateFips}`,
      moves: movesToOne(unitIds, targetId),
      targetId,
    });
    return null;
  }
}
