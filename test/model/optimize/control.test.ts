import { describe, expect, test } from "vitest";
import { balanceTerritories } from "../../../model/optimize/balance.ts";
import { stateInput } from "./fixtures.ts";

describe("balanceTerritories progress and cancel", () => {
  test("progress rises from above 0 to exactly 1", () => {
    const reports: number[] = [];
    balanceTerritories({
      ...stateInput("TX", 8, 1),
      onProgress: (fraction) => reports.push(fraction),
    });

    expect(reports.length).toBeGreaterThan(10);
    expect(reports[0]).toBeGreaterThan(0);
    expect(reports.at(-1)).toBe(1);
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]).toBeGreaterThan(reports[i - 1]);
    }
  });

  test("progress names the step and attempt", () => {
    const phases: string[] = [];
    balanceTerritories({
      ...stateInput("TX", 8, 1),
      attempts: 2,
      onProgress: (_fraction, phase) => {
        const text = `${phase.step} ${phase.attempt}/${phase.attempts}`;
        if (phases.at(-1) !== text) phases.push(text);
      },
    });

    expect(phases[0]).toBe("growing 1/2");
    expect(phases[1]).toBe("improving 1/2");
    expect(phases.length === 2 || phases[2] === "growing 2/2").toBe(true);
  });

  test("minimize-disruption reports one attempt", () => {
    const start = balanceTerritories(stateInput("IA", 4, 1)).assignment;
    const attempts = new Set<number>();
    balanceTerritories({
      ...stateInput("IA", 4, 1),
      tolerancePercent: 1,
      mode: "minimize-disruption",
      current: start,
      onProgress: (_fraction, phase) => attempts.add(phase.attempts),
    });
    expect([...attempts]).toEqual([1]);
  });

  test("cancel during the search keeps a complete design", () => {
    const full = balanceTerritories(stateInput("TX", 8, 1));
    let polls = 0;
    const result = balanceTerritories({
      ...stateInput("TX", 8, 1),
      // Growth polls once per unit (254), so the search stops after a few moves.
      shouldCancel: () => ++polls > 300,
    });

    expect(result.stopReason).toBe("cancelled");
    expect(result.iterations).toBeGreaterThan(0);
    expect(result.iterations).toBeLessThan(full.iterations);
    expect(result.unassignedUnitIds).toEqual([]);
    expect(result.assignment.size).toBe(254);
  });

  test("cancel during growth leaves units unassigned", () => {
    const result = balanceTerritories({
      ...stateInput("IA", 4, 1),
      shouldCancel: () => true,
    });

    expect(result.stopReason).toBe("cancelled");
    expect(result.iterations).toBe(0);
    // The four seeds are placed before the first poll.
    expect(result.assignment.size).toBe(4);
    expect(result.unassignedUnitIds).toHaveLength(95);
    expect(result.toleranceMet).toBe(false);
  });

  test("cancel stops at the first poll", () => {
    let polls = 0;
    balanceTerritories({
      ...stateInput("IA", 4, 1),
      shouldCancel: () => {
        polls += 1;
        return true;
      },
    });
    expect(polls).toBe(1);
  });

  test("move limit stops the search", () => {
    const result = balanceTerritories({
      ...stateInput("TX", 8, 1),
      maxIterations: 5,
    });
    expect(result.stopReason).toBe("iteration-limit");
    expect(result.iterations).toBeLessThanOrEqual(6);
    expect(result.assignment.size).toBe(254);
  });
});
