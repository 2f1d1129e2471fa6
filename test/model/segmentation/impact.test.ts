import { describe, expect, test } from "vitest";
import {
  segmentationImpact,
  type ImpactAccount,
  type Membership,
} from "../../../model/segmentation/index.ts";

const ACCOUNTS: ImpactAccount[] = [
  { id: "a", potentialCents: 100, territoryId: "east" },
  { id: "b", potentialCents: 200, territoryId: "east" },
  { id: "c", potentialCents: 300, territoryId: "west" },
  { id: "d", potentialCents: 400, territoryId: null },
];

const membership = (names: string[], segmentOf: number[]): Membership => ({
  names,
  segmentOf: Int32Array.from(segmentOf),
});

describe("segmentationImpact", () => {
  test("without a current segmentation every account changes", () => {
    const impact = segmentationImpact(
      ACCOUNTS,
      null,
      membership(["Big", "Small"], [1, 1, 0, 0]),
    );
    expect(impact.accounts).toBe(4);
    expect(impact.changed).toEqual({ accounts: 4, potentialCents: 1000 });
    expect(impact.flows).toEqual([
      { from: null, to: "Big", accounts: 2, potentialCents: 700 },
      { from: null, to: "Small", accounts: 2, potentialCents: 300 },
    ]);
    expect(impact.segments).toEqual([
      {
        name: "Big",
        before: { accounts: 0, potentialCents: 0 },
        after: { accounts: 2, potentialCents: 700 },
      },
      {
        name: "Small",
        before: { accounts: 0, potentialCents: 0 },
        after: { accounts: 2, potentialCents: 300 },
      },
    ]);
  });

  test("matches segments by name, not index", () => {
    const current = membership(["Small", "Big"], [0, 0, 1, 1]);
    const proposed = membership(["Big", "Small"], [1, 1, 0, 0]);
    const impact = segmentationImpact(ACCOUNTS, current, proposed);
    expect(impact.changed).toEqual({ accounts: 0, potentialCents: 0 });
    expect(impact.flows).toEqual([]);
    expect(impact.territories.every((t) => t.changed === 0)).toBe(true);
  });

  test("counts moves from and to each segment", () => {
    const current = membership(["Small", "Big"], [0, 0, 0, 1]);
    const proposed = membership(["Small", "Big", "Middle"], [0, 2, 1, 1]);
    const impact = segmentationImpact(ACCOUNTS, current, proposed);
    expect(impact.changed).toEqual({ accounts: 2, potentialCents: 500 });
    expect(impact.flows).toEqual([
      { from: "Small", to: "Big", accounts: 1, potentialCents: 300 },
      { from: "Small", to: "Middle", accounts: 1, potentialCents: 200 },
    ]);
    const byName = new Map(impact.segments.map((s) => [s.name, s]));
    expect(byName.get("Small")).toEqual({
      name: "Small",
      before: { accounts: 3, potentialCents: 600 },
      after: { accounts: 1, potentialCents: 100 },
    });
    expect(byName.get("Big")?.after).toEqual({
      accounts: 2,
      potentialCents: 700,
    });
    expect(byName.get("Middle")?.before).toEqual({
      accounts: 0,
      potentialCents: 0,
    });
  });

  test("lists a segment that goes away", () => {
    const current = membership(["Old", "Kept"], [0, 1, 1, 1]);
    const proposed = membership(["Kept"], [0, 0, 0, 0]);
    const impact = segmentationImpact(ACCOUNTS, current, proposed);
    expect(impact.segments.map((s) => s.name)).toEqual(["Kept", "Old"]);
    expect(impact.segments[1].after).toEqual({
      accounts: 0,
      potentialCents: 0,
    });
    expect(impact.segments[1].before).toEqual({
      accounts: 1,
      potentialCents: 100,
    });
  });

  test("mixes segments per territory, unassigned last", () => {
    const current = membership(["Small", "Big"], [0, 0, 1, 1]);
    const proposed = membership(["Small", "Big"], [0, 1, 1, 1]);
    const impact = segmentationImpact(ACCOUNTS, current, proposed);
    expect(impact.territories).toEqual([
      { territoryId: "east", accounts: 2, segments: [1, 1], changed: 1 },
      { territoryId: "west", accounts: 1, segments: [0, 1], changed: 0 },
      { territoryId: null, accounts: 1, segments: [0, 1], changed: 0 },
    ]);
  });

  test("rejects memberships of other accounts", () => {
    expect(() =>
      segmentationImpact(ACCOUNTS, null, membership(["A"], [0, 0])),
    ).toThrow(/proposed membership has 2 accounts/);
  });
});
