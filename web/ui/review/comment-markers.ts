import type {
  GeoJSONSource,
  Map as MapLibreMap,
  MapMouseEvent,
} from "maplibre-gl";
import type { CommentMarker } from "../../../model/review/comment-markers.ts";
import { COUNTY_FILL_LAYER } from "../../map/style.ts";

/** Source and layer of the comment markers. */
export const COMMENT_SOURCE = "comment-markers";
export const COMMENT_LAYER = "comment-markers";

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
    map.addLayer({
      id: COMMENT_LAYER,
      type: "circle",
      source: COMMENT_SOURCE,
      paint: {
        "circle-color": ["get", "color"],
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 3, 6, 8, 9],
        "circle-stroke-color": "#1f2937",
        "circle-stroke-width": 1.5,
      },
    });
    map.on("click", this.#onClick);
    map.on("mouseenter", COMMENT_LAYER, this.#onEnter);
    map.on("mouseleave", COMMENT_LAYER, this.#onLeave);
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
          open: marker.open,
          resolved: marker.resolved,
          color: marker.open > 0 ? OPEN_COLOR : RESOLVED_COLOR,
        },
      })),
    });
  }

  destroy(): void {
    this.#map.off("click", this.#onClick);
    this.#map.off("mouseenter", COMMENT_LAYER, this.#onEnter);
    this.#map.off("mouseleave", COMMENT_LAYER, this.#onLeave);
    if (this.#map.getLayer(COMMENT_LAYER)) this.#map.removeLayer(COMMENT_LAYER);
    if (this.#map.getSource(COMMENT_SOURCE))
      this.#map.removeSource(COMMENT_SOURCE);
  }

  // One handler for both layers, so a click on a marker over a county
  // picks the marker only.
  #onClick = (event: MapMouseEvent): void => {
    const layers = [COMMENT_LAYER, COUNTY_FILL_LAYER].filter((id) =>
      this.#map.getLayer(id),
    );
    const features = this.#map.queryRenderedFeatures(event.point, { layers });
    const marker = features.find((f) => f.layer.id === COMMENT_LAYER);
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
