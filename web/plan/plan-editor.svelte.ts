import type * as Y from "yjs";
import { uniqueSkipped, type SkippedUnit } from "../../model/locks.ts";
import type { AssignResult, PlanDoc } from "../../model/doc/plan-doc.ts";
import type { Territory } from "../../model/doc/schema.ts";
import {
  removeOverride,
  setOverride,
  writeOverrideLockSnapshot,
  type OverrideInput,
} from "../../model/doc/account-overrides.ts";
import type { Override } from "../../model/overrides.ts";
import type { CellChange, PlanningDoc } from "../../model/doc/planning-doc.ts";
import type { PlanningChange } from "../../model/doc/planning-edits.ts";
import {
  applyPlanningChanges,
  type EditContext,
} from "../../model/doc/planning-write.ts";
import { createUndoManager } from "./undo.ts";

/**
 * Every change this person makes to the plan. Each change is written with
 * one origin object, and the undo manager tracks only that origin, so undo
 * and redo touch this person's own changes and never a collaborator's.
 */
export class PlanEditor {
  readonly origin = { editor: "meridian-web" };
  readonly undoManager: Y.UndoManager;
  canUndo = $state(false);
  canRedo = $state(false);

  readonly #planDoc: PlanDoc;
  readonly #writable: () => string | null;
  readonly #accountHome: (accountId: string) => string | null;
  #skipListeners: ((skipped: SkippedUnit[]) => void)[] = [];
  #strokeSkipped: SkippedUnit[] = [];

  /**
   * `readOnlyReason` returns why this person may not write the plan now, or
   * null when they may. `accountHome` returns the county an account sits in,
   * or null for an account the loaded dataset lacks.
   */
  constructor(
    planDoc: PlanDoc,
    readOnlyReason: () => string | null,
    accountHome: (accountId: string) => string | null = () => null,
  ) {
    this.#planDoc = planDoc;
    this.#writable = readOnlyReason;
    this.#accountHome = accountHome;
    this.undoManager = createUndoManager(planDoc, this.origin);
    const update = () => {
      this.canUndo = this.undoManager.canUndo();
      this.canRedo = this.undoManager.canRedo();
    };
    this.undoManager.on("stack-item-added", update);
    this.undoManager.on("stack-item-popped", update);
    this.undoManager.on("stack-cleared", update);
  }

  /**
   * Calls `listener` with the units that locks kept, at the end of each
   * stroke or change that skipped some. Returns a function that stops the
   * calls.
   */
  onSkipped(listener: (skipped: SkippedUnit[]) => void): () => void {
    this.#skipListeners = [...this.#skipListeners, listener];
    return () => {
      this.#skipListeners = this.#skipListeners.filter((l) => l !== listener);
    };
  }

  /** Starts a stroke: every batch until `endStroke` becomes one undo step. */
  beginStroke(): void {
    this.#check();
    this.undoManager.stopCapturing();
    this.#strokeSkipped = [];
  }

  /**
   * Writes one batch of a stroke in one transaction; returns the units that
   * changed. Units that locks keep are skipped and reported at the end of
   * the stroke.
   */
  paintBatch(unitIds: Iterable<string>, territoryId: string | null): string[] {
    this.#check();
    const result = this.#planDoc.assignUnits(unitIds, territoryId, this.origin);
    this.#strokeSkipped.push(...result.skipped);
    return result.changed;
  }

  endStroke(): void {
    this.undoManager.stopCapturing();
    const skipped = uniqueSkipped(this.#strokeSkipped);
    this.#strokeSkipped = [];
    if (skipped.length === 0) return;
    for (const listener of this.#skipListeners) listener(skipped);
  }

  /**
   * Writes several groups of units, each to its territory (null
   * unassigns), in one transaction and one undo step, as a bulk change from
   * a preview. Locks hold as in a stroke.
   */
  applyChange(
    groups: ReadonlyMap<string | null, readonly string[]>,
  ): AssignResult {
    const result: AssignResult = { changed: [], skipped: [] };
    this.beginStroke();
    try {
      this.#planDoc.doc.transact(() => {
        for (const [territoryId, unitIds] of groups) {
          result.changed.push(...this.paintBatch(unitIds, territoryId));
        }
      }, this.origin);
    } finally {
      result.skipped = [...this.#strokeSkipped];
      this.endStroke();
    }
    return result;
  }

  /** Locks territories with their current units as the snapshot, as one undo step. */
  lockTerritories(ids: readonly string[]): void {
    this.#step(() =>
      this.#planDoc.doc.transact(() => {
        this.#planDoc.lockTerritories(ids, this.origin);
        this.#snapshotOverrides(ids);
      }, this.origin),
    );
  }

  /** Unlocks territories, as one undo step. */
  unlockTerritories(ids: readonly string[]): void {
    this.#step(() => this.#planDoc.unlockTerritories(ids, this.origin));
  }

  /** Puts a locked territory back to its lock snapshot, as one undo step. */
  restoreLock(id: string): string[] {
    return this.#step(() => this.#planDoc.restoreLock(id, this.origin));
  }

  /** Makes a locked territory's current units its lock snapshot, as one undo step. */
  acceptLock(id: string): void {
    this.#step(() =>
      this.#planDoc.doc.transact(() => {
        this.#planDoc.acceptLock(id, this.origin);
        this.#snapshotOverrides([id]);
      }, this.origin),
    );
  }

  /** Assigns units (or unassigns them with null) as one stroke and one undo step. */
  paint(unitIds: Iterable<string>, territoryId: string | null): string[] {
    this.beginStroke();
    try {
      return this.paintBatch(unitIds, territoryId);
    } finally {
      this.endStroke();
    }
  }

  createTerritory(name: string, color: string): string {
    return this.#step(() =>
      this.#planDoc.createTerritory(
        {
          name,
          color,
          parentId: null,
          ownerId: null,
          locked: false,
          kind: "territory",
        },
        this.origin,
      ),
    );
  }

  updateTerritory(
    id: string,
    changes: Partial<Pick<Territory, "name" | "color" | "ownerId">>,
  ): void {
    this.#step(() => this.#planDoc.updateTerritory(id, changes, this.origin));
  }

  /** Deletes a territory; its units move to `moveUnitsTo`, or become unassigned when it is null. */
  deleteTerritory(id: string, moveUnitsTo: string | null): void {
    this.#step(() =>
      this.#planDoc.deleteTerritory(id, moveUnitsTo, this.origin),
    );
  }

  /**
   * Adds or replaces an account's override, as one undo step. `homeUnitId`
   * is the county the account sits in, for the lock check.
   */
  setOverride(input: OverrideInput, homeUnitId: string | null): Override {
    return this.#step(() =>
      setOverride(this.#planDoc, input, homeUnitId, this.origin),
    );
  }

  /** Removes an account's override, so it follows its county again, as one undo step. */
  removeOverride(accountId: string, homeUnitId: string | null): void {
    this.#step(() =>
      removeOverride(this.#planDoc, accountId, homeUnitId, this.origin),
    );
  }

  /** Makes the overrides as they are now the override snapshot of locked territories, as one undo step. */
  acceptOverrideLocks(
    territoryIds: readonly string[],
    homeUnitOf: (accountId: string) => string | null,
  ): void {
    this.#step(() =>
      writeOverrideLockSnapshot(
        this.#planDoc,
        territoryIds,
        homeUnitOf,
        this.origin,
      ),
    );
  }

  /**
   * Applies changes of planning inputs (targets, capacity, quotas) as one
   * undo step with one history entry per changed cell. `context.check`
   * may refuse the edit, and then nothing is written.
   */
  editPlanning(
    planning: PlanningDoc,
    changes: readonly PlanningChange[],
    context: Omit<EditContext, "origin">,
  ): CellChange[] {
    return this.#step(() =>
      applyPlanningChanges(planning, changes, {
        ...context,
        origin: this.origin,
      }),
    );
  }

  undo(): void {
    this.#check();
    this.undoManager.stopCapturing();
    this.undoManager.undo();
  }

  redo(): void {
    this.#check();
    this.undoManager.stopCapturing();
    this.undoManager.redo();
  }

  // Runs one change as its own undo step.
  // Records the overrides that touch newly locked territories, so that an
  // override written offline before the lock shows as a conflict.
  #snapshotOverrides(ids: readonly string[]): void {
    writeOverrideLockSnapshot(
      this.#planDoc,
      ids,
      this.#accountHome,
      this.origin,
    );
  }

  #step<T>(change: () => T): T {
    this.#check();
    this.undoManager.stopCapturing();
    try {
      return change();
    } finally {
      this.undoManager.stopCapturing();
    }
  }

  #check(): void {
    const reason = this.#writable();
    if (reason !== null) throw new Error(`Cannot change the plan: ${reason}`);
  }
}
