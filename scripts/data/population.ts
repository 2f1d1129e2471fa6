import { DataBuildError } from "./errors.ts";
import { compareStrings } from "./serialize.ts";

/**
 * County population from ZIP code population and ZIP-to-county weights.
 *
 * Each ZIP code's population is split among its counties in proportion to
 * the weights by the largest-remainder method, in whole people, so the parts
 * of one ZIP code add up to its population exactly and the county totals
 * add up to the total over all ZIP codes.
 */

/** One ZIP code of the SimpleMaps data as the build reads it. */
export interface ZipRow {
  zip: string;
  /** Residents, or null where the source has no count. */
  population: number | null;
  /** Percent of the ZIP code's population in each county, by 5-digit FIPS. */
  countyWeights: Readonly<Record<string, number>>;
}

export interface CountyPopulation {
  /** Residents by 5-digit county FIPS code. */
  byCounty: Map<string, number>;
  /** Sum of the ZIP codes' populations, equal to the sum of `byCounty`. */
  total: number;
  /** ZIP codes the source gives no population, counted as 0. */
  zipsWithoutPopulation: string[];
}

const COUNTY_ID = /^\d{5}$/;

/**
 * Splits a whole number into integer parts proportional to integer weights
 * (largest-remainder method). The leftover units go to the largest
 * remainders, and ties go to the smaller key, so the result is stable.
 */
export function apportion(
  total: number,
  weights: ReadonlyArray<{ key: string; weight: number }>,
): Map<string, number> {
  const weightSum = weights.reduce((sum, { weight }) => sum + weight, 0);
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new RangeError(
      `Cannot apportion ${total}: expected a whole number of 0 or more.`,
    );
  }
  if (weightSum <= 0) {
    throw new RangeError(
      `Cannot apportion ${total}: the weights add up to ${weightSum}.`,
    );
  }

  const parts = weights.map(({ key, weight }) => {
    const scaled = total * weight;
    if (!Number.isSafeInteger(scaled)) {
      throw new RangeError(
        `Cannot apportion ${total} by weight ${weight} exactly.`,
      );
    }
    return {
      key,
      whole: Math.floor(scaled / weightSum),
      remainder: scaled % weightSum,
    };
  });

  let leftover = total - parts.reduce((sum, part) => sum + part.whole, 0);
  const byRemainder = [...parts].sort(
    (a, b) => b.remainder - a.remainder || compareStrings(a.key, b.key),
  );
  for (const part of byRemainder) {
    if (leftover === 0) break;
    part.whole += 1;
    leftover -= 1;
  }

  return new Map(parts.map((part) => [part.key, part.whole]));
}

/**
 * Converts a weight in percent with at most two decimals (as SimpleMaps
 * writes them, e.g. 98.74) to an integer in hundredths of a percent.
 */
function weightInBasisPoints(
  zip: string,
  county: string,
  percent: number,
): number {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new DataBuildError(
      `ZIP code ${zip} has an invalid weight ${percent} for county ${county}: expected a percentage from 0 to 100.`,
    );
  }
  return Math.round(percent * 100);
}

/** Sums ZIP code populations per county, apportioned by county weight. */
export function countyPopulations(zips: readonly ZipRow[]): CountyPopulation {
  const byCounty = new Map<string, number>();
  const zipsWithoutPopulation: string[] = [];
  let total = 0;

  for (const row of zips) {
    const weights = Object.entries(row.countyWeights).map(
      ([county, percent]) => {
        if (!COUNTY_ID.test(county)) {
          throw new DataBuildError(
            `ZIP code ${row.zip} names county "${county}", which is not a 5-digit FIPS code.`,
          );
        }
        return {
          key: county,
          weight: weightInBasisPoints(row.zip, county, percent),
        };
      },
    );

    if (!weights.some(({ weight }) => weight > 0)) {
      throw new DataBuildError(
        `ZIP code ${row.zip} has no county weight above 0, so its population cannot be placed in a county.`,
      );
    }

    if (row.population === null) zipsWithoutPopulation.push(row.zip);
    const population = row.population ?? 0;
    total += population;

    for (const [county, people] of apportion(population, weights)) {
      byCounty.set(county, (byCounty.get(county) ?? 0) + people);
    }
  }

  return { byCounty, total, zipsWithoutPopulation };
}
