import type { Topology } from "topojson-specification";
import type { SourceData } from "../../scripts/data/build.ts";
import type { CityRow } from "../../scripts/data/cities.ts";
import type { ZipRow } from "../../scripts/data/population.ts";

/** A county or state of a fixture: an axis-aligned square in degrees. */
export interface SquareArea {
  id: string;
  name: string;
  west: number;
  south: number;
  size?: number;
}

/** Builds a counter-clockwise closed ring for a square. */
export function squareRing(west: number, south: number, size = 1): number[][] {
  return [
    [west, south],
    [west + size, south],
    [west + size, south + size],
    [west, south + size],
    [west, south],
  ];
}

/**
 * Builds a small us-atlas shaped topology (no quantization) with one arc
 * per square, so every polygon is easy to read in a test.
 */
export function squareTopology(
  counties: SquareArea[],
  states: SquareArea[],
): Topology {
  const arcs: number[][][] = [];
  const geometries = (areas: SquareArea[]) =>
    areas.map((area) => {
      arcs.push(squareRing(area.west, area.south, area.size));
      return {
        type: "Polygon" as const,
        id: area.id,
        properties: { name: area.name },
        arcs: [[arcs.length - 1]],
      };
    });

  const countyGeometries = geometries(counties);
  const stateGeometries = geometries(states);
  return {
    type: "Topology",
    objects: {
      counties: { type: "GeometryCollection", geometries: countyGeometries },
      states: { type: "GeometryCollection", geometries: stateGeometries },
      nation: { type: "GeometryCollection", geometries: [] },
    },
    arcs,
  };
}

export function zip(
  code: string,
  population: number | null,
  countyWeights: Record<string, number>,
): ZipRow {
  return { zip: code, population, countyWeights };
}

export function city(
  overrides: Partial<CityRow> & Pick<CityRow, "id" | "name">,
): CityRow {
  return {
    country: "US",
    featureCode: "PPL",
    stateCode: "AL",
    population: 20_000,
    lon: 0.5,
    lat: 0.5,
    ...overrides,
  };
}

const COUNTIES: SquareArea[] = [
  { id: "01001", name: "Alpha", west: 0, south: 0 },
  { id: "01003", name: "Beta", west: 1, south: 0 },
  { id: "36047", name: "Kings", west: 10, south: 0 },
  { id: "36061", name: "New York", west: 11, south: 0 },
  { id: "72001", name: "Adjuntas", west: 20, south: 0 },
];

const STATES: SquareArea[] = [
  { id: "01", name: "Alabama", west: 0, south: 0, size: 2 },
  { id: "36", name: "New York", west: 10, south: 0, size: 2 },
  { id: "72", name: "Puerto Rico", west: 20, south: 0 },
];

/**
 * The island areas as the real sources have them: counties whose ZIP codes
 * have no population, Northern Islands (69085) in no ZIP code, and Swains
 * Island (60040) in a ZIP code but not in the geometry. With them the build
 * passes the project's own DATA_EXCEPTIONS.
 */
const ISLAND_COUNTIES: SquareArea[] = [
  "60010",
  "60020",
  "60050",
  "66010",
  "69085",
  "69100",
  "69110",
  "69120",
  "78010",
  "78020",
  "78030",
].map((id, index) => ({
  id,
  name: `Island ${id}`,
  west: 30 + 2 * index,
  south: 0,
}));

const ISLAND_STATES: SquareArea[] = ["60", "66", "69", "78"].map(
  (id, index) => ({
    id,
    name: `Island area ${id}`,
    west: 60 + 2 * index,
    south: 10,
  }),
);

const ISLAND_ZIPS: ZipRow[] = [
  zip("96799", null, {
    "60050": 36.49,
    "60010": 32.58,
    "60020": 29.15,
    "60040": 1.78,
  }),
  zip("96910", null, { "66010": 100 }),
  zip("96950", null, { "69110": 100 }),
  zip("96951", null, { "69100": 100 }),
  zip("96952", null, { "69120": 100 }),
  zip("00820", null, { "78010": 100 }),
  zip("00830", null, { "78020": 100 }),
  zip("00802", null, { "78030": 100 }),
];

/**
 * Sources for a whole build: Alabama with two counties side by side,
 * New York with two boroughs, and Puerto Rico with one municipio. With
 * `islandAreas`, the island areas that DATA_EXCEPTIONS lists are added.
 */
export function fixtureSources({ islandAreas = false } = {}): SourceData {
  const counties = islandAreas ? [...COUNTIES, ...ISLAND_COUNTIES] : COUNTIES;
  const states = islandAreas ? [...STATES, ...ISLAND_STATES] : STATES;
  const zips = [
    zip("35001", 100, { "01001": 60, "01003": 40 }),
    zip("35002", 51, { "01001": 100 }),
    zip("11201", 2_000, { "36047": 100 }),
    zip("10001", 1_500, { "36061": 100 }),
    zip("00601", 300, { "72001": 100 }),
  ];

  return {
    topology: squareTopology(counties, states),
    zips: islandAreas ? [...zips, ...ISLAND_ZIPS] : zips,
    cities: [
      city({ id: "1", name: "Betaville", lon: 1.5, lat: 0.5, population: 30 }),
      city({
        id: "5128581",
        name: "New York City",
        stateCode: "NY",
        lon: 11.5,
        lat: 0.5,
        population: 3_000,
      }),
      city({
        id: "5110302",
        name: "Brooklyn",
        stateCode: "NY",
        lon: 10.5,
        lat: 0.5,
        population: 2_000,
        featureCode: "PPLA2",
      }),
    ],
    versions: { "fixture-source": "1.0.0" },
  };
}
