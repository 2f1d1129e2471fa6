import { writeBalanceTarget } from "../../model/doc/balance-targets.ts";
import type { MetricName } from "../../model/metrics.ts";
import type { Workspace } from "../plan/workspace.svelte.ts";

/**
 * Writes regions, region membership and balance targets, each change as
 * one undo step of this person's undo history (the editor's origin).
 */
export class RegionEditor {
  readonly #workspace: Workspace;

  constructor(workspace: Workspace) {
    this.#workspace = workspace;
  }

  /** Creates a region and returns its id. */
  createRegion(name: string, color: string): string {
    return this.#step((planDoc, origin) =>
      planDoc.createTerritory(
        {
          name,
          color,
          parentId: null,
          ownerId: null,
          locked: false,
          kind: "region",
        },
        origin,
      ),
    );
  }

  renameRegion(id: string, name: string): void {
    this.#step((planDoc, origin) =>
      planDoc.updateTerritory(id, { name }, origin),
    );
  }

  recolorRegion(id: string, color: string): void {
    this.#step((planDoc, origin) =>
      planDoc.updateTerritory(id, { color }, origin),
    );
  }

  /** Deletes a region; its territories stay and have no region afterwards. */
  deleteRegion(id: string): void {
    this.#step((planDoc, origin) => planDoc.deleteTerritory(id, null, origin));
  }

  /** Puts a territory into a region, or takes it out of any region with null. */
  setRegion(territoryId: string, regionId: string | null): void {
    this.#step((planDoc, origin) =>
      planDoc.updateTerritory(territoryId, { parentId: regionId }, origin),
    );
  }

  /** Sets a territory's balance target for a metric from typed text, or removes it for blank text. */
  setTarget(territoryId: string, metric: MetricName, text: string): void {
    this.#step((planDoc, origin) =>
      writeBalanceTarget(planDoc, territoryId, metric, text, origin),
    );
  }

  // Runs one change with the editor's origin, bounded as its own undo step.
  #step<T>(
    change: (planDoc: NonNullable<Workspace["planDoc"]>, origin: object) => T,
  ): T {
    const workspace = this.#workspace;
    const reason = workspace.readOnlyReason;
    if (reason !== null) throw new Error(`Cannot change the plan: ${reason}`);
    const { planDoc, editor } = workspace;
    if (!planDoc || !editor) {
      throw new Error("Cannot change the plan: it is not open yet.");
    }
    editor.undoManager.stopCapturing();
    try {
      return change(planDoc, editor.origin);
    } finally {
      editor.undoManager.stopCapturing();
    }
  }
}
