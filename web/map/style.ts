import type { StyleSpecification } from "maplibre-gl";
import type { MapGeometry } from "./geometry.ts";

export const COUNTY_SOURCE = "counties";
export const COUNTY_FILL_LAYER = "county-fill";
export const STATE_LABEL_SOURCE = "state-labels";
/** From this zoom on, state labels show full names instead of codes. */
export const STATE_LABEL_NAME_ZOOM = 5.5;

/** Zoom levels and font sizes in CSS pixels between which the state label size is interpolated linearly. */
const STATE_LABEL_SIZES: [number, number][] = [
  [3, 11],
  [7, 15],
];

const WATER = "#cfdde8";
const LAND = "#f4f1ea";

/**
 * Builds a style that needs no network: every source is local GeoJSON, and there is
 * no `glyphs` URL or sprite. MapLibre 6 draws label glyphs with the
 * browser's own fonts when the style names no glyphs URL.
 */
export function buildStyle(geometry: MapGeometry): StyleSpecification {
  return {
    version: 8,
    sources: {
      nation: { type: "geojson", data: geometry.nation },
      [COUNTY_SOURCE]: { type: "geojson", data: geometry.counties },
      "state-borders": { type: "geojson", data: geometry.stateBorders },
      [STATE_LABEL_SOURCE]: { type: "geojson", data: geometry.stateLabels },
    },
    layers: [
      {
        id: "water",
        type: "background",
        paint: { "background-color": WATER },
      },
      {
        id: "nation",
        type: "fill",
        source: "nation",
        paint: { "fill-color": LAND },
      },
      {
        id: COUNTY_FILL_LAYER,
        type: "fill",
        source: COUNTY_SOURCE,
        paint: {
          "fill-color": ["coalesce", ["feature-state", "color"], LAND],
          "fill-opacity": [
            "case",
            ["boolean", ["feature-state", "hover"], false],
            0.95,
            0.78,
          ],
        },
      },
      {
        id: "county-lines",
        type: "line",
        source: COUNTY_SOURCE,
        paint: {
          "line-color": "#8d969e",
          "line-width": ["interpolate", ["linear"], ["zoom"], 3, 0.2, 7, 0.8],
        },
      },
      {
        id: "county-hover",
        type: "line",
        source: COUNTY_SOURCE,
        paint: {
          "line-color": "#111111",
          "line-width": [
            "case",
            ["boolean", ["feature-state", "hover"], false],
            2,
            0,
          ],
        },
      },
      {
        id: "state-borders",
        type: "line",
        source: "state-borders",
        paint: {
          "line-color": "#3c4650",
          "line-width": ["interpolate", ["linear"], ["zoom"], 3, 0.8, 7, 1.8],
        },
      },
      {
        id: "state-labels",
        type: "symbol",
        source: STATE_LABEL_SOURCE,
        layout: {
          "text-field": [
            "step",
            ["zoom"],
            ["get", "code"],
            STATE_LABEL_NAME_ZOOM,
            ["get", "name"],
          ],
          "text-font": ["sans-serif"],
          "text-size": [
            "interpolate",
            ["linear"],
            ["zoom"],
            ...STATE_LABEL_SIZES.flat(),
          ],
          // Set per label by keepStateLabelsWhole, so that a label at the
          // edge of the map extends inward instead of being cut off.
          "text-anchor": [
            "match",
            ["get", "anchor"],
            [
              "left",
              "right",
              "top",
              "bottom",
              "top-left",
              "top-right",
              "bottom-left",
              "bottom-right",
            ],
            ["get", "anchor"],
            "center",
          ],
          "text-allow-overlap": false,
        },
        paint: {
          "text-color": "#1f2933",
          "text-halo-color": "#ffffff",
          "text-halo-width": 1.5,
        },
      },
    ],
  };
}

/** Returns the state label font size at a zoom level, in CSS pixels, as the style interpolates it. */
export function stateLabelSize(zoom: number): number {
  const [[z0, s0], [z1, s1]] = STATE_LABEL_SIZES;
  const t = Math.min(1, Math.max(0, (zoom - z0) / (z1 - z0)));
  return s0 + t * (s1 - s0);
}
