import fs from "node:fs";
import path from "node:path";
import {
  CoverageIndex,
  computeCoverage,
  type CoverageResult,
} from "../../../model/coverage.ts";
import type { PlanDoc } from "../../../model/doc/plan-doc.ts";
import { PlanningDoc } from "../../../model/doc/planning-doc.ts";
import { parseMoney, toCents } from "../../../model/money.ts";
import {
  derivePlanning,
  type PlanningModel,
} from "../../../model/planning/derive.ts";

const DATA_DIR = path.resolve(import.meta.dirname, "../../../public/data");

/** Fiscal year of a plan that has not chosen one, in every replica alike. */
export const FALLBACK_YEAR = 2026;

/** A demo account as public/data/accounts.json stores it. */
export interface DemoAccount {
  id: string;
  unitId: string;
  segment: string;
  potential: string;
}

/** The demo dataset of public/data, read once per test file. */
export interface DemoData {
  unitIds: string[];
  accounts: DemoAccount[];
  coverage: CoverageIndex;
}

export function loadDemoData(): DemoData {
  const units: { id: string; population: number }[] =
    readJson("units.json").units;
  const accounts: DemoAccount[] = readJson("accounts.json").accounts;
  const coverage = new CoverageIndex(
    units,
    accounts.map((account) => ({
      unitId: account.unitId,
      potentialCents: toCents(parseMoney(account.potential)),
    })),
  );
  return { unitIds: units.map((unit) => unit.id), accounts, coverage };
}

/** What the app computes from one replica: coverage per territory and the planning model. */
export interface PlanOutputs {
  coverage: CoverageResult;
  planning: PlanningModel;
}

/** Computes coverage from the assignments and derives targets, capacity and quotas. */
export function computeOutputs(plan: PlanDoc, data: DemoData): PlanOutputs {
  const territories = plan.readTerritories();
  const territoryIds = territories
    .filter((territory) => territory.kind === "territory")
    .map((territory) => territory.id);
  const coverage = computeCoverage(
    data.coverage,
    territoryIds,
    plan.readAssignments(),
  );

  const potentialCents = Object.fromEntries(
    coverage.territories.map((t) => [t.territoryId, t.potentialCents]),
  );
  const planning = derivePlanning(
    new PlanningDoc(plan.doc).read(FALLBACK_YEAR),
    {
      planName: plan.readMeta().name,
      units: territories.map(({ id, name, kind, parentId }) => ({
        id,
        name,
        kind,
        parentId,
      })),
      potentialCents,
    },
  );
  return { coverage, planning };
}

function readJson(file: string) {
  return JSON.parse(fs.readFileSync(path.join(DATA_DIR, file), "utf8"));
}
