import { feature } from "topojson-client";
import type { Topology } from "topojson-specification";
import { DataBuildError } from "./errors.ts";
import type { DataExceptions } from "./exceptions.ts";
import {
  boundingBox,
  labelPoint,
  type AreaGeometry,
  type BoundingBox,
} from "./geometry.ts";
import type { CountyPopulation } from "./population.ts";
import { compareStrings } from "./serialize.ts";
import { stateByFips } from "./states.ts";

/** A geography unit (county or county-equivalent) as units.json stores it. */
export interface Unit {
  id: string;
  name: string;
  stateFips: string;
  state: string;
  stateName: string;
  population: number;
  lon: number;
  lat: number;
}

/** A state's label point as units.json stores it. */
export interface StateLabel {
  fips: string;
  code: string;
  name: string;
  lon: number;
  lat: number;
}

/** A named area read from a TopoJSON object, in longitude/latitude. */
export interface Area {
  id: string;
  name: string;
  geometry: AreaGeometry;
  box: BoundingBox;
}

const COUNTY_ID = /^\d{5}$/;
const STATE_ID = /^\d{2}$/;

/**
 * Reads the named GeometryCollection of a topology as areas, checking that
 * each has a unique id of the expected form, a name and polygon geometry.
 */
export function readAreas(
  topology: Topology,
  objectName: string,
  idPattern: RegExp,
): Area[] {
  const object = topology.objects[objectName];
  if (!object || object.type !== "GeometryCollection") {
    throw new DataBuildError(
      `The topology has no GeometryCollection named "${objectName}". Check that the geometry source is us-atlas counties-10m.json.`,
    );
  }

  const seen = new Set<string>();
  const areas: Area[] = [];
  for (const { id, properties, geometry } of feature(topology, object)
    .features) {
    const where = `"${objectName}" feature ${JSON.stringify(id)}`;
    if (typeof id !== "string" || !idPattern.test(id) || seen.has(id)) {
      throw new DataBuildError(
        `${where} has a missing, malformed or repeated id.`,
      );
    }
    if (typeof properties?.name !== "string" || properties.name === "") {
      throw new DataBuildError(`${where} has no properties.name.`);
    }
    if (geometry?.type !== "Polygon" && geometry?.type !== "MultiPolygon") {
      throw new DataBuildError(
        `${where} has ${geometry?.type ?? "no"} geometry; expected Polygon or MultiPolygon.`,
      );
    }
    seen.add(id);
    areas.push({
      id,
      name: properties.name,
      geometry,
      box: boundingBox(geometry),
    });
  }
  return areas.sort((a, b) => compareStrings(a.id, b.id));
}

/** Reads the counties of a us-atlas topology. */
export function readCounties(topology: Topology): Area[] {
  return readAreas(topology, "counties", COUNTY_ID);
}

/** Reads the states of a us-atlas topology. */
export function readStates(topology: Topology): Area[] {
  return readAreas(topology, "states", STATE_ID);
}

/**
 * Lists every county id that fails to join between the geometry and the
 * population data, or is listed in the exceptions without need. Returns
 * one line per problem, so an empty list means the join is clean.
 */
export function findJoinProblems(
  counties: readonly Area[],
  population: CountyPopulation,
  exceptions: DataExceptions,
): string[] {
  const geometryIds = new Set(counties.map((county) => county.id));
  const populationIds = new Set(population.byCounty.keys());
  const problems: string[] = [];

  const unlisted = (id: string) => !(id in exceptions.unjoined);
  const missingPopulation = [...geometryIds].filter(
    (id) => !populationIds.has(id),
  );
  const missingGeometry = [...populationIds].filter(
    (id) => !geometryIds.has(id),
  );
  const unexplained = [
    ...missingPopulation
      .filter(unlisted)
      .map((id) => `${id} (in the geometry, in no ZIP code)`),
    ...missingGeometry
      .filter(unlisted)
      .map((id) => `${id} (in the ZIP data, not in the geometry)`),
  ].sort();
  if (unexplained.length > 0) {
    problems.push(
      `County ids do not join between the geometry and the ZIP population data: ${unexplained.join(", ")}. ` +
        "Fix the sources, or add each id with its reason to DATA_EXCEPTIONS.unjoined in scripts/data/exceptions.ts.",
    );
  }

  const stale = Object.keys(exceptions.unjoined)
    .filter((id) => geometryIds.has(id) === populationIds.has(id))
    .sort();
  if (stale.length > 0) {
    problems.push(
      `DATA_EXCEPTIONS.unjoined lists county ids that are in both sources or in neither: ${stale.join(", ")}. ` +
        "Remove them from scripts/data/exceptions.ts.",
    );
  }
  return problems;
}

/**
 * Lists units whose population is 0 without a listed reason, and listed
 * reasons that no longer apply. Returns one line per problem.
 */
export function findZeroPopulationProblems(
  units: readonly Unit[],
  exceptions: DataExceptions,
): string[] {
  const problems: string[] = [];
  const unexplained = units
    .filter(
      (unit) =>
        unit.population === 0 && !(unit.id in exceptions.zeroPopulation),
    )
    .map((unit) => `${unit.id} (${unit.name}, ${unit.state})`);
  if (unexplained.length > 0) {
    problems.push(
      `Counties have population 0 with no reason given: ${unexplained.join(", ")}. ` +
        "Check the ZIP data, or add each id with its reason to DATA_EXCEPTIONS.zeroPopulation in scripts/data/exceptions.ts.",
    );
  }

  const populated = new Map(units.map((unit) => [unit.id, unit.population]));
  const stale = Object.keys(exceptions.zeroPopulation)
    .filter((id) => populated.get(id) !== 0)
    .sort();
  if (stale.length > 0) {
    problems.push(
      `DATA_EXCEPTIONS.zeroPopulation lists county ids that are not in the geometry or whose population is not 0: ${stale.join(", ")}. ` +
        "Remove them from scripts/data/exceptions.ts.",
    );
  }
  return problems;
}

/** Builds the units: one per county, with population and a label point. */
export function buildUnits(
  counties: readonly Area[],
  states: readonly Area[],
  population: CountyPopulation,
): Unit[] {
  const stateNames = new Map(states.map((state) => [state.id, state.name]));

  return counties.map((county) => {
    const stateFips = county.id.slice(0, 2);
    const stateName = stateNames.get(stateFips);
    if (stateName === undefined) {
      throw new DataBuildError(
        `County ${county.id} (${county.name}) is in state ${stateFips}, which has no feature in the "states" object.`,
      );
    }
    const [lon, lat] = labelPoint(county.geometry);
    return {
      id: county.id,
      name: county.name,
      stateFips,
      state: stateByFips(stateFips).code,
      stateName,
      population: population.byCounty.get(county.id) ?? 0,
      lon,
      lat,
    };
  });
}

/** Builds the state label points. */
export function buildStateLabels(states: readonly Area[]): StateLabel[] {
  return states.map((state) => {
    const [lon, lat] = labelPoint(state.geometry);
    return {
      fips: state.id,
      code: stateByFips(state.id).code,
      name: state.name,
      lon,
      lat,
    };
  });
}
