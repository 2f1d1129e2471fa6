import type { Topology } from "topojson-specification";
import { CoverageIndex } from "../../model/coverage.ts";
import { parseMoney, toCents } from "../../model/money.ts";

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

interface AccountRecord {
  id: string;
  unitId: string;
  potential: string;
}

/** The imported datasets a plan names, parsed and indexed for the map and the coverage figures. */
export interface ReferenceData {
  topology: Topology;
  units: UnitRecord[];
  unitById: Map<string, UnitRecord>;
  states: StateRecord[];
  accountCount: number;
  coverageIndex: CoverageIndex;
}

export function buildReferenceData(
  geometry: unknown,
  unitsFile: unknown,
  accountsFile: unknown,
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
  return {
    topology,
    units,
    unitById: new Map(units.map((unit) => [unit.id, unit])),
    states,
    accountCount: accounts.length,
    coverageIndex,
  };
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
