import { describe, expect, test } from "vitest";
import { countPieces } from "../../../model/geo/contiguity.ts";
import { balanceTerritories } from "../../../model/optimize/balance.ts";
import { perturbDesign } from "../../../model/optimize/perturb.ts";
import type { BalanceInput } from "../../../model/optimize/types.ts";
import { realGraph, stateInput, territories, unitsOf } from "./fixtures.ts";

const CASES = [
  ["IA", 4],
  ["GA", 6],
  ["OH", 5],
] as const;

function repairInput(
  state: string,
  count: number,
  seed: number,
  current: ReadonlyMap<string, string>,
): BalanceInput {
  return {
    ...stateInput(state, count, seed),
    mode: "minimize-disruption",
    current,
  };
}

function changedUnits(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): string[] {
  return [...after]
    .filter(([unitId, t]) => before.get(unitId) !== t)
    .map(([unitId]) => unitId);
}

describe("balanceTerritories minimize-disruption", () => {
  test("balanced design moves no unit", () => {
    for (const [state, count] of CASES) {
      const balanced = balanceTerritories(stateInput(state, count, 1));
      const result = balanceTerritories(
        repairInput(state, count, 2, balanced.assignment),
      );
      expect(result.unitsMoved).toBe(0);
      expect(result.iterations).toBe(0);
      expect([...result.assignment]).toEqual([...balanced.assignment]);
      expect(result.stopReason).toBe("tolerance-met");
    }
  });

  test("perturbed design is repaired with few moves", () => {
    for (const [state, count] of CASES) {
      for (const seed of [1, 2, 3]) {
        const balanced = balanceTerritories(stateInput(state, count, seed));
        const perturbed = perturbDesign(
          realGraph,
          balanced.assignment,
          0.1,
          seed,
        );
        const perturbedCount = changedUnits(
          balanced.assignment,
          perturbed,
        ).length;
        expect(perturbedCount).toBeGreaterThan(0);

        const result = balanceTerritories(
          repairInput(state, count, seed, perturbed),
        );
        const label = { state, seed };
        expect({ ...label, met: result.toleranceMet }).toEqual({
          ...label,
          met: true,
        });
        expect(result.unitsMoved).toBeLessThanOrEqual(perturbedCount);
        expect(result.movedUnitIds).toEqual(
          changedUnits(perturbed, result.assignment),
        );
        for (const territory of result.territories) {
          expect(territory.pieces).toBe(1);
        }
      }
    }
  });

  test("repair is deterministic for a seed", () => {
    const balanced = balanceTerritories(stateInput("GA", 6, 4));
    const perturbed = perturbDesign(realGraph, balanced.assignment, 0.15, 4);
    const first = balanceTerritories(repairInput("GA", 6, 9, perturbed));
    const second = balanceTerritories(repairInput("GA", 6, 9, perturbed));
    expect(second).toEqual(first);
  });

  test("units missing from the design are assigned and counted as moved", () => {
    const balanced = balanceTerritories(stateInput("IA", 4, 1));
    const dropped = [...balanced.assignment.keys()].filter(
      (_, i) => i % 10 === 3,
    );
    const partial = new Map(balanced.assignment);
    for (const unitId of dropped) partial.delete(unitId);

    const result = balanceTerritories(repairInput("IA", 4, 1, partial));
    expect(result.assignment.size).toBe(99);
    for (const unitId of dropped) {
      expect(result.movedUnitIds).toContain(unitId);
    }
    for (const territory of result.territories) {
      expect(
        countPieces(realGraph, unitsOf(result.assignment, territory.id)),
      ).toBe(1);
    }
    expect(result.toleranceMet).toBe(true);
  });

  test("new empty territory takes units from its neighbours", () => {
    const balanced = balanceTerritories(stateInput("IA", 4, 2));
    const result = balanceTerritories({
      ...repairInput("IA", 5, 2, balanced.assignment),
      territories: territories(5),
    });
    expect(unitsOf(result.assignment, "T5").length).toBeGreaterThan(0);
    for (const territory of result.territories) {
      expect(territory.pieces).toBe(1);
    }
    expect(result.toleranceMet).toBe(true);
  });

  test("empty design is grown like scratch", () => {
    const result = balanceTerritories(repairInput("IA", 4, 3, new Map()));
    expect(result.assignment.size).toBe(99);
    expect(result.unitsMoved).toBe(99);
    expect(result.toleranceMet).toBe(true);
  });
});
