import {
  divideHalfEven,
  tenthsToString,
  type CoverageIndex,
  type CoverageTotals,
} from "./coverage.ts";
import { centsToString, parseMoney, toCents } from "./money.ts";

/** A figure that territories can be balanced on. */
export type MetricName = "potential" | "population" | "accounts" | "workload";

export const METRIC_NAMES: readonly MetricName[] = [
  "potential",
  "population",
  "accounts",
  "workload",
];

export function isMetricName(value: unknown): value is MetricName {
  return METRIC_NAMES.includes(value as MetricName);
}

/** Coverage totals plus workload, in integer tenths of a workload point. */
export interface MetricTotals extends CoverageTotals {
  workloadTenths: number;
}

/** Per-unit figures: the coverage index and each unit's workload in tenths, in the same unit order. */
export interface MetricIndex {
  coverage: CoverageIndex;
  workloadTenths: Float64Array;
}

export function emptyMetricTotals(): MetricTotals {
  return {
    units: 0,
    accounts: 0,
    population: 0,
    potentialCents: 0,
    workloadTenths: 0,
  };
}

/** Adds `from` into `into`; every field is an integer, so sums are exact. */
export function addTotals(into: MetricTotals, from: MetricTotals): void {
  into.units += from.units;
  into.accounts += from.accounts;
  into.population += from.population;
  into.potentialCents += from.potentialCents;
  into.workloadTenths += from.workloadTenths;
}

/**
 * Returns a metric as an integer in its base unit: people, accounts,
 * cents of potential or tenths of a workload point.
 */
export function metricValue(totals: MetricTotals, metric: MetricName): number {
  switch (metric) {
    case "population":
      return totals.population;
    case "accounts":
      return totals.accounts;
    case "potential":
      return totals.potentialCents;
    case "workload":
      return totals.workloadTenths;
  }
}

/**
 * Formats a base-unit value as the decimal string the plan stores and the
 * UI regroups: "1250.00" for potential, "12.5" for workload, "4200" for
 * population and accounts.
 */
export function metricToString(metric: MetricName, value: number): string {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(
      `A ${metric} value must be a safe integer, got ${value}.`,
    );
  }
  if (metric === "potential") return centsToString(value);
  if (metric === "workload") return tenthsToString(BigInt(value));
  return String(value);
}

const WHOLE_PATTERN = /^\d+$/;
const TENTHS_PATTERN = /^\d+(\.\d)?$/;

/**
 * Parses a balance target typed by a person or read from the plan into the
 * metric's base unit. Raises with the expected form when the text is not a
 * non-negative number of that metric.
 */
export function parseTarget(metric: MetricName, text: string): number {
  const value = text.trim().replaceAll(",", "");
  if (metric === "potential") {
    if (value.startsWith("-")) throw targetError(metric, text, "1250000.00");
    return toCents(parseMoney(value, `target potential`));
  }
  if (metric === "workload") {
    if (!TENTHS_PATTERN.test(value)) throw targetError(metric, text, "850.5");
    const [whole, fraction = "0"] = value.split(".");
    return checkedSafe(metric, text, Number(whole) * 10 + Number(fraction));
  }
  if (!WHOLE_PATTERN.test(value)) {
    throw targetError(metric, text, metric === "population" ? "250000" : "300");
  }
  return checkedSafe(metric, text, Number(value));
}

function targetError(metric: MetricName, text: string, example: string) {
  return new Error(
    `Target ${JSON.stringify(text)} for ${metric} is invalid. Write a non-negative number such as ${example}, without units.`,
  );
}

function checkedSafe(metric: MetricName, text: string, value: number): number {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`Target ${text} for ${metric} is too large.`);
  }
  return value;
}

/**
 * Sums every metric per territory in one pass over the units. Units
 * assigned to an id outside `territoryIds` count as unassigned, as in
 * `computeCoverage`.
 */
export function sumByTerritory(
  index: MetricIndex,
  territoryIds: readonly string[],
  assignments: ReadonlyMap<string, string>,
): { territories: Map<string, MetricTotals>; unassigned: MetricTotals } {
  const territories = new Map(
    territoryIds.map((id) => [id, emptyMetricTotals()]),
  );
  const unassigned = emptyMetricTotals();
  const { coverage, workloadTenths } = index;

  coverage.unitIds.forEach((unitId, i) => {
    const territoryId = assignments.get(unitId);
    const totals =
      (territoryId === undefined ? undefined : territories.get(territoryId)) ??
      unassigned;
    totals.units += 1;
    totals.accounts += coverage.accounts[i];
    totals.population += coverage.population[i];
    totals.potentialCents += coverage.potentialCents[i];
    totals.workloadTenths += workloadTenths[i];
  });
  return { territories, unassigned };
}

/** A territory's value of the balance metric and its target, both in the metric's base unit. */
export interface BalanceEntry {
  id: string;
  value: number;
  /** The territory's own target, or null to compare with the mean. */
  target: number | null;
}

/**
 * Deviation of each territory from its reference: its own target when it
 * has one, otherwise the mean over all territories. With n territories
 * and total S, values and references are scaled by n (a value v becomes
 * v*n, the mean becomes S, a target t becomes t*n), so every reference is
 * an integer. The arithmetic is exact in BigInt until the final half-even
 * rounding to a tenth of a percent.
 */
export class Balance {
  readonly count: number;
  readonly total: bigint;
  readonly #scaled = new Map<string, { value: bigint; reference: bigint }>();
  readonly #targets = new Set<string>();

  constructor(entries: readonly BalanceEntry[]) {
    const n = BigInt(entries.length);
    this.count = entries.length;
    this.total = entries.reduce((sum, e) => sum + BigInt(e.value), 0n);
    for (const entry of entries) {
      if (entry.target !== null) this.#targets.add(entry.id);
      this.#scaled.set(entry.id, {
        value: BigInt(entry.value) * n,
        reference:
          entry.target === null ? this.total : BigInt(entry.target) * n,
      });
    }
  }

  /** The mean per territory rounded half-even to the base unit, or null with no territories. */
  get mean(): number | null {
    if (this.count === 0) return null;
    return Number(divideHalfEven(this.total, BigInt(this.count)));
  }

  /** True when the territory is compared with its own target rather than the mean. */
  hasTarget(id: string): boolean {
    return this.#targets.has(id);
  }

  /**
   * Returns the percent deviation, one decimal, of the territories taken
   * together: their summed values against their summed references. Returns
   * null when the reference is zero or no listed id is known.
   */
  deviationOf(ids: Iterable<string>): string | null {
    let value = 0n;
    let reference = 0n;
    let known = false;
    for (const id of ids) {
      const scaled = this.#scaled.get(id);
      if (!scaled) continue;
      known = true;
      value += scaled.value;
      reference += scaled.reference;
    }
    if (!known || reference === 0n) return null;
    return tenthsToString(
      divideHalfEven((value - reference) * 1000n, reference),
    );
  }

  /**
   * Returns the largest absolute deviation over territories, one decimal,
   * or null when none has one. Half-even rounding is symmetric and
   * monotonic, so the largest rounded magnitude is the rounded largest
   * magnitude.
   */
  maxDeviation(): string | null {
    let max: string | null = null;
    for (const id of this.#scaled.keys()) {
      const deviation = this.deviationOf([id]);
      if (deviation === null) continue;
      const magnitude = deviation.replace("-", "");
      if (max === null || Number(magnitude) > Number(max)) max = magnitude;
    }
    return max;
  }
}
