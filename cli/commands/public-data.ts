import fs from "node:fs";
import path from "node:path";
import { CoverageIndex } from "../../model/coverage.ts";
import { parseMoney, toCents } from "../../model/money.ts";
import { CliError } from "../errors.ts";

/** Reads a JSON dataset of the public data folder, naming the file and the fix when it fails. */
export function readPublicJson(publicDataDir: string, file: string): unknown {
  const full = path.join(path.resolve(publicDataDir), file);
  try {
    return JSON.parse(fs.readFileSync(full, "utf8"));
  } catch (error) {
    throw new CliError(
      `Cannot read ${full}: ${(error as Error).message}. Check --public-data-dir, or rebuild the data with "npm run data".`,
    );
  }
}

/** The units and accounts of the public data folder, indexed for coverage figures. */
export interface CoverageData {
  unitIds: Set<string>;
  index: CoverageIndex;
}

/** Reads units.json and accounts.json and builds the coverage index the app builds from them. */
export function readCoverageData(publicDataDir: string): CoverageData {
  const unitsFile = readPublicJson(publicDataDir, "units.json") as {
    units?: { id: string; population: number }[];
  };
  const accountsFile = readPublicJson(publicDataDir, "accounts.json") as {
    accounts?: { unitId: string; potential: string }[];
  };
  const units = unitsFile?.units;
  const accounts = accountsFile?.accounts;
  if (!Array.isArray(units) || !Array.isArray(accounts)) {
    throw new CliError(
      `units.json needs a "units" list and accounts.json an "accounts" list in ${path.resolve(publicDataDir)}. Rebuild the data with "npm run data".`,
    );
  }
  const index = new CoverageIndex(
    units,
    accounts.map((a) => ({
      unitId: a.unitId,
      potentialCents: toCents(parseMoney(a.potential, "potential")),
    })),
  );
  return { unitIds: new Set(units.map((unit) => unit.id)), index };
}
