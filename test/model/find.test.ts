import { describe, expect, test } from "vitest";
import { findNonContiguous, findUnassigned } from "../../model/find.ts";

const units = [
  { id: "72001", stateFips: "72", stateName: "Puerto Rico" },
  { id: "20071", stateFips: "20", stateName: "Kansas" },
  { id: "20203", stateFips: "20", stateName: "Kansas" },
  { id: "01003", stateFips: "01", stateName: "Alabama" },
  { id: "01001", stateFips: "01", stateName: "Alabama" },
];

describe("findUnassigned", () => {
  test("groups unassigned counties by state in name order", () => {
    const result = findUnassigned(
      units,
      new Map([
        ["20071", "west"],
        ["01001", "deleted-territory"],
      ]),
      new Set(["west"]),
    );
    expect(result).toEqual([
      { stateFips: "01", stateName: "Alabama", unitIds: ["01001", "01003"] },
      { stateFips: "20", stateName: "Kansas", unitIds: ["20203"] },
      { stateFips: "72", stateName: "Puerto Rico", unitIds: ["72001"] },
    ]);
  });

  test("a fully assigned plan has nothing to find", () => {
    const all = new Map(units.map((u) => [u.id, "west"]));
    expect(findUnassigned(units, all, new Set(["west"]))).toEqual([]);
  });
});

describe("findNonContiguous", () => {
  test("lists split territories with smaller pieces", () => {
    const pieces: Record<string, string[][]> = {
      west: [["a", "b"], ["d"], ["f"]],
      east: [["x", "y"]],
      empty: [],
    };
    expect(
      findNonContiguous(["east", "west", "empty"], (id) => pieces[id]),
    ).toEqual([
      {
        territoryId: "west",
        mainPiece: ["a", "b"],
        smallerPieces: [["d"], ["f"]],
      },
    ]);
  });
});
