import { readBalanceTargets } from "../../model/doc/balance-targets.ts";
import { ShapeTracker } from "../../model/geo/shape-tracker.ts";
import type { MetricName } from "../../model/metrics.ts";
import { buildSearchEntries, SearchIndex } from "../../model/search.ts";
import type { Territory } from "../../model/doc/schema.ts";
import type { ReferenceData } from "../plan/reference-data.ts";
import type { Workspace } from "../plan/workspace.svelte.ts";
import { computePlanFigures, type PlanFigures } from "./figures.ts";
import { MapNavigator } from "../map/map-navigator.ts";
import { colorsByMode } from "./map-colors.ts";
import { LiveTotals } from "./live-totals.ts";
import { PlanOverrides } from "./overrides.svelte.ts";
import { RegionEditor } from "./region-editor.ts";
import {
  loadViewSettings,
  saveViewSettings,
  type ColorMode,
} from "./view-settings.ts";

/**
 * Territory metrics, regions, search and the finders on top of the
 * workspace. Figures are derived from the mirrored document, so they follow
 * every change, a stroke in progress included.
 */
export class PlanInsights {
  readonly navigator = new MapNavigator();
  readonly regions: RegionEditor;
  readonly overrides: PlanOverrides;
  #metric = $state<MetricName>("potential");
  #colorMode = $state<ColorMode>("territory");

  readonly #workspace: Workspace;
  readonly #totals = new LiveTotals();
  #shapes: { reference: ReferenceData; tracker: ShapeTracker } | null = null;

  constructor(workspace: Workspace) {
    this.#workspace = workspace;
    this.regions = new RegionEditor(workspace);
    this.overrides = new PlanOverrides(workspace);
    const settings = loadViewSettings(workspace.planId);
    this.#metric = settings.metric;
    this.#colorMode = settings.colorMode;
  }

  /** The metric that rows are balanced on. */
  get metric(): MetricName {
    return this.#metric;
  }

  set metric(value: MetricName) {
    this.#metric = value;
    this.#save();
  }

  /** The colouring in effect: by region only while the plan has a region. */
  get colorMode(): ColorMode {
    return this.regionList.length > 0 ? this.#colorMode : "territory";
  }

  set colorMode(value: ColorMode) {
    this.#colorMode = value;
    this.#save();
  }

  /**
   * Figures of every territory and region for the chosen metric, or null
   * before the datasets load. The mirror replaces its territory list on
   * every document change, so reading it here also picks up target edits.
   * Accounts pinned by overrides in effect on the "as of" date count in
   * their override territory instead of their county.
   */
  readonly figures: PlanFigures | null = $derived.by(() => {
    const workspace = this.#workspace;
    const reference = workspace.reference;
    const territories = workspace.mirror.territories;
    const assignments = workspace.mirror.assignments;
    const planDoc = workspace.planDoc;
    const overrides = this.overrides.figures;
    if (!reference || !planDoc || !overrides) return null;
    return computePlanFigures(
      overrides.index,
      this.#trackerFor(reference),
      territories,
      assignments,
      this.#metric,
      readBalanceTargets(planDoc, this.#metric),
      overrides.base,
      this.#totals.sumsFor(planDoc),
    );
  });

  /** States, counties and accounts of the reference data, indexed once per dataset. */
  readonly search: SearchIndex | null = $derived.by(() => {
    const reference = this.#workspace.reference;
    if (!reference) return null;
    return new SearchIndex(
      buildSearchEntries(reference.states, reference.units, reference.accounts),
    );
  });

  /** Regions of the plan, in name order. */
  get regionList(): Territory[] {
    return this.#workspace.mirror.territories.filter(
      (t) => t.kind === "region",
    );
  }

  /** Territory id -> the colour the map fills its counties with, as the colour toggle sets it. */
  mapColors(territories: readonly Territory[]): Map<string, string> {
    return colorsByMode(this.colorMode, territories);
  }

  // One tracker per loaded adjacency dataset; it keeps its state between passes.
  #trackerFor(reference: ReferenceData): ShapeTracker | null {
    if (!reference.adjacency) return null;
    if (this.#shapes?.reference !== reference) {
      this.#shapes = {
        reference,
        tracker: new ShapeTracker(reference.adjacency),
      };
    }
    return this.#shapes.tracker;
  }

  #save(): void {
    saveViewSettings(this.#workspace.planId, {
      metric: this.#metric,
      colorMode: this.#colorMode,
    });
  }
}
