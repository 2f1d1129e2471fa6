import { describe, expect, test } from "vitest";
import { countPieces } from "../../../model/geo/contiguity.ts";
import { balanceTerritories } from "../../../model/optimize/balance.ts";
import type { BalanceResult } from "../../../model/optimize/types.ts";
import { stateInput, stateUnits, realGraph, unitsOf } from "./fixtures.ts";

const SEEDS = [1, 2, 3, 4, 5];

/** Recomputes each territory's population from the assignment alone. */
function populationTotals(
  state: string,
  result: BalanceResult,
): Map<string, number> {
  const totals = new Map(result.territories.map((t) => [t.id, 0]));
  for (const unit of stateUnits(state)) {
    const territory = result.assignment.get(unit.id)!;
    totals.set(territory, totals.get(territory)! + unit.population);
  }
  return totals;
}

describe("balanceTerritories from scratch on real states", () => {
  test("same seed gives the same design", () => {
    for (const [state, count] of [
      ["IA", 4],
      ["GA", 6],
      ["TX", 8],
    ] as const) {
      for (const seed of [1, 2]) {
        const first = balanceTerritories(stateInput(state, count, seed));
        const second = balanceTerritories(stateInput(state, count, seed));
        expect([...second.assignment]).toEqual([...first.assignment]);
        expect(second).toEqual(first);
      }
    }
  });

  test("caller's unit order does not change the design", () => {
    const input = stateInput("OH", 5, 7);
    const reversed = { ...input, unitIds: [...input.unitIds].reverse() };
    expect([...balanceTerritories(reversed).assignment]).toEqual([
      ...balanceTerritories(input).assignment,
    ]);
  });

  test("different seeds give different designs", () => {
    const designs = SEEDS.map((seed) =>
      JSON.stringify([
        ...balanceTerritories(stateInput("IA", 4, seed)).assignment,
      ]),
    );
    expect(new Set(designs).size).toBeGreaterThan(1);
  });

  test("every unit is assigned to one of the territories", () => {
    const result = balanceTerritories(stateInput("GA", 6, 1));
    const ids = stateUnits("GA").map((u) => u.id);
    expect([...result.assignment.keys()]).toEqual(ids);
    expect(new Set(result.assignment.values())).toEqual(
      new Set(["T1", "T2", "T3", "T4", "T5", "T6"]),
    );
    expect(result.unassignedUnitIds).toEqual([]);
  });

  test("every territory is one piece on five states", () => {
    for (const [state, count] of [
      ["IA", 4],
      ["GA", 6],
      ["OH", 5],
      ["TX", 8],
      ["CA", 10],
    ] as const) {
      for (const seed of [1, 2, 3]) {
        const result = balanceTerritories(stateInput(state, count, seed));
        for (const territory of result.territories) {
          const ids = unitsOf(result.assignment, territory.id);
          expect({
            state,
            seed,
            id: territory.id,
            pieces: territory.pieces,
          }).toEqual({ state, seed, id: territory.id, pieces: 1 });
          expect(countPieces(realGraph, ids)).toBe(1);
        }
      }
    }
  });

  test("max deviation is within 5% on Iowa, Georgia and Ohio", () => {
    for (const [state, count] of [
      ["IA", 4],
      ["GA", 6],
      ["OH", 5],
    ] as const) {
      for (const seed of SEEDS) {
        const result = balanceTerritories(stateInput(state, count, seed));
        const totals = [...populationTotals(state, result).values()];
        const sum = totals.reduce((a, b) => a + b, 0);
        // |n*T - S| / S <= 5 / 100, in exact integers.
        for (const total of totals) {
          const offset = BigInt(Math.abs(count * total - sum));
          expect(offset * 100n <= 5n * BigInt(sum)).toBe(true);
        }
        expect({ state, seed, met: result.toleranceMet }).toEqual({
          state,
          seed,
          met: true,
        });
        expect(result.stopReason).toBe("tolerance-met");
        expect(result.maxDeviation!).toBeLessThanOrEqual(5);
      }
    }
  });

  test("totals and deviations are exact", () => {
    const result = balanceTerritories(stateInput("GA", 6, 3));
    const totals = populationTotals("GA", result);
    const sum = stateUnits("GA").reduce((a, u) => a + u.population, 0);

    let maxTenths = 0n;
    for (const territory of result.territories) {
      expect(territory.total).toBe(totals.get(territory.id));
      const offset = BigInt(6 * territory.total - sum);
      // Half-even rounding of offset * 1000 / sum to tenths of a percent.
      const tenths = roundHalfEven(offset * 1000n, BigInt(sum));
      expect(territory.deviationPercent).toBe(formatTenths(tenths));
      const magnitude = roundHalfEven(
        (offset < 0n ? -offset : offset) * 1000n,
        BigInt(sum),
      );
      if (magnitude > maxTenths) maxTenths = magnitude;
    }
    expect(result.maxDeviationPercent).toBe(formatTenths(maxTenths));
    expect(result.mean).toBe(sum / 6);
  });

  test("reports pieces and compactness for each territory", () => {
    const result = balanceTerritories(stateInput("IA", 4, 1));
    for (const territory of result.territories) {
      expect(territory.units).toBe(
        unitsOf(result.assignment, territory.id).length,
      );
      expect(territory.polsbyPopper).toBeGreaterThan(0);
      expect(territory.polsbyPopper).toBeLessThanOrEqual(1);
    }
  });

  test("units moved counts every unit without a starting design", () => {
    const result = balanceTerritories(stateInput("IA", 4, 1));
    expect(result.unitsMoved).toBe(99);
    expect(result.movedUnitIds).toHaveLength(99);
  });
});

function roundHalfEven(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let quotient = n / denominator;
  const twice = (n % denominator) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n))
    quotient += 1n;
  return negative ? -quotient : quotient;
}

function formatTenths(tenths: bigint): string {
  const negative = tenths < 0n;
  const digits = (negative ? -tenths : tenths).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -1)}.${digits.slice(-1)}`;
}
