import { describe, expect, test } from "vitest";
import { countPieces } from "../../../model/geo/contiguity.ts";
import { balanceTerritories } from "../../../model/optimize/balance.ts";
import { describeObstacle } from "../../../model/optimize/obstacles.ts";
import { perturbDesign } from "../../../model/optimize/perturb.ts";
import { gridGraph, realGraph, stateInput, unitsOf } from "./fixtures.ts";

const georgia = balanceTerritories(stateInput("GA", 6, 1));

describe("balanceTerritories locks", () => {
  test("locked territory keeps its units in scratch mode", () => {
    for (const seed of [2, 3, 4]) {
      const input = stateInput("GA", 6, seed);
      const result = balanceTerritories({
        ...input,
        current: georgia.assignment,
        territories: input.territories.map((t) => ({
          ...t,
          locked: t.id === "T1" || t.id === "T4",
        })),
      });

      for (const locked of ["T1", "T4"]) {
        expect(unitsOf(result.assignment, locked)).toEqual(
          unitsOf(georgia.assignment, locked),
        );
      }
      for (const territory of result.territories) {
        expect(
          countPieces(realGraph, unitsOf(result.assignment, territory.id)),
        ).toBe(1);
      }
    }
  });

  test("locked territory keeps its units when repairing", () => {
    const input = stateInput("GA", 6, 5);
    const perturbed = perturbDesign(realGraph, georgia.assignment, 0.2, 5);
    const result = balanceTerritories({
      ...input,
      mode: "minimize-disruption",
      current: perturbed,
      territories: input.territories.map((t) => ({
        ...t,
        locked: t.id === "T2",
      })),
    });

    expect(unitsOf(result.assignment, "T2")).toEqual(unitsOf(perturbed, "T2"));
    for (const unitId of result.movedUnitIds) {
      expect(perturbed.get(unitId)).not.toBe("T2");
      expect(result.assignment.get(unitId)).not.toBe("T2");
    }
  });

  test("light locked territory is an obstacle", () => {
    // A row of six squares of weight 1; T1 is locked with one square, a
    // third of the mean of 2.
    const graph = gridGraph(1, 6);
    const result = balanceTerritories({
      graph,
      unitIds: graph.ids,
      weights: new Map(graph.ids.map((id) => [id, 1])),
      territories: [{ id: "T1", locked: true }, { id: "T2" }, { id: "T3" }],
      current: new Map([["r0c0", "T1"]]),
      tolerancePercent: 5,
      mode: "scratch",
      seed: 1,
    });

    expect(result.obstacles).toEqual([
      {
        kind: "light-locked-territory",
        territoryId: "T1",
        deviationPercent: "-50.0",
      },
    ]);
    expect(describeObstacle(result.obstacles[0])).toBe(
      "locked territory T1 is 50.0% below the mean and may not gain units",
    );
    expect(unitsOf(result.assignment, "T1")).toEqual(["r0c0"]);
    expect(result.toleranceMet).toBe(false);
  });
});

describe("balanceTerritories fixed units", () => {
  test("fixed units stay in their territory", () => {
    const fixed = ["13121", "13135", "13051", "13215", "13021", "13245"];
    for (const seed of [2, 3, 4]) {
      const result = balanceTerritories({
        ...stateInput("GA", 6, seed),
        current: georgia.assignment,
        fixedUnitIds: fixed,
      });
      for (const unitId of fixed) {
        expect({ unitId, territory: result.assignment.get(unitId) }).toEqual({
          unitId,
          territory: georgia.assignment.get(unitId),
        });
      }
    }
  });

  test("fixed units stay when repairing", () => {
    const perturbed = perturbDesign(realGraph, georgia.assignment, 0.2, 3);
    const fixed = [...perturbed]
      .filter(([unitId, t]) => georgia.assignment.get(unitId) !== t)
      .map(([unitId]) => unitId);
    expect(fixed.length).toBeGreaterThan(0);

    const result = balanceTerritories({
      ...stateInput("GA", 6, 3),
      mode: "minimize-disruption",
      current: perturbed,
      fixedUnitIds: fixed,
    });
    for (const unitId of fixed) {
      expect(result.assignment.get(unitId)).toBe(perturbed.get(unitId));
    }
    expect(result.movedUnitIds.filter((id) => fixed.includes(id))).toEqual([]);
  });
});

describe("balanceTerritories base weights", () => {
  test("base weight counts towards its territory's total", () => {
    const input = stateInput("IA", 4, 1);
    const unitSum = [...input.weights.values()].reduce((a, b) => a + b, 0);
    const base = 300_000;
    const result = balanceTerritories({
      ...input,
      territories: input.territories.map((t) => ({
        ...t,
        baseWeight: t.id === "T3" ? base : 0,
      })),
    });

    const totals = result.territories.map((t) => t.total);
    expect(totals.reduce((a, b) => a + b, 0)).toBe(unitSum + base);
    const t3 = result.territories.find((t) => t.id === "T3")!;
    const t3Units = unitsOf(result.assignment, "T3").reduce(
      (sum, id) => sum + input.weights.get(id)!,
      0,
    );
    expect(t3.total).toBe(t3Units + base);
    expect(result.toleranceMet).toBe(true);
  });

  test("base weight above the tolerance is an obstacle", () => {
    const input = stateInput("IA", 4, 1);
    const result = balanceTerritories({
      ...input,
      territories: input.territories.map((t) => ({
        ...t,
        baseWeight: t.id === "T2" ? 2_000_000 : 0,
      })),
    });
    expect(result.obstacles[0]).toMatchObject({
      kind: "heavy-territory",
      territoryId: "T2",
    });
    expect(result.toleranceMet).toBe(false);
    expect(unitsOf(result.assignment, "T2")).toHaveLength(1);
  });
});
