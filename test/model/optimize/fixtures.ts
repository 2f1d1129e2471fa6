import { readFileSync } from "node:fs";
import {
  AdjacencyGraph,
  type UnitShape,
} from "../../../model/geo/adjacency.ts";
import type {
  BalanceInput,
  BalanceTerritory,
} from "../../../model/optimize/types.ts";

interface DataUnit {
  id: string;
  name: string;
  state: string;
  population: number;
}

const readJson = (file: string) =>
  JSON.parse(readFileSync(`public/data/${file}`, "utf8"));

export const dataUnits: DataUnit[] = readJson("units.json").units;
export const realGraph = new AdjacencyGraph(
  (readJson("adjacency.json") as { units: UnitShape[] }).units,
);

/** Units of one state by USPS code, in id order. */
export function stateUnits(state: string): DataUnit[] {
  return dataUnits.filter((u) => u.state === state);
}

/** Territories T1 .. Tn. */
export function territories(count: number): BalanceTerritory[] {
  return Array.from({ length: count }, (_, i) => ({ id: `T${i + 1}` }));
}

/** Input that splits a state's counties by population, from scratch, with a 5% tolerance. */
export function stateInput(
  state: string,
  count: number,
  seed: number,
): BalanceInput {
  const units = stateUnits(state);
  return {
    graph: realGraph,
    unitIds: units.map((u) => u.id),
    weights: new Map(units.map((u) => [u.id, u.population])),
    territories: territories(count),
    tolerancePercent: 5,
    mode: "scratch",
    seed,
  };
}

/** Unit ids of one territory in an assignment. */
export function unitsOf(
  assignment: ReadonlyMap<string, string>,
  territoryId: string,
): string[] {
  return [...assignment]
    .filter(([, t]) => t === territoryId)
    .map(([unitId]) => unitId);
}

/**
 * Builds a grid of 1 km squares named "r<row>c<column>" with rook adjacency:
 * a small graph whose shape is easy to reason about.
 */
export function gridGraph(rows: number, columns: number): AdjacencyGraph {
  const id = (r: number, c: number) => `r${r}c${c}`;
  const units: UnitShape[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const neighbours: [string, number][] = [];
      if (r > 0) neighbours.push([id(r - 1, c), 1]);
      if (c > 0) neighbours.push([id(r, c - 1), 1]);
      if (c < columns - 1) neighbours.push([id(r, c + 1), 1]);
      if (r < rows - 1) neighbours.push([id(r + 1, c), 1]);
      units.push({ id: id(r, c), areaKm2: 1, perimeterKm: 4, neighbours });
    }
  }
  return new AdjacencyGraph(units);
}
