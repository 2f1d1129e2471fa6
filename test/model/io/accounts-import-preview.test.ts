import { describe, expect, test } from "vitest";
import { compareAccountLists } from "../../../model/io/accounts-import-preview.ts";

const territories = [
  { id: "east", name: "East" },
  { id: "west", name: "West" },
];
const assignments = new Map([
  ["01001", "east"],
  ["01003", "west"],
  ["01005", "deleted-territory"],
]);

describe("compareAccountLists", () => {
  const before = [
    { id: "a", unitId: "01001", potential: "100.50" },
    { id: "b", unitId: "01003", potential: "10.00" },
    { id: "c", unitId: "01005", potential: "1.25" },
  ];
  const after = [
    { id: "a", unitId: "01001", potential: "100.5" },
    { id: "d", unitId: "01001", potential: "0.01" },
    { id: "e", unitId: "01007", potential: "7" },
  ];
  const preview = compareAccountLists(before, after, assignments, territories);

  test("sums each territory before and after in cents", () => {
    expect(preview.territories).toEqual([
      {
        territoryId: "east",
        name: "East",
        before: { accounts: 1, potentialCents: 10050 },
        after: { accounts: 2, potentialCents: 10051 },
      },
      {
        territoryId: "west",
        name: "West",
        before: { accounts: 1, potentialCents: 1000 },
        after: { accounts: 0, potentialCents: 0 },
      },
    ]);
  });

  test("counts unowned and unknown-territory counties as unassigned", () => {
    expect(preview.unassigned).toEqual({
      before: { accounts: 1, potentialCents: 125 },
      after: { accounts: 1, potentialCents: 700 },
    });
  });

  test("totals both lists", () => {
    expect(preview.total).toEqual({
      before: { accounts: 3, potentialCents: 11175 },
      after: { accounts: 3, potentialCents: 10751 },
    });
  });

  test("rejects a potential that is not a two-digit decimal", () => {
    expect(() =>
      compareAccountLists(
        [{ id: "a", unitId: "01001", potential: "1.005" }],
        [],
        assignments,
        territories,
      ),
    ).toThrow(/"1.005" is not a decimal/);
  });

  test("counts a pinned account in its override territory", () => {
    const pinned = new Map([["a", "west"]]);

    const withPin = compareAccountLists(
      before,
      after,
      assignments,
      territories,
      pinned,
    );

    expect(withPin.territories[0].before).toEqual({
      accounts: 0,
      potentialCents: 0,
    });
    expect(withPin.territories[0].after).toEqual({
      accounts: 1,
      potentialCents: 1,
    });
    expect(withPin.territories[1].before).toEqual({
      accounts: 2,
      potentialCents: 11050,
    });
    expect(withPin.territories[1].after).toEqual({
      accounts: 1,
      potentialCents: 10050,
    });
  });
});
