import type { Map as MapLibreMap, MapGeoJSONFeature } from "maplibre-gl";
import { circleTouchesRings, type PlanePoint } from "../../model/selection.ts";
import type { DrawingState } from "../plan/drawing.svelte.ts";
import type { ReferenceData } from "../plan/reference-data.ts";
import type { CountyProperties } from "./geometry.ts";
import type { ScreenPoint } from "./stroke-sampling.ts";
import { COUNTY_FILL_LAYER } from "./style.ts";

/** Picks the counties a stroke paints at each sampled point. */
export interface Brush {
  /** Distance between samples along a drag, in CSS pixels. */
  readonly spacing: number;
  /** Returns the counties under the brush at a point of the map canvas. */
  unitsAt(point: ScreenPoint): string[];
}

/** Options of one stroke's brush. */
export interface BrushOptions {
  /** Radius in CSS pixels; 0 picks the county under the point only. */
  radius: number;
  /** With this, the stroke keeps to the state of its first county. */
  stateOf?: (unitId: string) => string | undefined;
}

/** Samples closer than this miss thin counties at usual zooms. */
const MIN_SPACING_PX = 4;

/**
 * Creates the brush of one stroke. A round brush takes every county whose
 * drawn shape touches the circle: a box query finds candidates, and each
 * new candidate's rings are projected to the screen and tested against
 * the circle once per stroke.
 */
export function createBrush(map: MapLibreMap, options: BrushOptions): Brush {
  const radius = options.radius;
  const touched = new Set<string>();
  let stateFips: string | undefined;
  let first = true;

  const inState = (unitId: string): boolean => {
    if (!options.stateOf) return true;
    if (first) {
      stateFips = options.stateOf(unitId);
      first = false;
    }
    return options.stateOf(unitId) === stateFips;
  };

  const unitsAt = (point: ScreenPoint): string[] => {
    // The county under the centre comes first, so it sets the stroke's state.
    const units = countiesAt(map, [point.x, point.y]);
    for (const unitId of units) touched.add(unitId);

    if (radius > 0) {
      const box: [[number, number], [number, number]] = [
        [point.x - radius, point.y - radius],
        [point.x + radius, point.y + radius],
      ];
      const candidates = map.queryRenderedFeatures(box, {
        layers: [COUNTY_FILL_LAYER],
      });
      for (const feature of candidates) {
        const unitId = (feature.properties as CountyProperties).fips;
        if (units.includes(unitId)) continue;
        if (touched.has(unitId) || touchesCircle(map, feature, point, radius)) {
          touched.add(unitId);
          units.push(unitId);
        }
      }
    }
    return units.filter(inState);
  };

  return { spacing: Math.max(MIN_SPACING_PX, radius / 2), unitsAt };
}

/**
 * Creates the brush of a stroke from the drawing options, or returns null
 * for the plain one-county brush without a state limit.
 */
export function brushFor(
  map: MapLibreMap,
  drawing: DrawingState,
  reference: ReferenceData,
): Brush | null {
  if (drawing.brushRadius === 0 && !drawing.limitToState) return null;
  const stateOf = (unitId: string) => reference.unitById.get(unitId)?.stateFips;
  return createBrush(map, {
    radius: drawing.brushRadius,
    stateOf: drawing.limitToState ? stateOf : undefined,
  });
}

function countiesAt(map: MapLibreMap, point: [number, number]): string[] {
  const features = map.queryRenderedFeatures(point, {
    layers: [COUNTY_FILL_LAYER],
  });
  return [
    ...new Set(
      features.map((feature) => (feature.properties as CountyProperties).fips),
    ),
  ];
}

function touchesCircle(
  map: MapLibreMap,
  feature: MapGeoJSONFeature,
  center: ScreenPoint,
  radius: number,
): boolean {
  const geometry = feature.geometry;
  const polygons =
    geometry.type === "Polygon"
      ? [geometry.coordinates]
      : geometry.type === "MultiPolygon"
        ? geometry.coordinates
        : [];
  return polygons.some((rings) => {
    const projected = rings.map((ring) =>
      ring.map(([lng, lat]): PlanePoint => map.project([lng, lat])),
    );
    return circleTouchesRings(center, radius, projected);
  });
}
