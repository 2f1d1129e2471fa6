import { describe, expect, test } from "vitest";
import {
  movesToApply,
  movesToOne,
  previewBulkChange,
} from "../../model/bulk-change.ts";
import { CoverageIndex } from "../../model/coverage.ts";

const index = new CoverageIndex(
  [
    { id: "01001", population: 100 },
    { id: "01003", population: 200 },
    { id: "01005", population: 300 },
    { id: "01007", population: 400 },
  ],
  [
    { unitId: "01001", potentialCents: 1_000 },
    { unitId: "01003", potentialCents: 2_500 },
    { unitId: "01007", potentialCents: 99 },
  ],
);
const current = new Map([
  ["01001", "east"],
  ["01003", "south"],
  ["01005", "north"],
]);
const proposal = movesToOne(["01001", "01003", "01005", "01007"], "west");

describe("previewBulkChange", () => {
  test("moves every unit without locks", () => {
    const { impact, skipped } = previewBulkChange(
      index,
      current,
      new Set(),
      proposal,
    );
    expect(skipped).toEqual([]);
    expect(impact.moves.map((m) => m.unitId)).toEqual([
      "01001",
      "01003",
      "01005",
      "01007",
    ]);
    const west = impact.territories.find((t) => t.territoryId === "west");
    expect(west?.gained).toEqual({
      units: 4,
      accounts: 3,
      population: 1_000,
      potentialCents: 3_599,
    });
    expect(west?.netPotential).toBe("35.99");
  });

  test("skips units of locked territories", () => {
    const { impact, skipped } = previewBulkChange(
      index,
      current,
      new Set(["south"]),
      proposal,
    );
    expect(skipped).toEqual([{ unitId: "01003", lockedTerritoryId: "south" }]);
    expect(impact.moves.map((m) => m.unitId)).not.toContain("01003");
    expect(impact.territories.map((t) => t.territoryId)).not.toContain("south");
  });

  test("a locked target moves nothing", () => {
    const { impact, skipped } = previewBulkChange(
      index,
      current,
      new Set(["west"]),
      proposal,
    );
    expect(impact.moves).toEqual([]);
    expect(skipped).toHaveLength(4);
  });

  test("unassigning counts toward the unassigned pool", () => {
    const { impact } = previewBulkChange(
      index,
      current,
      new Set(),
      movesToOne(["01001", "01007"], null),
    );
    expect(impact.moves).toEqual([{ unitId: "01001", from: "east", to: null }]);
  });
});

describe("previewBulkChange with several targets", () => {
  const moves = new Map<string, string | null>([
    ["01001", "south"],
    ["01003", "east"],
    ["01005", null],
    ["01007", "north"],
  ]);

  test("moves each unit to its own target", () => {
    const { impact, skipped } = previewBulkChange(
      index,
      current,
      new Set(),
      moves,
    );
    expect(skipped).toEqual([]);
    expect(impact.moves).toEqual([
      { unitId: "01001", from: "east", to: "south" },
      { unitId: "01003", from: "south", to: "east" },
      { unitId: "01005", from: "north", to: null },
      { unitId: "01007", from: null, to: "north" },
    ]);
  });

  test("skips moves out of and into locked territories", () => {
    const { impact, skipped } = previewBulkChange(
      index,
      current,
      new Set(["north"]),
      moves,
    );
    expect(skipped).toEqual([
      { unitId: "01005", lockedTerritoryId: "north" },
      { unitId: "01007", lockedTerritoryId: "north" },
    ]);
    expect(impact.moves.map((m) => m.unitId)).toEqual(["01001", "01003"]);
  });

  test("a move to the current territory changes nothing", () => {
    const { impact, skipped } = previewBulkChange(
      index,
      current,
      new Set(),
      new Map([["01001", "east"]]),
    );
    expect(impact.moves).toEqual([]);
    expect(skipped).toEqual([]);
  });
});

describe("movesToApply", () => {
  const { impact } = previewBulkChange(index, current, new Set(), proposal);

  test("all moves grouped by target", () => {
    expect(movesToApply(current, impact, null)).toEqual(
      new Map([["west", ["01001", "01003", "01005", "01007"]]]),
    );
  });

  test("moves of one losing territory", () => {
    expect(movesToApply(current, impact, ["south"])).toEqual(
      new Map([["west", ["01003"]]]),
    );
  });

  test("the unassigned pool as territory", () => {
    expect(movesToApply(current, impact, [null])).toEqual(
      new Map([["west", ["01007"]]]),
    );
  });
});
