import type { Map as MapLibreMap, MapMouseEvent } from "maplibre-gl";
import { featureIdOf, type CountyProperties } from "./geometry.ts";
import { COUNTY_FILL_LAYER, COUNTY_SOURCE } from "./style.ts";

/** The county under the pointer and where the pointer is, in CSS pixels of the map. */
export interface HoverInfo {
  unitId: string;
  x: number;
  y: number;
  mapWidth: number;
  mapHeight: number;
}

/** Outlines the county under the pointer and reports it, or null when the pointer leaves the counties. */
export class HoverTracker {
  readonly #map: MapLibreMap;
  readonly #onHover: (info: HoverInfo | null) => void;
  #hovered: string | null = null;

  constructor(map: MapLibreMap, onHover: (info: HoverInfo | null) => void) {
    this.#map = map;
    this.#onHover = onHover;
    map.on("mousemove", COUNTY_FILL_LAYER, this.#onMove);
    map.on("mouseleave", COUNTY_FILL_LAYER, this.#onLeave);
  }

  destroy(): void {
    this.#map.off("mousemove", COUNTY_FILL_LAYER, this.#onMove);
    this.#map.off("mouseleave", COUNTY_FILL_LAYER, this.#onLeave);
  }

  #onMove = (event: MapMouseEvent & { features?: unknown[] }): void => {
    const feature = (event.features as { properties: CountyProperties }[])?.[0];
    if (!feature) return;
    const unitId = feature.properties.fips;
    if (unitId !== this.#hovered) {
      this.#setHover(this.#hovered, false);
      this.#setHover(unitId, true);
      this.#hovered = unitId;
    }
    const container = this.#map.getContainer();
    this.#onHover({
      unitId,
      x: event.point.x,
      y: event.point.y,
      mapWidth: container.clientWidth,
      mapHeight: container.clientHeight,
    });
  };

  #onLeave = (): void => {
    this.#setHover(this.#hovered, false);
    this.#hovered = null;
    this.#onHover(null);
  };

  #setHover(unitId: string | null, hover: boolean): void {
    if (unitId === null) return;
    this.#map.setFeatureState(
      { source: COUNTY_SOURCE, id: featureIdOf(unitId) },
      { hover },
    );
  }
}
