import type { CoverageIndex, CoverageTotals } from "./coverage.ts";
import { centsToString } from "./money.ts";

/** The gains and losses of one territory between two assignments. */
export interface TerritoryImpact {
  territoryId: string | null;
  gained: CoverageTotals;
  lost: CoverageTotals;
  /** Net change of potential as an exact decimal string, such as "-1250.00". */
  netPotential: string;
  gainedUnitIds: string[];
  lostUnitIds: string[];
}

/** The units that change territory, and the impact on every territory touched. */
export interface ImpactPreview {
  moves: { unitId: string; from: string | null; to: string | null }[];
  /** Territories touched, the unassigned pool as territoryId null, ordered by id with null last. */
  territories: TerritoryImpact[];
}

/**
 * Compares a proposed assignment with the current one for the units in
 * `scope`: which units move, and per territory the counties, accounts,
 * population and potential gained and lost. A unit missing from a map is
 * unassigned in it.
 */
export function previewImpact(
  index: CoverageIndex,
  current: ReadonlyMap<string, string>,
  proposed: ReadonlyMap<string, string>,
  scope: Iterable<string> = new Set([...current.keys(), ...proposed.keys()]),
): ImpactPreview {
  const moves: ImpactPreview["moves"] = [];
  const byTerritory = new Map<string | null, TerritoryImpact>();
  const impactOf = (territoryId: string | null): TerritoryImpact => {
    let impact = byTerritory.get(territoryId);
    if (!impact) {
      impact = {
        territoryId,
        gained: zero(),
        lost: zero(),
        netPotential: "0.00",
        gainedUnitIds: [],
        lostUnitIds: [],
      };
      byTerritory.set(territoryId, impact);
    }
    return impact;
  };

  for (const unitId of [...new Set(scope)].sort()) {
    const from = current.get(unitId) ?? null;
    const to = proposed.get(unitId) ?? null;
    if (from === to) continue;
    moves.push({ unitId, from, to });

    const totals = index.unitTotals(unitId);
    const loser = impactOf(from);
    add(loser.lost, totals);
    loser.lostUnitIds.push(unitId);
    const gainer = impactOf(to);
    add(gainer.gained, totals);
    gainer.gainedUnitIds.push(unitId);
  }

  const territories = [...byTerritory.values()].sort(compareTerritoryIds);
  for (const impact of territories) {
    impact.netPotential = centsToString(
      impact.gained.potentialCents - impact.lost.potentialCents,
    );
  }
  return { moves, territories };
}

/**
 * Keeps the moves of a preview that touch the chosen territories (as gainer
 * or loser) and returns the resulting assignment, for "apply per territory".
 */
export function applyMovesFor(
  current: ReadonlyMap<string, string>,
  preview: ImpactPreview,
  territoryIds: ReadonlySet<string | null>,
): Map<string, string> {
  const result = new Map(current);
  for (const move of preview.moves) {
    if (!territoryIds.has(move.from) && !territoryIds.has(move.to)) continue;
    if (move.to === null) result.delete(move.unitId);
    else result.set(move.unitId, move.to);
  }
  return result;
}

function zero(): CoverageTotals {
  return { units: 0, accounts: 0, population: 0, potentialCents: 0 };
}

function add(target: CoverageTotals, totals: CoverageTotals): void {
  target.units += totals.units;
  target.accounts += totals.accounts;
  target.population += totals.population;
  target.potentialCents += totals.potentialCents;
}

function compareTerritoryIds(a: TerritoryImpact, b: TerritoryImpact): number {
  if (a.territoryId === b.territoryId) return 0;
  if (a.territoryId === null) return 1;
  if (b.territoryId === null) return -1;
  return a.territoryId < b.territoryId ? -1 : 1;
}
