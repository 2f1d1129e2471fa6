import type * as Y from "yjs";
import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import type { Territory } from "../../model/doc/schema.ts";
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

  /** `readOnlyReason` returns why this person may not write the plan now, or null when they may. */
  constructor(planDoc: PlanDoc, readOnlyReason: () => string | null) {
    this.#planDoc = planDoc;
    this.#writable = readOnlyReason;
    this.undoManager = createUndoManager(planDoc, this.origin);
    const update = () => {
      this.canUndo = this.undoManager.canUndo();
      this.canRedo = this.undoManager.canRedo();
    };
    this.undoManager.on("stack-item-added", update);
    this.undoManager.on("stack-item-popped", update);
    this.undoManager.on("stack-cleared", update);
  }

  /** Starts a stroke: every batch until `endStroke` becomes one undo step. */
  beginStroke(): void {
    this.#check();
    this.undoManager.stopCapturing();
  }

  /** Writes one batch of a stroke in one transaction; returns the units that changed. */
  paintBatch(unitIds: Iterable<string>, territoryId: string | null): string[] {
    this.#check();
    return this.#planDoc.assign(unitIds, territoryId, this.origin);
  }

  endStroke(): void {
    this.undoManager.stopCapturing();
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
    changes: Partial<Pick<Territory, "name" | "color">>,
  ): void {
    this.#step(() => this.#planDoc.updateTerritory(id, changes, this.origin));
  }

  /** Deletes a territory; its units move to `moveUnitsTo`, or become unassigned when it is null. */
  deleteTerritory(id: string, moveUnitsTo: string | null): void {
    this.#step(() =>
      this.#planDoc.deleteTerritory(id, moveUnitsTo, this.origin),
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
