import { describe, expect, test } from "vitest";
import { CoverageIndex } from "../../model/coverage.ts";
import { applyMovesFor, previewImpact } from "../../model/impact.ts";

const index = new CoverageIndex(
  [
    { id: "01001", population: 100 },
    { id: "01003", population: 200 },
    { id: "01005", population: 300 },
  ],
  [
    { unitId: "01001", potentialCents: 1_000 },
    { unitId: "01003", potentialCents: 2_050 },
    { unitId: "01003", potentialCents: 1 },
  ],
);
const current = new Map([
  ["01001", "east"],
  ["01003", "east"],
]);
const proposed = new Map([
  ["01001", "east"],
  ["01003", "west"],
  ["01005", "west"],
]);

describe("previewImpact", () => {
  test("lists only units that move", () => {
    const preview = previewImpact(index, current, proposed);
    expect(preview.moves).toEqual([
      { unitId: "01003", from: "east", to: "west" },
      { unitId: "01005", from: null, to: "west" },
    ]);
  });

  test("sums gains and losses per territory exactly", () => {
    const [east, west, unassigned] = previewImpact(
      index,
      current,
      proposed,
    ).territories;
    expect(east).toMatchObject({
      territoryId: "east",
      lost: { units: 1, accounts: 2, population: 200, potentialCents: 2_051 },
      netPotential: "-20.51",
    });
    expect(west).toMatchObject({
      territoryId: "west",
      gained: { units: 2, accounts: 2, population: 500, potentialCents: 2_051 },
      netPotential: "20.51",
    });
    expect(unassigned).toMatchObject({
      territoryId: null,
      lost: { units: 1, accounts: 0 },
      lostUnitIds: ["01005"],
    });
  });

  test("gains and losses balance across territories", () => {
    const { territories } = previewImpact(index, current, proposed);
    const gained = territories.reduce(
      (sum, t) => sum + t.gained.potentialCents,
      0,
    );
    const lost = territories.reduce((sum, t) => sum + t.lost.potentialCents, 0);
    expect(gained).toBe(lost);
  });

  test("a scope limits the compared units", () => {
    const preview = previewImpact(index, current, proposed, ["01001", "01005"]);
    expect(preview.moves.map((m) => m.unitId)).toEqual(["01005"]);
  });
});

describe("applyMovesFor", () => {
  test("applies moves that touch the chosen territories only", () => {
    const preview = previewImpact(index, current, proposed);
    const result = applyMovesFor(current, preview, new Set(["east"]));
    expect(result).toEqual(
      new Map([
        ["01001", "east"],
        ["01003", "west"],
      ]),
    );
  });

  test("a move to unassigned deletes the entry", () => {
    const preview = previewImpact(index, current, new Map([["01001", "east"]]));
    expect(applyMovesFor(current, preview, new Set([null]))).toEqual(
      new Map([["01001", "east"]]),
    );
  });
});
