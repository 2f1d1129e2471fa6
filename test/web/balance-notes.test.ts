import { describe, expect, test } from "vitest";
import { balanceNotes } from "../../web/plan/balance-notes.ts";
import type { BalanceOutcome } from "../../web/workers/balance-job.ts";

const outcome: BalanceOutcome = {
  assignment: new Map(),
  maxDeviationBefore: "40.0",
  maxDeviationAfter: "28.1",
  tolerancePercent: "5",
  toleranceMet: false,
  territories: [],
  unitsMoved: 3,
  iterations: 3,
  stopReason: "obstacles-only",
  obstacles: [
    { kind: "heavy-unit", unitId: "48201", deviationPercent: "28.1" },
    { kind: "heavy-territory", territoryId: "t1", deviationPercent: "9.5" },
    {
      kind: "light-locked-territory",
      territoryId: "t2",
      deviationPercent: "-12.0",
    },
  ],
};

const names = {
  unit: (id: string) => (id === "48201" ? "Harris County (48201)" : id),
  territory: (id: string) => (id === "t1" ? "Gulf" : "Plains"),
};

describe("balanceNotes", () => {
  test("states the tolerance, the stop and each obstacle", () => {
    expect(balanceNotes(outcome, names)).toEqual([
      "The tolerance of ±5% is not met.",
      "The optimizer stopped because every territory is within the tolerance except where an obstacle below keeps it out.",
      "Harris County (48201) alone exceeds the mean by 28.1%, so no design meets the tolerance.",
      "Gulf exceeds the mean by 9.5% with its pinned accounts and locked counties alone.",
      "Plains is locked and 12.0% below the mean, and no county may join it.",
    ]);
  });

  test("says when the tolerance is met", () => {
    const met = {
      ...outcome,
      toleranceMet: true,
      stopReason: "tolerance-met" as const,
      obstacles: [],
    };
    expect(balanceNotes(met, names)).toEqual([
      "Every territory is within ±5% of the mean.",
      "The optimizer stopped because every territory is within the tolerance.",
    ]);
  });
});
