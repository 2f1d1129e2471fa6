import { createHash } from "node:crypto";
import type { Topology } from "topojson-specification";
import { buildAccounts, POTENTIAL_RULE, type Account } from "./accounts.ts";
import {
  dedupeCities,
  findOversizedCities,
  MIN_CITY_POPULATION,
  placeCities,
  selectCities,
  type CityRow,
  type DroppedCity,
} from "./cities.ts";
import { buildAdjacency } from "./adjacency.ts";
import { buildDemoPlan } from "./demo-plan.ts";
import { DataBuildError } from "./errors.ts";
import { DATA_EXCEPTIONS, type DataExceptions } from "./exceptions.ts";
import { countyPopulations, type ZipRow } from "./population.ts";
import { serializeJson } from "./serialize.ts";
import {
  buildStateLabels,
  buildUnits,
  findJoinProblems,
  findZeroPopulationProblems,
  readCounties,
  readStates,
} from "./units.ts";

/**
 * The pure demo data build: loaded sources in, file contents out. It reads
 * no files and installs nothing, so tests run it on small fixtures.
 */

/** The three sources, already loaded and normalised. */
export interface SourceData {
  /** us-atlas counties-10m.json: counties, states and nation in longitude/latitude. */
  topology: Topology;
  zips: ZipRow[];
  cities: CityRow[];
  /** Package versions the sources came from, by package name. */
  versions: Readonly<Record<string, string>>;
}

export interface BuildOptions {
  exceptions?: DataExceptions;
  minCityPopulation?: number;
}

export interface BuildSummary {
  units: number;
  states: number;
  population: number;
  zipCodes: number;
  zipsWithoutPopulation: number;
  accounts: number;
  countyAccounts: number;
  cityAccounts: number;
  droppedCities: DroppedCity[];
  snappedCities: Array<{
    id: string;
    name: string;
    unitId: string;
    km: number;
  }>;
  assignedUnits: number;
  unassignedUnits: string[];
}

export interface BuildResult {
  /** File contents by file name, manifest.json last. */
  files: Map<string, string>;
  summary: BuildSummary;
}

export const FILES = {
  geometry: "counties.topo.json",
  units: "units.json",
  accounts: "accounts.json",
  adjacency: "adjacency.json",
  demoPlan: "demo-plan.json",
  manifest: "manifest.json",
} as const;

function describeAccounts(minCityPopulation: number): string {
  return (
    "Public-sector demo accounts from public data: one county government per county or " +
    "county equivalent, and one city government per GeoNames place in the 50 states and DC " +
    `with at least ${minCityPopulation.toLocaleString("en-US")} residents. ` +
    "Rebuilt by `npm run data`, and docs/DATA.md states the rules."
  );
}

/** Builds every file of public/data from the loaded sources. */
export function buildDemoData(
  sources: SourceData,
  options: BuildOptions = {},
): BuildResult {
  const exceptions = options.exceptions ?? DATA_EXCEPTIONS;
  const minCityPopulation = options.minCityPopulation ?? MIN_CITY_POPULATION;

  const counties = readCounties(sources.topology);
  const states = readStates(sources.topology);
  const population = countyPopulations(sources.zips);

  const joinProblems = findJoinProblems(counties, population, exceptions);
  const units = buildUnits(counties, states, population);
  const problems = [
    ...joinProblems,
    ...findZeroPopulationProblems(units, exceptions),
  ];
  if (problems.length > 0) throw new DataBuildError(problems.join("\n"));

  const selected = selectCities(sources.cities, minCityPopulation);
  const placed = placeCities(selected.kept, counties);
  const deduped = dedupeCities(placed, units, exceptions.badCities);
  const oversized = findOversizedCities(deduped.kept, units);
  if (oversized.length > 0) throw new DataBuildError(oversized.join("\n"));
  const accounts = buildAccounts(units, deduped.kept);
  const plan = buildDemoPlan(units);

  const files = new Map<string, string>();
  files.set(FILES.geometry, JSON.stringify(sources.topology));
  files.set(
    FILES.units,
    serializeJson({ units, states: buildStateLabels(states) }),
  );
  files.set(
    FILES.accounts,
    serializeJson({
      generated: false,
      description: describeAccounts(minCityPopulation),
      potentialRule: POTENTIAL_RULE,
      accounts,
    }),
  );
  files.set(
    FILES.adjacency,
    serializeJson(buildAdjacency(sources.topology, units)),
  );
  files.set(FILES.demoPlan, serializeJson(plan));
  files.set(FILES.manifest, buildManifest(files, sources.versions));

  const summary: BuildSummary = {
    units: units.length,
    states: states.length,
    population: units.reduce((sum, unit) => sum + unit.population, 0),
    zipCodes: sources.zips.length,
    zipsWithoutPopulation: population.zipsWithoutPopulation.length,
    accounts: accounts.length,
    countyAccounts: countSegment(accounts, "county"),
    cityAccounts: countSegment(accounts, "city"),
    droppedCities: [...selected.dropped, ...deduped.dropped],
    snappedCities: deduped.kept
      .filter((placement) => placement.snappedKm !== null)
      .map(({ city, unitId, snappedKm }) => ({
        id: city.id,
        name: city.name,
        unitId,
        km: snappedKm ?? 0,
      })),
    assignedUnits: plan.assignments.size,
    unassignedUnits: units
      .filter((unit) => !plan.assignments.has(unit.id))
      .map((unit) => unit.id),
  };
  return { files, summary };
}

function countSegment(
  accounts: readonly Account[],
  segment: Account["segment"],
): number {
  return accounts.filter((account) => account.segment === segment).length;
}

/** Computes the sha256 of a file's exact UTF-8 bytes, as hex. */
export function sha256Hex(content: string): string {
  return createHash("sha256").update(content, "utf8").digest("hex");
}

/**
 * Builds manifest.json: each dataset's file and the sha256 of its bytes
 * (the server serves datasets by this hash), and the source versions.
 */
function buildManifest(
  files: ReadonlyMap<string, string>,
  versions: Readonly<Record<string, string>>,
): string {
  const dataset = (file: string) => ({
    file,
    sha256: sha256Hex(files.get(file) ?? ""),
  });
  return serializeJson({
    datasets: {
      geometry: dataset(FILES.geometry),
      units: dataset(FILES.units),
      accounts: dataset(FILES.accounts),
      adjacency: dataset(FILES.adjacency),
    },
    sources: versions,
  });
}
