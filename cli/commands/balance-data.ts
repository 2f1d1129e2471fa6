import fs from "node:fs";
import path from "node:path";
import { CliError } from "../errors.ts";
import type { UnitShape } from "../../model/geo/adjacency.ts";
import type { MetricAccount } from "../../model/optimize/metric.ts";

/** Geography and accounts as the balance command reads them from the data folder. */
export interface BalanceData {
  units: DataUnit[];
  states: { fips: string; code: string; name: string }[];
  shapes: UnitShape[];
  /** Loaded on first use: only the potential and accounts metrics need it. */
  accounts: () => MetricAccount[];
}

export interface DataUnit {
  id: string;
  name: string;
  stateFips: string;
  population: number;
}

export type State = BalanceData["states"][number];

/** Reads the data folder's JSON files; accounts.json is read only when a metric needs it. */
export function readBalanceData(dataDir: string): BalanceData {
  const read = (file: string) => {
    const full = path.join(dataDir, file);
    try {
      return JSON.parse(fs.readFileSync(full, "utf8"));
    } catch (error) {
      throw new CliError(
        `Cannot read ${full}: ${(error as Error).message}. Check --data-dir, or rebuild the data with "npm run data".`,
      );
    }
  };
  const unitsFile = read("units.json");
  let accounts: MetricAccount[] | null = null;
  return {
    units: unitsFile.units,
    states: unitsFile.states,
    shapes: read("adjacency.json").units,
    accounts: () => (accounts ??= read("accounts.json").accounts),
  };
}

/** Finds a state by 2-digit FIPS code or USPS code, case-insensitive. */
export function findState(data: BalanceData, query: string): State {
  const text = query.trim().toUpperCase();
  const state = data.states.find((s) => s.fips === text || s.code === text);
  if (state) return state;

  const padded = data.states.find(
    (s) => /^\d$/.test(text) && s.fips === text.padStart(2, "0"),
  );
  const hint = padded
    ? ` FIPS codes have two digits: did you mean ${padded.fips} (${padded.code})?`
    : " Use a 2-digit FIPS code such as 19 or a USPS code such as IA.";
  throw new CliError(`Unknown state "${query}".${hint}`, 2);
}
