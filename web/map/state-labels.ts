import type { FeatureCollection, Point } from "geojson";
import type { GeoJSONSource, Map as MapLibreMap } from "maplibre-gl";
import type { MapGeometry } from "./geometry.ts";
import {
  STATE_LABEL_NAME_ZOOM,
  STATE_LABEL_SOURCE,
  stateLabelSize,
} from "./style.ts";

/** Width of one label character as a share of the font size, an estimate for sans-serif capitals and names. */
const CHAR_WIDTH_EM = 0.7;
/** Room for the halo and rounding around a label, in CSS pixels. */
const LABEL_MARGIN_PX = 4;

type LabelFeatures = MapGeometry["stateLabels"];

/** State labels with the `text-anchor` each one gets in the current view. */
type AnchoredLabels = FeatureCollection<
  Point,
  { code: string; name: string; anchor: string }
>;

/**
 * Keeps state labels whole at the edges of the map. MapLibre draws a
 * label centred on its point even when part of it falls outside the
 * canvas, so after each move this sets each label's `anchor`. A label
 * whose point is near an edge extends away from that edge, and a label
 * whose point is outside extends further outside. Returns a function
 * that stops it.
 */
export function keepStateLabelsWhole(
  map: MapLibreMap,
  labels: LabelFeatures,
): () => void {
  let applied = "";

  const update = () => {
    const source = map.getSource<GeoJSONSource>(STATE_LABEL_SOURCE);
    if (!source) return;
    const anchored = anchorLabels(map, labels);
    const key = anchored.features.map((f) => f.properties.anchor).join(",");
    if (key === applied) return;
    applied = key;
    void source.setData(anchored);
  };

  map.on("load", update);
  map.on("moveend", update);
  map.on("resize", update);
  return () => {
    map.off("load", update);
    map.off("moveend", update);
    map.off("resize", update);
  };
}

/** Returns the labels with the `anchor` that keeps each one whole in the map's current view. */
export function anchorLabels(
  map: MapLibreMap,
  labels: LabelFeatures,
): AnchoredLabels {
  const canvas = map.getCanvas();
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const zoom = map.getZoom();
  const size = stateLabelSize(zoom);

  return {
    ...labels,
    features: labels.features.map((feature) => {
      const [lng, lat] = feature.geometry.coordinates;
      const point = map.project([lng, lat]);
      const text =
        zoom >= STATE_LABEL_NAME_ZOOM
          ? feature.properties.name
          : feature.properties.code;
      const halfWidth = (text.length * size * CHAR_WIDTH_EM) / 2;
      const halfHeight = size / 2;

      const horizontal = side(point.x, width, halfWidth + LABEL_MARGIN_PX, [
        "left",
        "right",
      ]);
      const vertical = side(point.y, height, halfHeight + LABEL_MARGIN_PX, [
        "top",
        "bottom",
      ]);
      const anchor =
        [vertical, horizontal].filter((part) => part !== "").join("-") ||
        "center";
      return {
        ...feature,
        properties: { ...feature.properties, anchor },
      };
    }),
  };
}

// Picks the anchor along one axis. The start side ("left" or "top") puts
// the label after its point, so it suits a point near the start edge or
// beyond the end edge. The end side suits the reverse.
function side(
  position: number,
  length: number,
  half: number,
  [start, end]: [string, string],
): string {
  if (position < 0) return end;
  if (position > length) return start;
  if (position < half) return start;
  if (position > length - half) return end;
  return "";
}
