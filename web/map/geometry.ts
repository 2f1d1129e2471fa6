import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type {
  Feature,
  FeatureCollection,
  Geometry,
  MultiLineString,
  Point,
} from "geojson";
import type { StateRecord } from "../plan/reference-data.ts";

/** Properties of a county feature on the map. */
export interface CountyProperties {
  fips: string;
  name: string;
}

/** The GeoJSON the map draws, converted once from the geometry dataset. */
export interface MapGeometry {
  counties: FeatureCollection<Geometry, CountyProperties>;
  nation: FeatureCollection;
  stateBorders: Feature<MultiLineString>;
  stateLabels: FeatureCollection<Point, { code: string; name: string }>;
}

/**
 * Feature-state needs numeric feature ids, and a 5-digit county FIPS code is
 * a number below 100,000, so the id is the FIPS code read as an integer.
 */
export function featureIdOf(fips: string): number {
  return Number.parseInt(fips, 10);
}

export function buildMapGeometry(
  topology: Topology,
  states: readonly StateRecord[],
): MapGeometry {
  const countyObject = topology.objects.counties as GeometryCollection<{
    name?: string;
  }>;
  const counties: FeatureCollection<Geometry, CountyProperties> = {
    type: "FeatureCollection",
    features: feature(topology, countyObject).features.map((county) => {
      const fips = String(county.id);
      return {
        type: "Feature",
        id: featureIdOf(fips),
        properties: { fips, name: county.properties?.name ?? fips },
        geometry: county.geometry,
      };
    }),
  };

  const stateObject = topology.objects.states as GeometryCollection;
  const stateBorders: Feature<MultiLineString> = {
    type: "Feature",
    properties: {},
    geometry: mesh(topology, stateObject, (a, b) => a !== b),
  };

  return {
    counties,
    nation: feature(topology, topology.objects.nation as GeometryCollection),
    stateBorders,
    stateLabels: {
      type: "FeatureCollection",
      features: states.map((state) => ({
        type: "Feature",
        properties: { code: state.code, name: state.name },
        geometry: { type: "Point", coordinates: [state.lon, state.lat] },
      })),
    },
  };
}
