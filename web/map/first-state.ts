import type { Map as MapLibreMap } from "maplibre-gl";
import type { ReferenceData } from "../plan/reference-data.ts";
import type { CountyProperties } from "./geometry.ts";
import type { ScreenPoint } from "./stroke-sampling.ts";
import { COUNTY_FILL_LAYER } from "./style.ts";

/**
 * Keeps the units of one state: the state of the county under `start`, or,
 * when the shape starts outside every county, of the listed unit whose
 * label point is nearest to `start`.
 */
export function limitToFirstState(
  map: MapLibreMap,
  reference: ReferenceData,
  unitIds: readonly string[],
  start: ScreenPoint,
): string[] {
  const under = map.queryRenderedFeatures([start.x, start.y], {
    layers: [COUNTY_FILL_LAYER],
  })[0];
  const firstId =
    (under?.properties as CountyProperties | undefined)?.fips ??
    nearestUnit(map, reference, unitIds, start);
  const stateFips = firstId
    ? reference.unitById.get(firstId)?.stateFips
    : undefined;
  if (stateFips === undefined) return [];
  return unitIds.filter(
    (id) => reference.unitById.get(id)?.stateFips === stateFips,
  );
}

function nearestUnit(
  map: MapLibreMap,
  reference: ReferenceData,
  unitIds: readonly string[],
  start: ScreenPoint,
): string | undefined {
  let nearest: string | undefined;
  let best = Infinity;
  for (const id of unitIds) {
    const unit = reference.unitById.get(id);
    if (!unit) continue;
    const point = map.project([unit.lon, unit.lat]);
    const distance = Math.hypot(point.x - start.x, point.y - start.y);
    if (distance < best) {
      best = distance;
      nearest = id;
    }
  }
  return nearest;
}
