import type * as Y from "yjs";
import { restorePlanState } from "../../model/doc/restore.ts";
import type { Workspace } from "../plan/workspace.svelte.ts";
import type { ReferenceData } from "../plan/reference-data.ts";
import { readPlanFigures, type PlanFigures } from "./plan-figures.ts";
import {
  VersionsApi,
  type TimelinePoint,
  type VersionEntry,
} from "./versions-api.ts";

/**
 * Delay after the last change of the live plan before the timeline reloads.
 * This page's own edit is listed only after it has reached the server.
 */
const TIMELINE_RELOAD_DELAY_MS = 1500;

/** The plan state the view shows: a saved version or a point of the timeline. */
export type OpenedState =
  | { kind: "version"; version: VersionEntry; figures: PlanFigures }
  | { kind: "point"; point: TimelinePoint; figures: PlanFigures };

/**
 * The versions view's data: the list of versions, the timeline, the state
 * opened read-only, and the save and restore actions. Each load shows its
 * progress in `loading` and its failure in `error`.
 */
export class VersionsState {
  versions = $state.raw<VersionEntry[] | null>(null);
  points = $state.raw<TimelinePoint[] | null>(null);
  opened = $state.raw<OpenedState | null>(null);
  /** Progress message of the running action, such as "Loading versions…", or null. */
  loading = $state<string | null>(null);
  error = $state<string | null>(null);
  /** Confirmation of the last save or restore, or null. */
  notice = $state<string | null>(null);
  /** True while a save request is in flight. A second save is ignored until it ends. */
  saving = $state(false);

  readonly workspace: Workspace;
  readonly api: VersionsApi;
  #loadGeneration = 0;

  constructor(workspace: Workspace) {
    this.workspace = workspace;
    this.api = new VersionsApi(workspace.planId, workspace.session.token);
  }

  /** Loads the list of versions and the timeline. */
  async refresh(): Promise<void> {
    await this.run("Loading versions…", async () => {
      const [versions, points] = await Promise.all([
        this.api.list(),
        this.api.timeline(),
      ]);
      this.versions = versions;
      this.points = points;
    });
  }

  /**
   * Reloads the timeline a short while after the live document stops
   * changing, so the slider reaches the latest edits. Returns a function
   * that stops following.
   */
  followLiveDoc(doc: Y.Doc): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => this.#reloadTimeline(),
        TIMELINE_RELOAD_DELAY_MS,
      );
    };
    doc.on("update", onUpdate);
    return () => {
      clearTimeout(timer);
      doc.off("update", onUpdate);
    };
  }

  async #reloadTimeline(): Promise<void> {
    try {
      this.points = await this.api.timeline();
    } catch (error) {
      this.error = `The plan's history could not be reloaded: ${(error as Error).message}`;
    }
  }

  /**
   * Saves the plan as it is now under `name`. Returns true when it was
   * saved, and false when it failed or another save was still in flight.
   */
  async save(name: string, note: string): Promise<boolean> {
    if (this.saving) return false;
    this.saving = true;
    try {
      return await this.run(`Saving version “${name}”…`, async () => {
        const version = await this.api.save(name, note);
        this.notice = `Saved version “${version.name}”.`;
        const [versions, points] = await Promise.all([
          this.api.list(),
          this.api.timeline(),
        ]);
        this.versions = versions;
        this.points = points;
      });
    } finally {
      this.saving = false;
    }
  }

  /** Opens a saved version read-only. */
  async openVersion(version: VersionEntry): Promise<void> {
    const generation = ++this.#loadGeneration;
    await this.run(`Loading version “${version.name}”…`, async () => {
      const figures = this.#figuresOf(await this.api.versionDoc(version.id));
      if (generation !== this.#loadGeneration) return;
      this.opened = { kind: "version", version, figures };
    });
  }

  /** Opens the plan as it was at a point of the timeline, read-only. */
  async openPoint(point: TimelinePoint): Promise<void> {
    const generation = ++this.#loadGeneration;
    await this.run(`Loading the plan as of ${point.at}…`, async () => {
      const figures = this.#figuresOf(await this.api.timelineDoc(point.seq));
      if (generation !== this.#loadGeneration) return;
      this.opened = { kind: "point", point, figures };
    });
  }

  close(): void {
    this.#loadGeneration++;
    this.opened = null;
  }

  /**
   * Writes a version's content into the live plan as one change of this
   * person. The change reaches everyone in the plan, and Undo takes it
   * back in one step.
   */
  async restore(version: VersionEntry): Promise<boolean> {
    return this.run(`Restoring version “${version.name}”…`, async () => {
      const editor = this.workspace.editor;
      const doc = this.workspace.doc;
      const reason = this.workspace.readOnlyReason;
      if (reason !== null || editor === null || doc === null) {
        throw new Error(
          `Version “${version.name}” was not restored because ${reason ?? "the plan is still loading."}`,
        );
      }
      const source = await this.api.versionDoc(version.id);
      try {
        // Separate captures keep the restore its own undo step.
        editor.undoManager.stopCapturing();
        restorePlanState(doc, source, editor.origin);
        editor.undoManager.stopCapturing();
      } finally {
        source.destroy();
      }
      this.notice = `Restored version “${version.name}”. Undo takes it back.`;
    });
  }

  /** Returns the loaded reference data, or raises when it has not loaded. */
  reference(): ReferenceData {
    const reference = this.workspace.reference;
    if (reference === null) {
      throw new Error(
        "The county shapes and accounts have not loaded yet. Wait for the map to load, then try again.",
      );
    }
    return reference;
  }

  #figuresOf(doc: Y.Doc): PlanFigures {
    try {
      return readPlanFigures(doc, this.reference());
    } finally {
      doc.destroy();
    }
  }

  /**
   * Runs one action with `message` as its progress, and shows its error.
   * Returns false when it failed.
   */
  async run(message: string, action: () => Promise<void>): Promise<boolean> {
    this.loading = message;
    this.error = null;
    this.notice = null;
    try {
      await action();
      return true;
    } catch (error) {
      this.error = (error as Error).message;
      return false;
    } finally {
      if (this.loading === message) this.loading = null;
    }
  }
}
