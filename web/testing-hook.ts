import type { Map as MapLibreMap } from "maplibre-gl";
import type * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";
import type { CoverageResult } from "../model/coverage.ts";
import { planContentHash } from "../model/doc/plan-content.ts";
import type { PlanDoc } from "../model/doc/plan-doc.ts";
import { adjustmentChange } from "../model/doc/planning-edits.ts";
import type { LockViolation } from "../model/locks.ts";
import type { QuotaAdjustment } from "../model/quota/types.ts";
import type { PersonalSession } from "./session/types.ts";
import type { Workspace } from "./plan/workspace.svelte.ts";
import type { Planning } from "./planning/planning.svelte.ts";

/**
 * `window.meridian`: a hook for browser tests and automation, documented in
 * docs/WEB.md. The app itself never reads it.
 */
export interface MeridianHook {
  readonly planDoc: PlanDoc | null;
  readonly doc: Y.Doc | null;
  readonly provider: WebsocketProvider | null;
  readonly undoManager: Y.UndoManager | null;
  readonly map: MapLibreMap | null;
  /** Resolves once the plan is open, its datasets are loaded and the map is coloured and idle. */
  readonly ready: Promise<void>;
  /** Assigns units to a territory, or unassigns them with null, as one stroke and one undo step. */
  paint(unitIds: string[], territoryId: string | null): string[];
  /** Coverage per territory computed from the document as it is now. */
  coverage(): CoverageResult | null;
  /** Resolves when the map has drawn every pending change. */
  whenMapIdle(): Promise<void>;
  /** Differences between lock snapshots and the document as it is now. */
  lockViolations(): LockViolation[];
  /** Targets, capacity and quotas of the open plan: inputs, derived figures and edits. */
  readonly planning: Planning | null;
  /** The personal session the open plan uses now, renewed token included. */
  readonly session: PersonalSession | null;
  /** `planContentHash` of the plan document as it is now, or null before it opens. */
  contentHash(): string | null;
  /** Sets (or, with null, clears) a territory's or region's quota adjustment through the Quotas view's edit path. */
  adjustQuota(nodeId: string, adjustment: QuotaAdjustment | null): void;
}

declare global {
  interface Window {
    meridian: MeridianHook;
  }
}

let workspace: Workspace | null = null;
let map: MapLibreMap | null = null;
let planning: Planning | null = null;
let resolveReady: () => void = () => {};

export function installTestingHook(): void {
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  window.meridian = {
    get planDoc() {
      return workspace?.planDoc ?? null;
    },
    get doc() {
      return workspace?.doc ?? null;
    },
    get provider() {
      return workspace?.provider ?? null;
    },
    get undoManager() {
      return workspace?.editor?.undoManager ?? null;
    },
    get map() {
      return map;
    },
    get planning() {
      return planning;
    },
    get session() {
      return workspace?.session ?? null;
    },
    contentHash() {
      const doc = workspace?.doc;
      return doc ? planContentHash(doc) : null;
    },
    adjustQuota(nodeId, adjustment) {
      if (!planning)
        throw new Error("No plan is open yet; await meridian.ready first.");
      planning.edit((doc) => [adjustmentChange(doc, nodeId, adjustment)]);
    },
    ready,
    paint(unitIds, territoryId) {
      const editor = workspace?.editor;
      if (!editor)
        throw new Error("No plan is open yet; await meridian.ready first.");
      return editor.paint(unitIds, territoryId);
    },
    coverage() {
      return workspace?.mirror.computeCoverage() ?? null;
    },
    lockViolations() {
      return workspace?.planDoc?.readLockViolations() ?? [];
    },
    whenMapIdle() {
      const current = map;
      if (!current)
        return Promise.reject(new Error("The map is not created yet."));
      return new Promise((resolve) => {
        if (current.loaded() && !current.isMoving()) current.triggerRepaint();
        current.once("idle", () => resolve());
      });
    },
  };
}

export function exposeWorkspace(value: Workspace | null): void {
  workspace = value;
}

export function exposePlanning(value: Planning | null): void {
  planning = value;
}

export function exposeMap(value: MapLibreMap | null): void {
  map = value;
}

/** Marks the map as coloured and idle: sets `data-map-ready` on the body and resolves `ready`. */
export function markMapReady(): void {
  performance.mark("meridian:map-ready");
  document.body.dataset.mapReady = "true";
  resolveReady();
}
