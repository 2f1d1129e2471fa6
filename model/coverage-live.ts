import {
  computeCoverage,
  withDeviation,
  type CoverageIndex,
  type CoverageResult,
  type CoverageTotals,
} from "./coverage.ts";

/**
 * Coverage kept up to date move by move: after a stroke, only the units it
 * changed are added to and taken from their territories' sums, instead of
 * walking every unit again. `result()` then formats all territories with
 * their deviation, which depends on the mean and so on every total.
 */
export class LiveCoverage {
  readonly #index: CoverageIndex;
  readonly #slot: Map<string, number>;
  readonly #territoryIds: string[];
  readonly #units: Int32Array;
  readonly #accounts: Int32Array;
  readonly #population: Float64Array;
  readonly #potential: Float64Array;

  constructor(
    index: CoverageIndex,
    territoryIds: readonly string[],
    assignments: ReadonlyMap<string, string>,
  ) {
    this.#index = index;
    this.#territoryIds = [...territoryIds];
    this.#slot = new Map(territoryIds.map((id, i) => [id, i]));
    const size = territoryIds.length + 1;
    this.#units = new Int32Array(size);
    this.#accounts = new Int32Array(size);
    this.#population = new Float64Array(size);
    this.#potential = new Float64Array(size);

    const full = computeCoverage(index, territoryIds, assignments);
    full.territories.forEach((t, i) => this.#set(i, t));
    this.#set(territoryIds.length, full.unassigned);
  }

  /** Moves one unit from one territory (or null, unassigned) to another; unknown territories count as unassigned. */
  move(unitId: string, from: string | null, to: string | null): void {
    const i = this.#index.indexOf.get(unitId);
    if (i === undefined || from === to) return;
    const source = this.#slotOf(from);
    const target = this.#slotOf(to);
    if (source === target) return;

    this.#units[source] -= 1;
    this.#units[target] += 1;
    this.#accounts[source] -= this.#index.accounts[i];
    this.#accounts[target] += this.#index.accounts[i];
    this.#population[source] -= this.#index.population[i];
    this.#population[target] += this.#index.population[i];
    this.#potential[source] -= this.#index.potentialCents[i];
    this.#potential[target] += this.#index.potentialCents[i];
  }

  /** Returns the totals of one territory, or of the unassigned pool for null. */
  totalsOf(territoryId: string | null): CoverageTotals {
    return this.#totalsAt(this.#slotOf(territoryId));
  }

  /** Formats every territory's totals with its deviation from the mean, as `computeCoverage` does. */
  result(): CoverageResult {
    return withDeviation(
      this.#territoryIds.map((territoryId, s) => ({
        territoryId,
        ...this.#totalsAt(s),
      })),
      this.#totalsAt(this.#territoryIds.length),
    );
  }

  #slotOf(territoryId: string | null): number {
    if (territoryId === null) return this.#territoryIds.length;
    return this.#slot.get(territoryId) ?? this.#territoryIds.length;
  }

  #totalsAt(s: number): CoverageTotals {
    return {
      units: this.#units[s],
      accounts: this.#accounts[s],
      population: this.#population[s],
      potentialCents: this.#potential[s],
    };
  }

  #set(s: number, totals: CoverageTotals): void {
    this.#units[s] = totals.units;
    this.#accounts[s] = totals.accounts;
    this.#population[s] = totals.population;
    this.#potential[s] = totals.potentialCents;
  }
}
