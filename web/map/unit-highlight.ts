import type { Map as MapLibreMap } from "maplibre-gl";
import { featureIdOf } from "./geometry.ts";
import { COUNTY_SOURCE } from "./style.ts";

/** Line layers the designer's outlines draw on, added above the county lines. */
const LAYERS = {
  preview: { id: "county-preview", color: "#111111", width: 2.5 },
  attention: { id: "county-attention", color: "#d6006f", width: 3.5 },
} as const;

/** Kind of outline: the counties a preview would move, or those a notice points at. */
export type HighlightKind = keyof typeof LAYERS;

/** Layer the outlines go under, so state borders and labels stay on top. */
const BEFORE_LAYER = "state-borders";

/**
 * Outlines sets of counties through feature-state, one boolean state and
 * one line layer per kind, so a change touches only the counties that
 * enter or leave the set.
 */
export class UnitHighlight {
  readonly #map: MapLibreMap;
  readonly #shown = new Map<HighlightKind, Set<string>>();

  constructor(map: MapLibreMap) {
    this.#map = map;
    for (const [kind, layer] of Object.entries(LAYERS)) {
      if (map.getLayer(layer.id)) continue;
      map.addLayer(
        {
          id: layer.id,
          type: "line",
          source: COUNTY_SOURCE,
          paint: {
            "line-color": layer.color,
            "line-width": [
              "case",
              ["boolean", ["feature-state", kind], false],
              layer.width,
              0,
            ],
          },
        },
        map.getLayer(BEFORE_LAYER) ? BEFORE_LAYER : undefined,
      );
    }
  }

  /** Outlines exactly these counties for the kind, clearing the others. */
  set(kind: HighlightKind, unitIds: Iterable<string>): void {
    const next = new Set(unitIds);
    const shown = this.#shown.get(kind) ?? new Set<string>();
    for (const unitId of shown)
      if (!next.has(unitId)) this.#setState(unitId, kind, false);
    for (const unitId of next)
      if (!shown.has(unitId)) this.#setState(unitId, kind, true);
    this.#shown.set(kind, next);
  }

  #setState(unitId: string, kind: HighlightKind, value: boolean): void {
    this.#map.setFeatureState(
      { source: COUNTY_SOURCE, id: featureIdOf(unitId) },
      { [kind]: value },
    );
  }
}
