import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { UnitArea } from "../../model/geo/point-in-polygon.ts";

/**
 * Decodes the counties of the geometry dataset into plain polygons, with
 * holes, for the point-in-polygon lookup. Counties without an area are left
 * out.
 */
export function countyAreas(topology: Topology): UnitArea[] {
  const counties = topology.objects.counties as GeometryCollection;
  const collection = feature(topology, counties);
  const areas: UnitArea[] = [];
  for (const county of collection.features) {
    const geometry = county.geometry;
    const id = String(county.id);
    if (geometry?.type === "Polygon") {
      areas.push({
        id,
        type: "Polygon",
        coordinates: geometry.coordinates as [number, number][][],
      });
    } else if (geometry?.type === "MultiPolygon") {
      areas.push({
        id,
        type: "MultiPolygon",
        coordinates: geometry.coordinates as [number, number][][][],
      });
    }
  }
  return areas;
}
