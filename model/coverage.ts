import { centsToString } from "./money.ts";

/** A geography unit (a county) as the coverage calculation needs it. */
export interface CoverageUnit {
  id: string;
  population: number;
}

/** An account as the coverage calculation needs it: where it sits and what it is worth. */
export interface CoverageAccount {
  unitId: string;
  potentialCents: number;
}

/** Totals that can be summed per unit and per territory. */
export interface CoverageTotals {
  units: number;
  accounts: number;
  population: number;
  potentialCents: number;
}

/** Per-territory coverage with the deviation of its potential from the mean. */
export interface TerritoryCoverage extends CoverageTotals {
  territoryId: string;
  /** Potential as an exact decimal string, such as "1250.00". */
  potential: string;
  /** Percent deviation of potential from the mean over territories, one decimal; null when the mean is zero. */
  deviationPercent: string | null;
}

export interface CoverageResult {
  territories: TerritoryCoverage[];
  unassigned: CoverageTotals;
  /** Mean potential per territory as a decimal string to the cent. */
  meanPotential: string;
  /** Largest absolute deviation from the mean, in percent with one decimal; null when there is nothing to compare. */
  maxDeviationPercent: string | null;
}

/**
 * Per-unit sums of a dataset, built once when the datasets load so that a
 * recalculation after a stroke walks units instead of accounts.
 */
export class CoverageIndex {
  readonly unitIds: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly accounts: Int32Array;
  readonly population: Float64Array;
  readonly potentialCents: Float64Array;

  constructor(
    units: readonly CoverageUnit[],
    accounts: readonly CoverageAccount[],
  ) {
    this.unitIds = units.map((u) => u.id);
    this.indexOf = new Map(units.map((u, i) => [u.id, i]));
    this.accounts = new Int32Array(units.length);
    this.population = new Float64Array(units.length);
    this.potentialCents = new Float64Array(units.length);

    units.forEach((unit, i) => {
      this.population[i] = unit.population;
    });
    for (const account of accounts) {
      const i = this.indexOf.get(account.unitId);
      if (i === undefined) {
        throw new Error(
          `Account sits in unknown unit "${account.unitId}". Check the account dataset against the geography.`,
        );
      }
      this.accounts[i] += 1;
      this.potentialCents[i] += account.potentialCents;
    }
    for (const cents of this.potentialCents) {
      if (!Number.isSafeInteger(cents)) {
        throw new RangeError(
          "Potential of one unit exceeds the safe range of integer cents.",
        );
      }
    }
  }

  /** Returns the totals of one unit, or zeros for an unknown unit. */
  unitTotals(unitId: string): CoverageTotals {
    const i = this.indexOf.get(unitId);
    if (i === undefined) return emptyTotals();
    return {
      units: 1,
      accounts: this.accounts[i],
      population: this.population[i],
      potentialCents: this.potentialCents[i],
    };
  }
}

export function emptyTotals(): CoverageTotals {
  return { units: 0, accounts: 0, population: 0, potentialCents: 0 };
}

/**
 * Sums units, accounts, population and potential per territory, and the
 * deviation of each territory's potential from the mean. Units assigned to a
 * territory id that is not in `territoryIds` count as unassigned.
 */
export function computeCoverage(
  index: CoverageIndex,
  territoryIds: readonly string[],
  assignments: ReadonlyMap<string, string>,
): CoverageResult {
  const slot = new Map(territoryIds.map((id, i) => [id, i]));
  const count = territoryIds.length;
  const units = new Int32Array(count + 1);
  const accounts = new Int32Array(count + 1);
  const population = new Float64Array(count + 1);
  const potential = new Float64Array(count + 1);

  const unassignedSlot = count;
  index.unitIds.forEach((unitId, i) => {
    const territoryId = assignments.get(unitId);
    const s =
      territoryId === undefined
        ? unassignedSlot
        : (slot.get(territoryId) ?? unassignedSlot);
    units[s] += 1;
    accounts[s] += index.accounts[i];
    population[s] += index.population[i];
    potential[s] += index.potentialCents[i];
  });

  const totalsAt = (s: number): CoverageTotals => ({
    units: units[s],
    accounts: accounts[s],
    population: population[s],
    potentialCents: potential[s],
  });
  return withDeviation(
    territoryIds.map((territoryId, s) => ({ territoryId, ...totalsAt(s) })),
    totalsAt(unassignedSlot),
  );
}

/**
 * Adds deviation from the mean potential to per-territory totals. The
 * arithmetic is exact in BigInt: with n territories and total S, a
 * territory's deviation is (p * n - S) / S, so no division happens before
 * the final half-even rounding.
 */
export function withDeviation(
  totals: readonly (CoverageTotals & { territoryId: string })[],
  unassigned: CoverageTotals,
): CoverageResult {
  const n = BigInt(totals.length);
  const sum = totals.reduce((acc, t) => acc + BigInt(t.potentialCents), 0n);

  let maxOffset: bigint | null = null;
  const territories = totals.map((t) => {
    const offset = BigInt(t.potentialCents) * n - sum;
    const absOffset = offset < 0n ? -offset : offset;
    if (sum !== 0n && (maxOffset === null || absOffset > maxOffset))
      maxOffset = absOffset;
    return {
      ...t,
      potential: centsToString(t.potentialCents),
      deviationPercent:
        sum === 0n ? null : tenthsToString(divideHalfEven(offset * 1000n, sum)),
    };
  });

  const meanCents = n === 0n ? 0n : divideHalfEven(sum, n);
  return {
    territories,
    unassigned,
    meanPotential: centsToString(Number(meanCents)),
    maxDeviationPercent:
      maxOffset === null
        ? null
        : tenthsToString(divideHalfEven(maxOffset * 1000n, sum)),
  };
}

/** Divides two integers and rounds the quotient half to even. */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("Division by zero.");
  if (denominator < 0n) return divideHalfEven(-numerator, -denominator);
  let quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n !== 0n)) {
    quotient += numerator < 0n ? -1n : 1n;
  }
  return quotient;
}

/** Formats an integer count of tenths as a decimal string with one digit, such as "-12.5". */
export function tenthsToString(tenths: bigint): string {
  const negative = tenths < 0n;
  const digits = (negative ? -tenths : tenths).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -1)}.${digits.slice(-1)}`;
}
