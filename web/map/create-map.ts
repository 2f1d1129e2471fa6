import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import type { MapGeometry } from "./geometry.ts";
import { keepStateLabelsWhole } from "./state-labels.ts";
import { buildStyle } from "./style.ts";

/** The contiguous United States, west/south then east/north, in degrees. */
export const CONTIGUOUS_US: [[number, number], [number, number]] = [
  [-125.0, 24.3],
  [-66.9, 49.5],
];

// Bundling moves MapLibre's module away from its worker file, so the
// worker's URL comes from the bundler instead of MapLibre's own guess.
maplibregl.setWorkerUrl(workerUrl);

export function createMap(
  container: HTMLElement,
  geometry: MapGeometry,
): maplibregl.Map {
  const map = new maplibregl.Map({
    container,
    style: buildStyle(geometry),
    bounds: CONTIGUOUS_US,
    fitBoundsOptions: { padding: 16 },
    minZoom: 1.5,
    maxZoom: 11,
    renderWorldCopies: false,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    // State labels switch between code and name by zoom, and their data is
    // set again after each move; a cross-fade drew both texts at once.
    fadeDuration: 0,
  });
  keepStateLabelsWhole(map, geometry.stateLabels);
  return map;
}
