import {
  Marker,
  type ExpressionSpecification,
  type Map as MapLibreMap,
} from "maplibre-gl";
import type { Topology } from "topojson-specification";
import { featureIdOf } from "./geometry.ts";
import { COUNTY_SOURCE } from "./style.ts";
import { UnitBounds, type Bounds } from "./unit-bounds.ts";

/** How long the map takes to move to what was found, in milliseconds. */
const MOVE_MS = 900;

/** How long found counties stay outlined, counted from the start of the move, in milliseconds. */
export const FOUND_OUTLINE_MS = MOVE_MS + 4_000;

/** Feature-state key of an outlined county. */
const FOUND_STATE = "found";
const HALO_LAYER = "county-found-halo";
const LINE_LAYER = "county-found";

/** Layer the outline goes under, so state borders and labels stay on top. */
const BEFORE_LAYER = "state-borders";

/** How far the map zooms in at most, so a small county keeps its neighbours around it. */
const MAX_FIT_ZOOM = 8;

/**
 * Moves the map to what a search or a finder points at and outlines the
 * counties found for a few seconds. Components call it before the map
 * exists; calls then do nothing.
 */
export class MapNavigator {
  #map: MapLibreMap | null = null;
  #bounds: UnitBounds | null = null;
  #outlined: readonly string[] = [];
  #clearTimer: ReturnType<typeof setTimeout> | null = null;
  #marker: Marker | null = null;

  /** Connects the loaded map; returns a function that disconnects it. */
  attach(map: MapLibreMap, topology: Topology): () => void {
    this.#map = map;
    this.#bounds = new UnitBounds(topology);
    addOutlineLayers(map);
    return () => {
      this.#cancelClear();
      this.#removeMarker();
      this.#map = null;
      this.#bounds = null;
      this.#outlined = [];
    };
  }

  get attached(): boolean {
    return this.#map !== null;
  }

  /**
   * Fits the map to counties (to their largest group when they spread
   * around the globe) and outlines them all. Returns false when none has a
   * shape or there is no map.
   */
  showUnits(unitIds: readonly string[]): boolean {
    const map = this.#map;
    const bounds = this.#bounds?.viewOf(unitIds);
    if (!map || !bounds) return false;
    this.#fit(map, bounds);
    this.#outline(map, unitIds);
    return true;
  }

  /**
   * Shows an account: fits the map to the county it sits in, outlines the
   * county and marks the account's point with its name.
   */
  showPoint(
    lon: number,
    lat: number,
    unitId: string | null,
    label: string,
  ): boolean {
    const map = this.#map;
    if (!map) return false;
    const bounds = unitId === null ? null : this.#bounds?.boundsOf(unitId);
    if (bounds) this.#fit(map, bounds);
    else
      map.flyTo({ center: [lon, lat], zoom: MAX_FIT_ZOOM, duration: MOVE_MS });
    this.#outline(map, unitId === null ? [] : [unitId]);
    this.#placeMarker(map, lon, lat, label);
    return true;
  }

  /** Counties outlined right now. */
  get outlined(): readonly string[] {
    return this.#outlined;
  }

  #fit(map: MapLibreMap, [west, south, east, north]: Bounds): void {
    const container = map.getContainer();
    // Keep the padding below half the map's size, or MapLibre cannot fit.
    const padding = Math.min(
      60,
      Math.floor(container.clientWidth / 4),
      Math.floor(container.clientHeight / 4),
    );
    map.fitBounds(
      [
        [west, south],
        [east, north],
      ],
      { padding, maxZoom: MAX_FIT_ZOOM, duration: MOVE_MS },
    );
  }

  // Outlines the counties now and clears them a few seconds later. The
  // timer starts at once rather than at "moveend", which a map that is
  // already in place may never send.
  #outline(map: MapLibreMap, unitIds: readonly string[]): void {
    this.#cancelClear();
    this.#removeMarker();
    this.#setOutline(map, unitIds);
    this.#clearTimer = setTimeout(() => {
      this.#clearTimer = null;
      this.#removeMarker();
      if (this.#map === map) this.#setOutline(map, []);
    }, FOUND_OUTLINE_MS);
  }

  #placeMarker(map: MapLibreMap, lon: number, lat: number, label: string) {
    const element = document.createElement("div");
    element.className = "found-marker";
    element.dataset.testid = "found-marker";
    element.textContent = label;
    this.#marker = new Marker({ element, anchor: "bottom", offset: [0, -6] })
      .setLngLat([lon, lat])
      .addTo(map);
  }

  #removeMarker(): void {
    this.#marker?.remove();
    this.#marker = null;
  }

  #setOutline(map: MapLibreMap, unitIds: readonly string[]): void {
    const next = new Set(unitIds);
    for (const unitId of this.#outlined) {
      if (!next.has(unitId)) setFound(map, unitId, false);
    }
    for (const unitId of next) setFound(map, unitId, true);
    this.#outlined = unitIds;
  }

  #cancelClear(): void {
    if (this.#clearTimer !== null) clearTimeout(this.#clearTimer);
    this.#clearTimer = null;
  }
}

function setFound(map: MapLibreMap, unitId: string, found: boolean): void {
  map.setFeatureState(
    { source: COUNTY_SOURCE, id: featureIdOf(unitId) },
    { [FOUND_STATE]: found },
  );
}

// A white halo under a dark line reads on every territory colour.
function addOutlineLayers(map: MapLibreMap): void {
  const before = map.getLayer(BEFORE_LAYER) ? BEFORE_LAYER : undefined;
  const widthWhenFound = (width: number): ExpressionSpecification => [
    "case",
    ["boolean", ["feature-state", FOUND_STATE], false],
    width,
    0,
  ];
  if (!map.getLayer(HALO_LAYER)) {
    map.addLayer(
      {
        id: HALO_LAYER,
        type: "line",
        source: COUNTY_SOURCE,
        paint: { "line-color": "#ffffff", "line-width": widthWhenFound(6) },
      },
      before,
    );
  }
  if (!map.getLayer(LINE_LAYER)) {
    map.addLayer(
      {
        id: LINE_LAYER,
        type: "line",
        source: COUNTY_SOURCE,
        paint: { "line-color": "#1d3557", "line-width": widthWhenFound(3) },
      },
      before,
    );
  }
}
