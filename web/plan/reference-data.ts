import type { Topology } from "topojson-specification";
import { CoverageIndex } from "../../model/coverage.ts";
import { AdjacencyGraph, type UnitShape } from "../../model/geo/adjacency.ts";
import type { MetricIndex } from "../../model/metrics.ts";
import { parseMoney, toCents } from "../../model/money.ts";
import { workloadByUnit } from "../../model/workload.ts";

/** A county as units.json lists it. */
export interface UnitRecord {
  id: string;
  name: string;
  stateFips: string;
  state: string;
  stateName: string;
  population: number;
  lon: number;
  lat: number;
}

/** A state as units.json lists it, with the point its label sits on. */
export interface StateRecord {
  fips: string;
  code: string;
  name: string;
  lon: number;
  lat: number;
}

/** An account as accounts.json lists it; segment, name and point feed workload and search. */
export interface AccountRecord {
  id: string;
  name: string;
  unitId: string;
  segment: string;
  potential: string;
  population?: number;
  lon?: number;
  lat?: number;
}

/** The imported datasets a plan names, parsed and indexed for the map and the coverage figures. */
export interface ReferenceData {
  topology: Topology;
  units: UnitRecord[];
  unitById: Map<string, UnitRecord>;
  states: StateRecord[];
  accounts: AccountRecord[];
  accountCount: number;
  coverageIndex: CoverageIndex;
  /** The coverage index with each unit's workload, for the territory metrics. */
  metricIndex: MetricIndex;
  /** County adjacency for pieces and compactness, or null when the plan names none or it failed to load. */
  adjacency: AdjacencyGraph | null;
  /** Reason `adjacency` is null, shown in place of those figures; null when it loaded. */
  adjacencyProblem: string | null;
}

/** The adjacency dataset as loaded: its parsed JSON, or the reason it is missing. */
export type AdjacencyInput =
  { json: unknown; problem: null } | { json: null; problem: string };

export function buildReferenceData(
  geometry: unknown,
  unitsFile: unknown,
  accountsFile: unknown,
  adjacencyInput: AdjacencyInput = {
    json: null,
    problem: "This plan names no adjacency dataset.",
  },
): ReferenceData {
  const topology = readTopology(geometry);
  const { units, states } = readUnits(unitsFile);
  const accounts = readAccounts(accountsFile);

  const coverageIndex = new CoverageIndex(
    units,
    accounts.map((account) => ({
      unitId: account.unitId,
      potentialCents: toCents(
        parseMoney(account.potential, `potential of account "${account.id}"`),
      ),
    })),
  );
  const adjacency = readAdjacency(adjacencyInput);
  return {
    topology,
    units,
    unitById: new Map(units.map((unit) => [unit.id, unit])),
    states,
    accounts,
    accountCount: accounts.length,
    coverageIndex,
    metricIndex: {
      coverage: coverageIndex,
      workloadTenths: workloadByUnit(coverageIndex.indexOf, accounts),
    },
    ...adjacency,
  };
}

// Contiguity and compactness are extra figures, so a missing or malformed
// adjacency dataset leaves them out instead of stopping the plan from opening.
function readAdjacency(input: AdjacencyInput): {
  adjacency: AdjacencyGraph | null;
  adjacencyProblem: string | null;
} {
  if (input.json === null)
    return { adjacency: null, adjacencyProblem: input.problem };
  const file = input.json as { units?: unknown };
  if (!Array.isArray(file?.units)) {
    return {
      adjacency: null,
      adjacencyProblem:
        'The adjacency dataset has no "units" array. Rebuild it with the data script.',
    };
  }
  try {
    return {
      adjacency: new AdjacencyGraph(file.units as UnitShape[]),
      adjacencyProblem: null,
    };
  } catch (error) {
    return { adjacency: null, adjacencyProblem: (error as Error).message };
  }
}

function readTopology(value: unknown): Topology {
  const topology = value as Topology;
  const objects = topology?.objects ?? {};
  for (const name of ["counties", "states", "nation"]) {
    if (!objects[name]) {
      throw new Error(
        `The geometry dataset has no "${name}" object. Rebuild it with the data script.`,
      );
    }
  }
  return topology;
}

function readUnits(value: unknown): {
  units: UnitRecord[];
  states: StateRecord[];
} {
  const file = value as { units?: unknown; states?: unknown };
  if (!Array.isArray(file?.units) || !Array.isArray(file.states)) {
    throw new Error(
      'The units dataset must have "units" and "states" arrays. Rebuild it with the data script.',
    );
  }
  return {
    units: file.units as UnitRecord[],
    states: file.states as StateRecord[],
  };
}

function readAccounts(value: unknown): AccountRecord[] {
  const file = value as { accounts?: unknown };
  if (!Array.isArray(file?.accounts)) {
    throw new Error(
      'The accounts dataset must have an "accounts" array. Rebuild it with the data script.',
    );
  }
  return file.accounts as AccountRecord[];
}
