import Decimal from "decimal.js";
import { computeCoverage, CoverageIndex } from "../model/coverage.ts";
import { LiveCoverage } from "../model/coverage-live.ts";
import { generatePlan } from "./generated-plan.ts";
import { formatMs, medianMs, type BenchResult } from "./harness.ts";

/**
 * Coverage recalculation on a generated plan: 3,233 units, 100,000 accounts,
 * 1,000 territories. Compares Meridian's per-unit index with a pass over
 * every account in integer cents and the same pass with decimal.js sums.
 */
export function benchCoverage(): BenchResult {
  const { units, accounts, territoryIds, assignments } = generatePlan();

  const index = new CoverageIndex(units, accounts);
  const fromIndex = medianMs(() =>
    computeCoverage(index, territoryIds, assignments),
  );

  const unitSlot = new Map(units.map((u, i) => [u.id, i]));
  const accountUnit = Int32Array.from(accounts, (a) => unitSlot.get(a.unitId)!);
  const accountCents = Float64Array.from(accounts, (a) => a.potentialCents);
  const unitTerritory = Int32Array.from(
    units,
    (_, i) => i % territoryIds.length,
  );
  const perAccountCents = medianMs(() => {
    const sums = new Float64Array(territoryIds.length);
    for (let i = 0; i < accountCents.length; i++)
      sums[unitTerritory[accountUnit[i]]] += accountCents[i];
  });

  const accountDecimal = accounts.map((a) =>
    new Decimal(a.potentialCents).dividedBy(100),
  );
  const perAccountDecimal = medianMs(
    () => {
      const sums = territoryIds.map(() => new Decimal(0));
      for (let i = 0; i < accountDecimal.length; i++) {
        const t = unitTerritory[accountUnit[i]];
        sums[t] = sums[t].plus(accountDecimal[i]);
      }
    },
    10,
    2,
  );

  // A 50-unit stroke, applied back and forth so that every run moves units.
  const live = new LiveCoverage(index, territoryIds, assignments);
  const strokeUnits = units.slice(0, 50).map((u) => u.id);
  let forward = true;
  const strokeMs = medianMs(
    () => {
      for (const unitId of strokeUnits) {
        const home = assignments.get(unitId)!;
        if (forward) live.move(unitId, home, "t0");
        else live.move(unitId, "t0", home);
      }
      forward = !forward;
    },
    200,
    20,
  );
  const strokeWithListMs = medianMs(() => {
    for (const unitId of strokeUnits) {
      const home = assignments.get(unitId)!;
      if (forward) live.move(unitId, home, "t0");
      else live.move(unitId, "t0", home);
    }
    forward = !forward;
    live.result();
  });

  return {
    name: "coverage, 100,000 accounts into 1,000 territories",
    rows: [
      {
        method: "per-account pass, integer cents (baseline)",
        median: formatMs(perAccountCents),
        ratio: 1,
      },
      {
        method: "per-account pass, decimal.js",
        median: formatMs(perAccountDecimal),
        ratio: round(perAccountDecimal / perAccountCents),
      },
      {
        method: "computeCoverage over the unit index, with deviation",
        median: formatMs(fromIndex),
        ratio: round(fromIndex / perAccountCents),
      },
      {
        method: "LiveCoverage, 50-unit stroke: sums only",
        median: formatMs(strokeMs),
        ratio: round(strokeMs / perAccountCents),
      },
      {
        method: "LiveCoverage, 50-unit stroke and every deviation",
        median: formatMs(strokeWithListMs),
        ratio: round(strokeWithListMs / perAccountCents),
      },
    ],
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
