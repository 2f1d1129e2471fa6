import { describe, expect, test } from "vitest";
import {
  compareAccountLists,
  describeDetachedPins,
  findDetachedPins,
} from "../../../model/io/accounts-import-preview.ts";

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

describe("findDetachedPins", () => {
  const before = [
    { id: "dsm", name: "Des Moines" },
    { id: "ames", name: "Ames" },
    { id: "iowa-city", name: "Iowa City" },
  ];
  const after = [{ id: "iowa-city" }, { id: "new" }];

  test("lists pinned accounts the new list lacks", () => {
    const pins = findDetachedPins(
      ["dsm", "iowa-city", "ames", "dsm"],
      before,
      after,
    );
    expect(pins).toEqual([
      { accountId: "dsm", name: "Des Moines", overrides: 2 },
      { accountId: "ames", name: "Ames", overrides: 1 },
    ]);
  });

  test("skips accounts already missing before", () => {
    expect(findDetachedPins(["gone"], before, after)).toEqual([]);
  });

  test("returns nothing when every pin stays", () => {
    expect(findDetachedPins(["iowa-city"], before, after)).toEqual([]);
  });
});

describe("describeDetachedPins", () => {
  const pin = (name: string, overrides = 1) => ({
    accountId: name.toLowerCase(),
    name,
    overrides,
  });

  test("names several accounts", () => {
    expect(describeDetachedPins([pin("Des Moines"), pin("Ames")])).toBe(
      "2 pinned accounts are not in this file: Des Moines, Ames. Their overrides stop counting.",
    );
  });

  test("names one account and its overrides", () => {
    expect(describeDetachedPins([pin("Ames")])).toBe(
      "1 pinned account is not in this file: Ames. Its override stops counting.",
    );
    expect(describeDetachedPins([pin("Ames", 2)])).toBe(
      "1 pinned account is not in this file: Ames. Its overrides stop counting.",
    );
  });

  test("shortens a long list", () => {
    const pins = Array.from({ length: 12 }, (_, i) => pin(`A${i + 1}`));
    expect(describeDetachedPins(pins)).toBe(
      "12 pinned accounts are not in this file: A1, A2, A3, A4, A5, A6, A7, A8, A9, A10 and 2 more. Their overrides stop counting.",
    );
  });

  test("returns null without pins", () => {
    expect(describeDetachedPins([])).toBeNull();
  });
});
