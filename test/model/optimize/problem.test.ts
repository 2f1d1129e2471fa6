import { describe, expect, test } from "vitest";
import { balanceTerritories } from "../../../model/optimize/balance.ts";
import { BalanceInputError } from "../../../model/optimize/errors.ts";
import type { BalanceInput } from "../../../model/optimize/types.ts";
import { gridGraph, territories } from "./fixtures.ts";

const graph = gridGraph(2, 3);

function input(overrides: Partial<BalanceInput> = {}): BalanceInput {
  return {
    graph,
    unitIds: graph.ids,
    weights: new Map(graph.ids.map((id) => [id, 1])),
    territories: territories(2),
    tolerancePercent: 5,
    mode: "scratch",
    seed: 1,
    ...overrides,
  };
}

function rejection(overrides: Partial<BalanceInput>): string {
  try {
    balanceTerritories(input(overrides));
  } catch (error) {
    expect(error).toBeInstanceOf(BalanceInputError);
    return (error as Error).message;
  }
  throw new Error("expected a BalanceInputError");
}

describe("balanceTerritories input checks", () => {
  test("a 2 x 3 grid splits into equal halves", () => {
    const result = balanceTerritories(input());
    expect(result.territories.map((t) => t.total)).toEqual([3, 3]);
    expect(result.maxDeviationPercent).toBe("0.0");
    expect(result.maxDeviation).toBe(0);
    expect(result.territories.map((t) => t.pieces)).toEqual([1, 1]);
  });

  test("zero weights give no deviation and meet the tolerance", () => {
    const result = balanceTerritories(
      input({ weights: new Map(graph.ids.map((id) => [id, 0])) }),
    );
    expect(result.maxDeviationPercent).toBeNull();
    expect(result.maxDeviation).toBeNull();
    expect(result.territories[0].deviationPercent).toBeNull();
    expect(result.toleranceMet).toBe(true);
  });

  test("rejects bad weights", () => {
    expect(rejection({ weights: new Map() })).toMatch(
      /Missing metric for unit "r0c0"/,
    );
    expect(
      rejection({ weights: new Map(graph.ids.map((id) => [id, -1])) }),
    ).toMatch(/Invalid metric -1 for unit "r0c0"/);
    expect(
      rejection({ weights: new Map(graph.ids.map((id) => [id, 0.5])) }),
    ).toMatch(/Invalid metric 0.5/);
    expect(
      rejection({
        territories: [{ id: "T1", baseWeight: 1.5 }, { id: "T2" }],
      }),
    ).toMatch(/base weight of territory "T1"/);
  });

  test("rejects bad territories", () => {
    expect(rejection({ territories: [] })).toMatch(/No territories/);
    expect(rejection({ territories: [{ id: "A" }, { id: "A" }] })).toMatch(
      /"A" appears twice/,
    );
    expect(rejection({ territories: territories(7) })).toMatch(
      /7 unlocked territories without a fixed unit need one unit each, but only 6 units may move/,
    );
  });

  test("rejects units listed twice, not given or not in the graph", () => {
    expect(rejection({ unitIds: ["r0c0", "r0c0"] })).toMatch(
      /Unit "r0c0" is listed twice/,
    );
    expect(rejection({ unitIds: ["r0c0", "x"] })).toMatch(
      /Unit "x" is not in the adjacency graph/,
    );
    expect(rejection({ unitIds: [] })).toMatch(/No units given/);
  });

  test("rejects a design naming an unknown territory", () => {
    expect(rejection({ current: new Map([["r0c0", "T9"]]) })).toMatch(
      /Unit "r0c0" is assigned to unknown territory "T9"/,
    );
  });

  test("rejects fixed units that are unknown or unassigned", () => {
    expect(rejection({ fixedUnitIds: ["r5c5"] })).toMatch(
      /Fixed unit "r5c5" is not among the units/,
    );
    expect(rejection({ fixedUnitIds: ["r0c0"] })).toMatch(
      /Fixed unit "r0c0" has no territory/,
    );
  });

  test("rejects unassigned units when every territory is locked", () => {
    expect(
      rejection({
        territories: [{ id: "T1", locked: true }],
        current: new Map([["r0c0", "T1"]]),
      }),
    ).toMatch(/Unit "r0c1" has no territory and every territory is locked/);
  });

  test("rejects a bad mode, seed, tolerance and attempts", () => {
    expect(rejection({ mode: "fast" as BalanceInput["mode"] })).toMatch(
      /Unknown mode "fast"/,
    );
    expect(rejection({ seed: 1.5 })).toMatch(/Invalid seed 1.5/);
    expect(rejection({ tolerancePercent: "-5" })).toMatch(
      /Invalid tolerance "-5"/,
    );
    expect(rejection({ attempts: 0 })).toMatch(/Invalid attempts 0/);
    expect(rejection({ maxIterations: -1 })).toMatch(
      /Invalid maxIterations -1/,
    );
  });

  test("rejects totals too large for exact arithmetic", () => {
    const huge = Number.MAX_SAFE_INTEGER / 4;
    expect(
      rejection({
        weights: new Map(graph.ids.map((id) => [id, Math.floor(huge / 6)])),
      }),
    ).toMatch(/too large for exact integer balance arithmetic/);
  });
});
