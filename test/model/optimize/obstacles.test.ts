import { describe, expect, test } from "vitest";
import { balanceTerritories } from "../../../model/optimize/balance.ts";
import { describeObstacle } from "../../../model/optimize/obstacles.ts";
import { stateInput, unitsOf } from "./fixtures.ts";

describe("balanceTerritories obstacles", () => {
  test("Los Angeles County alone exceeds a tenth of California", () => {
    const result = balanceTerritories(stateInput("CA", 10, 1));

    expect(result.obstacles[0]).toEqual({
      kind: "heavy-unit",
      unitId: "06037",
      deviationPercent: "152.5",
    });
    expect(describeObstacle(result.obstacles[0])).toBe(
      "unit 06037 alone exceeds the mean by 152.5%",
    );
    expect(
      describeObstacle(result.obstacles[0], (id) => `${id} (Los Angeles)`),
    ).toBe("unit 06037 (Los Angeles) alone exceeds the mean by 152.5%");
    expect(result.toleranceMet).toBe(false);
    expect(result.maxDeviationPercent).toBe("152.5");
  });

  test("Harris County ends alone in its territory", () => {
    for (const seed of [1, 2, 3]) {
      const result = balanceTerritories(stateInput("TX", 8, seed));
      expect(result.obstacles).toEqual([
        { kind: "heavy-unit", unitId: "48201", deviationPercent: "28.1" },
      ]);
      const harris = result.assignment.get("48201")!;
      expect(unitsOf(result.assignment, harris)).toEqual(["48201"]);
      expect(result.maxDeviationPercent).toBe("28.1");
      expect(result.toleranceMet).toBe(false);
    }
  });

  test("states without a heavy county have no obstacles", () => {
    expect(balanceTerritories(stateInput("IA", 4, 1)).obstacles).toEqual([]);
    expect(balanceTerritories(stateInput("GA", 6, 1)).obstacles).toEqual([]);
  });

  test("a wider tolerance removes the obstacle", () => {
    const input = { ...stateInput("TX", 8, 1), tolerancePercent: "30" };
    const result = balanceTerritories(input);
    expect(result.obstacles).toEqual([]);
    expect(result.toleranceMet).toBe(true);
  });
});
