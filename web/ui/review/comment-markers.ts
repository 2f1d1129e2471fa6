import type {
  CircleLayerSpecification,
  GeoJSONSource,
  Map as MapLibreMap,
  MapMouseEvent,
} from "maplibre-gl";
import type { CommentMarker } from "../../../model/review/comment-markers.ts";
import { COUNTY_FILL_LAYER } from "../../map/style.ts";

/** Source of all comment markers, and layer of the county and territory markers. */
export const COMMENT_SOURCE = "comment-markers";
export const COMMENT_LAYER = "comment-markers";
/** Layer of the account markers, drawn beside their point (see ACCOUNT_OFFSET). */
export const ACCOUNT_COMMENT_LAYER = "comment-markers-accounts";

/**
 * Screen offset of account markers, in pixels right and down. An account's
 * point, or its county's label point when it has none, can coincide with
 * its county's marker, so the offset of about two marker radii keeps both
 * in sight.
 */
const ACCOUNT_OFFSET: [number, number] = [14, 14];
const MARKER_LAYERS = [COMMENT_LAYER, ACCOUNT_COMMENT_LAYER];

const OPEN_COLOR = "#f59e0b";
const RESOLVED_COLOR = "#9ca3af";

/** Target of a click on the map: a comment marker, or else a county. */
export type MapPick =
  { kind: "marker"; key: string } | { kind: "county"; unitId: string };

/**
 * Draws comment markers as circles: amber with a dark outline for objects
 * with open threads, grey for objects whose threads are all resolved. The
 * style loads no glyphs, so the count shows in the marker's tooltip and
 * keyboard buttons rather than on the map.
 */
export class CommentMarkers {
  readonly #map: MapLibreMap;
  readonly #onPick: (pick: MapPick) => void;

  constructor(map: MapLibreMap, onPick: (pick: MapPick) => void) {
    this.#map = map;
    this.#onPick = onPick;
    map.addSource(COMMENT_SOURCE, {
      type: "geojson",
      data: { type: "FeatureCollection", features: [] },
    });
    const paint = {
      "circle-color": ["get", "color"],
      "circle-radius": ["interpolate", ["linear"], ["zoom"], 3, 6, 8, 9],
      "circle-stroke-color": "#1f2937",
      "circle-stroke-width": 1.5,
    } satisfies CircleLayerSpecification["paint"];
    map.addLayer({
      id: COMMENT_LAYER,
      type: "circle",
      source: COMMENT_SOURCE,
      filter: ["!=", ["get", "kind"], "account"],
      paint,
    });
    map.addLayer({
      id: ACCOUNT_COMMENT_LAYER,
      type: "circle",
      source: COMMENT_SOURCE,
      filter: ["==", ["get", "kind"], "account"],
      paint: { ...paint, "circle-translate": ACCOUNT_OFFSET },
    });
    map.on("click", this.#onClick);
    for (const layer of MARKER_LAYERS) {
      map.on("mouseenter", layer, this.#onEnter);
      map.on("mouseleave", layer, this.#onLeave);
    }
  }

  /** Replaces the markers drawn. */
  update(markers: readonly CommentMarker[]): void {
    const source = this.#map.getSource<GeoJSONSource>(COMMENT_SOURCE);
    source?.setData({
      type: "FeatureCollection",
      features: markers.map((marker) => ({
        type: "Feature",
        geometry: { type: "Point", coordinates: [marker.lon, marker.lat] },
        properties: {
          key: marker.key,
          kind: marker.anchor.kind,
          open: marker.open,
          resolved: marker.resolved,
          color: marker.open > 0 ? OPEN_COLOR : RESOLVED_COLOR,
        },
      })),
    });
  }

  destroy(): void {
    this.#map.off("click", this.#onClick);
    for (const layer of MARKER_LAYERS) {
      this.#map.off("mouseenter", layer, this.#onEnter);
      this.#map.off("mouseleave", layer, this.#onLeave);
      if (this.#map.getLayer(layer)) this.#map.removeLayer(layer);
    }
    if (this.#map.getSource(COMMENT_SOURCE))
      this.#map.removeSource(COMMENT_SOURCE);
  }

  // One handler for all layers, so a click on a marker over a county
  // picks the marker only.
  #onClick = (event: MapMouseEvent): void => {
    const layers = [...MARKER_LAYERS, COUNTY_FILL_LAYER].filter((id) =>
      this.#map.getLayer(id),
    );
    const features = this.#map.queryRenderedFeatures(event.point, { layers });
    const marker = features.find((f) => MARKER_LAYERS.includes(f.layer.id));
    if (marker) {
      this.#onPick({ kind: "marker", key: String(marker.properties.key) });
      return;
    }
    const county = features.find((f) => f.layer.id === COUNTY_FILL_LAYER);
    const unitId = county?.properties.fips;
    if (typeof unitId === "string") this.#onPick({ kind: "county", unitId });
  };

  #onEnter = (): void => {
    this.#map.getCanvas().style.cursor = "pointer";
  };

  #onLeave = (): void => {
    this.#map.getCanvas().style.cursor = "";
  };
}
