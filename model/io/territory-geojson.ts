import { merge } from "topojson-client";
import type { GeometryObject, Topology } from "topojson-specification";
import type { CoverageResult } from "../coverage.ts";

/** A territory as the GeoJSON export names it. */
export interface GeoJsonTerritory {
  id: string;
  name: string;
  color: string;
}

/**
 * Builds a FeatureCollection with one feature per territory: its counties'
 * outlines merged into one (Multi)Polygon, and its coverage figures as
 * properties, with potential as an exact decimal string. A territory with no
 * counties gets a null geometry, as GeoJSON allows.
 */
export function territoriesGeoJson(
  topology: Topology,
  territories: readonly GeoJsonTerritory[],
  assignments: ReadonlyMap<string, string>,
  coverage: CoverageResult,
): GeoJSON.FeatureCollection {
  const counties = topology.objects.counties as unknown as {
    geometries: GeometryObject[];
  };
  const geometriesOf = new Map<string, GeometryObject[]>();
  for (const geometry of counties.geometries) {
    const territoryId = assignments.get(String(geometry.id));
    if (territoryId === undefined) continue;
    const list = geometriesOf.get(territoryId) ?? [];
    list.push(geometry);
    geometriesOf.set(territoryId, list);
  }
  const figures = new Map(coverage.territories.map((t) => [t.territoryId, t]));

  const features = territories.map((territory): GeoJSON.Feature => {
    const parts = geometriesOf.get(territory.id) ?? [];
    const figure = figures.get(territory.id);
    return {
      type: "Feature",
      id: territory.id,
      geometry:
        parts.length === 0
          ? (null as unknown as GeoJSON.Geometry)
          : merge(topology, parts as never),
      properties: {
        name: territory.name,
        color: territory.color,
        counties: figure?.units ?? 0,
        accounts: figure?.accounts ?? 0,
        population: figure?.population ?? 0,
        potential: figure?.potential ?? "0.00",
        deviationPercent: figure?.deviationPercent ?? null,
      },
    };
  });
  return { type: "FeatureCollection", features };
}
