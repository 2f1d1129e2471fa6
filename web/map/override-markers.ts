import type {
  GeoJSONSource,
  Map as MapLibreMap,
  MapMouseEvent,
} from "maplibre-gl";

/** Source and layer of the pinned-account points. */
export const OVERRIDE_SOURCE = "override-points";
export const OVERRIDE_LAYER = "override-points";

/** A pinned account as the map draws it. */
export interface PinnedPoint {
  accountId: string;
  lon: number;
  lat: number;
  /** Fill colour: the override territory's colour. */
  color: string;
  /** Tooltip text on hover or focus, such as "Pinned to West from 2027-01-01 (home county: Travis, Central)". */
  text: string;
}

/** The fields of an account that place its marker. */
export interface MarkerAccount {
  unitId: string;
  lon?: number;
  lat?: number;
}

/**
 * Returns where the map draws a pinned account: its own point, or else the
 * label point of its county (`lon`/`lat` of units.json), because an account
 * imported by county FIPS alone has no point. Returns null when the county
 * is unknown too.
 */
export function markerPosition(
  account: MarkerAccount,
  unitById: ReadonlyMap<string, { lon: number; lat: number }>,
): { lon: number; lat: number } | null {
  if (account.lon !== undefined && account.lat !== undefined) {
    return { lon: account.lon, lat: account.lat };
  }
  const unit = unitById.get(account.unitId);
  return unit ? { lon: unit.lon, lat: unit.lat } : null;
}

/** A point under the pointer or in focus, in CSS pixels of the map. */
export interface MarkerHover {
  accountId: string;
  text: string;
  x: number;
  y: number;
}

/**
 * Draws pinned accounts as circles at their points, filled with their
 * override territory's colour and outlined in white. The style loads no
 * glyphs or sprites, so the points are a circle layer rather than symbols,
 * and their text shows in a tooltip on hover.
 */
export class OverrideMarkers {
  readonly #map: MapLibreMap;
  readonly #onHover: (hover: MarkerHover | null) => void;
  #points = new Map<string, PinnedPoint>();

  constructor(map: MapLibreMap, onHover: (hover: MarkerHover | null) => void) {
    this.#map = map;
    this.#onHover = onHover;
    map.addSource(OVERRIDE_SOURCE, {
      type: "geojson",
      data: { type: "FeatureCollection", features: [] },
    });
    map.addLayer({
      id: OVERRIDE_LAYER,
      type: "circle",
      source: OVERRIDE_SOURCE,
      paint: {
        "circle-color": ["get", "color"],
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 3, 5, 8, 8],
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 2,
      },
    });
    map.on("mousemove", OVERRIDE_LAYER, this.#onMove);
    map.on("mouseleave", OVERRIDE_LAYER, this.#onLeave);
  }

  /** Replaces the points drawn. */
  update(points: readonly PinnedPoint[]): void {
    this.#points = new Map(points.map((p) => [p.accountId, p]));
    const source = this.#map.getSource<GeoJSONSource>(OVERRIDE_SOURCE);
    source?.setData({
      type: "FeatureCollection",
      features: points.map((p) => ({
        type: "Feature",
        geometry: { type: "Point", coordinates: [p.lon, p.lat] },
        properties: { accountId: p.accountId, color: p.color },
      })),
    });
  }

  /** Returns where a point sits on the map now, for the tooltip of a focused point; null for an unknown account. */
  hoverOf(accountId: string): MarkerHover | null {
    const point = this.#points.get(accountId);
    if (!point) return null;
    const { x, y } = this.#map.project([point.lon, point.lat]);
    return { accountId, text: point.text, x, y };
  }

  destroy(): void {
    this.#map.off("mousemove", OVERRIDE_LAYER, this.#onMove);
    this.#map.off("mouseleave", OVERRIDE_LAYER, this.#onLeave);
    if (this.#map.getLayer(OVERRIDE_LAYER))
      this.#map.removeLayer(OVERRIDE_LAYER);
    if (this.#map.getSource(OVERRIDE_SOURCE))
      this.#map.removeSource(OVERRIDE_SOURCE);
  }

  #onMove = (event: MapMouseEvent & { features?: unknown[] }): void => {
    const feature = (
      event.features as { properties: { accountId: string } }[] | undefined
    )?.[0];
    const point = feature && this.#points.get(feature.properties.accountId);
    if (!point) return;
    this.#onHover({
      accountId: point.accountId,
      text: point.text,
      x: event.point.x,
      y: event.point.y,
    });
  };

  #onLeave = (): void => this.#onHover(null);
}
