import { geoAlbersUsa, geoPath } from "d3";
import type { ReferenceData } from "../plan/reference-data.ts";
import { buildMapGeometry } from "../map/geometry.ts";

/** SVG paths of the counties, projected once per loaded geometry. */
export interface CountyShapes {
  width: number;
  height: number;
  counties: { id: string; name: string; d: string }[];
  stateBorders: string;
}

const WIDTH = 960;
const HEIGHT = 600;

const cache = new WeakMap<ReferenceData, CountyShapes>();

/**
 * Projects the county shapes of the loaded geometry with d3's Albers USA
 * projection, which places Alaska and Hawaii below the lower 48. Counties
 * outside it, such as Puerto Rico's, are left out.
 */
export function countyShapes(reference: ReferenceData): CountyShapes {
  const cached = cache.get(reference);
  if (cached) return cached;

  const geometry = buildMapGeometry(reference.topology, reference.states);
  const projection = geoAlbersUsa().fitSize([WIDTH, HEIGHT], geometry.counties);
  const path = geoPath(projection).digits(1);
  const counties: CountyShapes["counties"] = [];
  for (const county of geometry.counties.features) {
    const d = path(county);
    if (!d) continue;
    counties.push({
      id: county.properties.fips,
      name: county.properties.name,
      d,
    });
  }
  const shapes = {
    width: WIDTH,
    height: HEIGHT,
    counties,
    stateBorders: path(geometry.stateBorders) ?? "",
  };
  cache.set(reference, shapes);
  return shapes;
}
