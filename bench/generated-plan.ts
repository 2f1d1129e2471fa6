import { seededRandom } from "./harness.ts";

/** A generated plan for the coverage benchmarks: every unit assigned, accounts spread at random. */
export interface GeneratedPlan {
  units: { id: string; population: number }[];
  accounts: { unitId: string; potentialCents: number }[];
  territoryIds: string[];
  /** Unit id -> territory id; unit i belongs to territory i modulo the territory count. */
  assignments: Map<string, string>;
}

/**
 * Generates 3,233 units (the number of US counties), 100,000 accounts and
 * 1,000 territories from seed 42, so that every benchmark that calls it
 * gets the same plan. Populations are below 500,000 and each account's
 * potential is below $100,000, in integer cents.
 */
export function generatePlan(): GeneratedPlan {
  const random = seededRandom(42);
  const unitCount = 3_233;
  const units = Array.from({ length: unitCount }, (_, i) => ({
    id: String(i).padStart(5, "0"),
    population: Math.floor(random() * 500_000),
  }));
  const accounts = Array.from({ length: 100_000 }, () => ({
    unitId: units[Math.floor(random() * unitCount)].id,
    potentialCents: Math.floor(random() * 10_000_000),
  }));
  const territoryIds = Array.from({ length: 1_000 }, (_, i) => `t${i}`);
  const assignments = new Map(
    units.map((u, i) => [u.id, territoryIds[i % territoryIds.length]]),
  );
  return { units, accounts, territoryIds, assignments };
}
