import { centsToString } from "../../model/money.ts";
import type { PlacedCity } from "./cities.ts";
import { countyGovernmentName } from "./county-governments.ts";
import { roundPoint } from "./geometry.ts";
import { compareStrings } from "./serialize.ts";
import type { Unit } from "./units.ts";

/**
 * Demo accounts: one county government per unit and one city government per
 * kept GeoNames place, with a potential derived from population.
 */

export type Segment = "county" | "city";

/** An account as accounts.json stores it. */
export interface Account {
  id: string;
  name: string;
  unitId: string;
  segment: Segment;
  /** USPS state code of the unit. */
  state: string;
  population: number;
  /** Yearly revenue potential in USD, as a decimal string with two digits. */
  potential: string;
  lon: number;
  lat: number;
}

/** Potential per resident in US cents, by segment. */
export const POTENTIAL_CENTS_PER_RESIDENT: Readonly<Record<Segment, number>> = {
  county: 50,
  city: 80,
};

export const POTENTIAL_RULE =
  "Potential is population times a rate per resident: 0.50 USD for a county government, " +
  "0.80 USD for a city government. It is computed in integer cents (population x 50 or x 80) " +
  "and written as a decimal string with two digits.";

/** Computes an account's potential from its population, in exact cents. */
export function potentialFor(segment: Segment, population: number): string {
  const cents = population * POTENTIAL_CENTS_PER_RESIDENT[segment];
  if (
    !Number.isSafeInteger(population) ||
    !Number.isSafeInteger(cents) ||
    cents < 0
  ) {
    throw new RangeError(
      `Population ${population} gives no valid potential in cents. Expected a whole number of 0 or more.`,
    );
  }
  return centsToString(cents);
}

const SEGMENT_ORDER: Readonly<Record<Segment, number>> = { county: 0, city: 1 };

/**
 * Builds the accounts: every unit's county government, then the cities.
 * They are sorted by unit, county before city, then by name and id.
 */
export function buildAccounts(
  units: readonly Unit[],
  cities: readonly PlacedCity[],
): Account[] {
  const unitsById = new Map(units.map((unit) => [unit.id, unit]));

  const countyAccounts = units.map((unit): Account => ({
    id: `county-${unit.id}`,
    name: countyGovernmentName(unit.id, unit.name),
    unitId: unit.id,
    segment: "county",
    state: unit.state,
    population: unit.population,
    potential: potentialFor("county", unit.population),
    lon: unit.lon,
    lat: unit.lat,
  }));

  const cityAccounts = cities.map(({ city, unitId }): Account => {
    const unit = unitsById.get(unitId);
    if (!unit)
      throw new Error(`City ${city.id} is placed in unknown unit ${unitId}.`);
    const [lon, lat] = roundPoint([city.lon, city.lat]);
    return {
      id: `city-${city.id}`,
      name: city.name,
      unitId,
      segment: "city",
      state: unit.state,
      population: city.population,
      potential: potentialFor("city", city.population),
      lon,
      lat,
    };
  });

  return [...countyAccounts, ...cityAccounts].sort(
    (a, b) =>
      compareStrings(a.unitId, b.unitId) ||
      SEGMENT_ORDER[a.segment] - SEGMENT_ORDER[b.segment] ||
      compareStrings(a.name, b.name) ||
      compareStrings(a.id, b.id),
  );
}
