import type { StyleSpecification } from "maplibre-gl";
import type { MapGeometry } from "./geometry.ts";

export const COUNTY_SOURCE = "counties";
export const COUNTY_FILL_LAYER = "county-fill";

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
      "state-labels": { type: "geojson", data: geometry.stateLabels },
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
        source: "state-labels",
        layout: {
          "text-field": [
            "step",
            ["zoom"],
            ["get", "code"],
            5.5,
            ["get", "name"],
          ],
          "text-font": ["sans-serif"],
          "text-size": ["interpolate", ["linear"], ["zoom"], 3, 11, 7, 15],
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
