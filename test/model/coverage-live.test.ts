import { describe, expect, test } from "vitest";
import { computeCoverage, CoverageIndex } from "../../model/coverage.ts";
import { LiveCoverage } from "../../model/coverage-live.ts";

const units = Array.from({ length: 40 }, (_, i) => ({
  id: String(i).padStart(5, "0"),
  population: 100 + i * 7,
}));
const accounts = units.flatMap((u, i) =>
  Array.from({ length: i % 3 }, (_, k) => ({
    unitId: u.id,
    potentialCents: 1_001 * (i + k),
  })),
);
const territoryIds = ["a", "b", "c"];

describe("LiveCoverage", () => {
  test("moves match a full recalculation", () => {
    const index = new CoverageIndex(units, accounts);
    const assignments = new Map(
      units.slice(0, 30).map((u, i) => [u.id, territoryIds[i % 3]]),
    );
    const live = new LiveCoverage(index, territoryIds, assignments);

    // A stroke: some units change territory, some become assigned, one is unassigned.
    const stroke: [string, string | null][] = [
      ["00001", "c"],
      ["00002", "a"],
      ["00031", "b"],
      ["00035", "a"],
      ["00004", null],
      ["00039", "gone"],
    ];
    for (const [unitId, to] of stroke) {
      const from = assignments.get(unitId) ?? null;
      live.move(unitId, from, to);
      if (to === null) assignments.delete(unitId);
      else assignments.set(unitId, to);
    }

    expect(live.result()).toEqual(
      computeCoverage(index, territoryIds, assignments),
    );
  });

  test("a move within one slot changes nothing", () => {
    const index = new CoverageIndex(units, accounts);
    const live = new LiveCoverage(index, territoryIds, new Map());
    live.move("00001", null, "gone");
    expect(live.totalsOf(null).units).toBe(40);
  });
});
