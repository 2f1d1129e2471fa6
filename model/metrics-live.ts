import type { MetricIndex, MetricTotals } from "./metrics.ts";

/** Metric totals per territory and of the unassigned units, as `sumByTerritory` returns them. */
export interface TerritorySums {
  territories: Map<string, MetricTotals>;
  unassigned: MetricTotals;
}

/** A function with the signature of `sumByTerritory`, such as the live totals' drop-in for it. */
export type SumByTerritory = (
  index: MetricIndex,
  territoryIds: readonly string[],
  assignments: ReadonlyMap<string, string>,
) => TerritorySums;

/**
 * Metric totals per territory kept up to date unit by unit: after a
 * stroke, only the units it changed are taken from one territory's totals
 * and added to another's, instead of summing every unit again. It stores
 * each unit's territory, so a change needs only the unit and its new
 * territory, and a change that moves nothing costs nothing. Units assigned
 * to an id outside the territory list count as unassigned, as in
 * `sumByTerritory`. Every total is an integer, so sums and differences stay
 * exact while they are safe integers.
 */
export class LiveMetrics {
  #index: MetricIndex;
  readonly #territoryIds: string[];
  readonly #slot: Map<string, number>;
  /** Slot of each unit, in the index's unit order. The last slot is the unassigned pool. */
  readonly #unitSlot: Int32Array;
  readonly #units: Float64Array;
  readonly #accounts: Float64Array;
  readonly #population: Float64Array;
  readonly #potentialCents: Float64Array;
  readonly #workloadTenths: Float64Array;

  constructor(
    index: MetricIndex,
    territoryIds: readonly string[],
    assignments: ReadonlyMap<string, string>,
  ) {
    this.#index = index;
    this.#territoryIds = [...new Set(territoryIds)];
    this.#slot = new Map(this.#territoryIds.map((id, s) => [id, s]));
    const size = this.#territoryIds.length + 1;
    this.#units = new Float64Array(size);
    this.#accounts = new Float64Array(size);
    this.#population = new Float64Array(size);
    this.#potentialCents = new Float64Array(size);
    this.#workloadTenths = new Float64Array(size);

    const unitIds = index.coverage.unitIds;
    this.#unitSlot = new Int32Array(unitIds.length);
    unitIds.forEach((unitId, i) => {
      const slot = this.#slotOf(assignments.get(unitId) ?? null);
      this.#unitSlot[i] = slot;
      this.#add(index, i, slot, 1);
    });
  }

  /** The per-unit figures the totals are summed from. */
  get index(): MetricIndex {
    return this.#index;
  }

  /**
   * True when the totals are kept for the same set of territory ids, in
   * any order. A different territory list needs a new `LiveMetrics`.
   */
  hasTerritories(territoryIds: readonly string[]): boolean {
    const unique = new Set(territoryIds);
    if (unique.size !== this.#territoryIds.length) return false;
    for (const id of unique) if (!this.#slot.has(id)) return false;
    return true;
  }

  /**
   * Switches to another index over the same units in the same order, such
   * as one rebuilt with some accounts moved out of their counties, and
   * moves each unit's difference in figures into its territory. It compares
   * typed arrays, with no lookup by id, so it costs far less than a new
   * `LiveMetrics`. Returns false and changes nothing when the units differ.
   */
  useIndex(index: MetricIndex): boolean {
    const before = this.#index;
    if (index === before) return true;
    if (!sameUnits(before, index)) return false;

    const old = before.coverage;
    const next = index.coverage;
    for (let i = 0; i < this.#unitSlot.length; i++) {
      const changed =
        old.accounts[i] !== next.accounts[i] ||
        old.population[i] !== next.population[i] ||
        old.potentialCents[i] !== next.potentialCents[i] ||
        before.workloadTenths[i] !== index.workloadTenths[i];
      if (!changed) continue;
      this.#add(before, i, this.#unitSlot[i], -1);
      this.#add(index, i, this.#unitSlot[i], 1);
    }
    this.#index = index;
    return true;
  }

  /**
   * Moves a unit to a territory, or to the unassigned pool for null or an
   * id outside the territory list. A unit outside the index is ignored.
   */
  assign(unitId: string, territoryId: string | null): void {
    const i = this.#index.coverage.indexOf.get(unitId);
    if (i === undefined) return;
    const from = this.#unitSlot[i];
    const to = this.#slotOf(territoryId);
    if (from === to) return;

    this.#add(this.#index, i, from, -1);
    this.#add(this.#index, i, to, 1);
    this.#unitSlot[i] = to;
  }

  /** Returns the totals of one territory, or of the unassigned pool for null or an unknown id. */
  totalsOf(territoryId: string | null): MetricTotals {
    return this.#totalsAt(this.#slotOf(territoryId));
  }

  /**
   * Returns fresh totals of the listed territories, in that order, and of
   * the unassigned pool. Raises when a listed id is not in the territory
   * list these totals were built for.
   */
  sums(territoryIds: readonly string[] = this.#territoryIds): TerritorySums {
    const territories = new Map<string, MetricTotals>();
    for (const id of territoryIds) {
      const slot = this.#slot.get(id);
      if (slot === undefined) {
        throw new RangeError(
          `Territory "${id}" is not in the list these live totals were built for. Build a new LiveMetrics with the current territory list.`,
        );
      }
      territories.set(id, this.#totalsAt(slot));
    }
    return {
      territories,
      unassigned: this.#totalsAt(this.#territoryIds.length),
    };
  }

  #slotOf(territoryId: string | null): number {
    if (territoryId === null) return this.#territoryIds.length;
    return this.#slot.get(territoryId) ?? this.#territoryIds.length;
  }

  // Adds unit i's figures in `index` to a slot (sign 1) or takes them
  // away (sign -1).
  #add(index: MetricIndex, i: number, slot: number, sign: 1 | -1): void {
    const { coverage, workloadTenths } = index;
    this.#units[slot] += sign;
    this.#accounts[slot] += sign * coverage.accounts[i];
    this.#population[slot] += sign * coverage.population[i];
    this.#potentialCents[slot] += sign * coverage.potentialCents[i];
    this.#workloadTenths[slot] += sign * workloadTenths[i];
  }

  #totalsAt(slot: number): MetricTotals {
    return {
      units: this.#units[slot],
      accounts: this.#accounts[slot],
      population: this.#population[slot],
      potentialCents: this.#potentialCents[slot],
      workloadTenths: this.#workloadTenths[slot],
    };
  }
}

// True when both indexes list the same unit ids in the same order.
function sameUnits(a: MetricIndex, b: MetricIndex): boolean {
  const left = a.coverage.unitIds;
  const right = b.coverage.unitIds;
  if (left === right) return true;
  if (left.length !== right.length) return false;
  for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return false;
  return true;
}

/**
 * Units whose assignment a change event reported, with the territory the
 * change wrote (null for an unassignment), kept until a snapshot of the
 * assignments shows that value. An event can arrive before the snapshot
 * that contains it is read, so a unit stays recorded while the snapshot
 * still differs, and the next snapshot moves it again.
 */
export class PendingAssignments {
  readonly #written = new Map<string, string | null>();

  /** Records the territory that a change wrote to a unit; a later change to the same unit replaces it. */
  record(unitId: string, territoryId: string | null): void {
    this.#written.set(unitId, territoryId);
  }

  /** Number of units recorded and not yet shown by a snapshot. */
  get size(): number {
    return this.#written.size;
  }

  /**
   * Moves every recorded unit in `live` to its territory in the snapshot
   * `assignments`, and drops the units whose recorded value the snapshot
   * already shows.
   */
  applyTo(live: LiveMetrics, assignments: ReadonlyMap<string, string>): void {
    for (const [unitId, written] of this.#written) {
      const current = assignments.get(unitId) ?? null;
      live.assign(unitId, current);
      if (current === written) this.#written.delete(unitId);
    }
  }
}
