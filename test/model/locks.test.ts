import { describe, expect, test } from "vitest";
import {
  findLockViolations,
  groupViolations,
  splitByLocks,
  uniqueSkipped,
} from "../../model/locks.ts";

const assignments = new Map([
  ["01001", "east"],
  ["01003", "east"],
  ["01005", "west"],
]);

describe("splitByLocks", () => {
  test("skips units of a locked territory", () => {
    const { allowed, skipped } = splitByLocks(
      ["01001", "01005", "01007"],
      "west",
      assignments,
      new Set(["east"]),
    );
    expect(allowed).toEqual(["01007"]);
    expect(skipped).toEqual([{ unitId: "01001", lockedTerritoryId: "east" }]);
  });

  test("never assigns into a locked territory", () => {
    const { allowed, skipped } = splitByLocks(
      ["01003", "01005", "01007"],
      "east",
      assignments,
      new Set(["east"]),
    );
    expect(allowed).toEqual([]);
    expect(skipped).toEqual([
      { unitId: "01005", lockedTerritoryId: "east" },
      { unitId: "01007", lockedTerritoryId: "east" },
    ]);
  });

  test("erasing skips locked units", () => {
    const { allowed, skipped } = splitByLocks(
      ["01001", "01005"],
      null,
      assignments,
      new Set(["west"]),
    );
    expect(allowed).toEqual(["01001"]);
    expect(skipped).toEqual([{ unitId: "01005", lockedTerritoryId: "west" }]);
  });

  test("leaves out unchanged and repeated units", () => {
    const { allowed, skipped } = splitByLocks(
      ["01005", "01001", "01001"],
      "west",
      assignments,
      new Set(),
    );
    expect(allowed).toEqual(["01001"]);
    expect(skipped).toEqual([]);
  });
});

describe("findLockViolations", () => {
  test("finds units moved out and added", () => {
    const violations = findLockViolations(
      [{ territoryId: "east", unitIds: ["01001", "01003", "01009"] }],
      new Map([
        ["01001", "east"],
        ["01003", "west"],
        ["01007", "east"],
      ]),
    );
    expect(violations).toEqual([
      {
        territoryId: "east",
        unitId: "01003",
        kind: "moved-out",
        currentTerritoryId: "west",
      },
      {
        territoryId: "east",
        unitId: "01007",
        kind: "added",
        currentTerritoryId: "east",
      },
      {
        territoryId: "east",
        unitId: "01009",
        kind: "moved-out",
        currentTerritoryId: null,
      },
    ]);
  });

  test("a lock without snapshot has no violations", () => {
    expect(
      findLockViolations([{ territoryId: "east", unitIds: null }], assignments),
    ).toEqual([]);
  });

  test("a kept snapshot has no violations", () => {
    expect(
      findLockViolations(
        [{ territoryId: "east", unitIds: ["01003", "01001"] }],
        assignments,
      ),
    ).toEqual([]);
  });
});

describe("groupViolations", () => {
  test("splits each territory by kind", () => {
    const violations = findLockViolations(
      [
        { territoryId: "east", unitIds: ["01001", "01003"] },
        { territoryId: "west", unitIds: ["01005"] },
      ],
      new Map([
        ["01001", "west"],
        ["01003", "east"],
        ["01007", "east"],
      ]),
    );
    expect(groupViolations(violations)).toEqual([
      {
        territoryId: "east",
        movedOut: [violations[0]],
        added: [violations[1]],
      },
      {
        territoryId: "west",
        movedOut: [violations[3]],
        added: [violations[2]],
      },
    ]);
  });
});

describe("uniqueSkipped", () => {
  test("keeps the first skip of a unit", () => {
    expect(
      uniqueSkipped([
        { unitId: "01001", lockedTerritoryId: "east" },
        { unitId: "01003", lockedTerritoryId: "east" },
        { unitId: "01001", lockedTerritoryId: "west" },
      ]),
    ).toEqual([
      { unitId: "01001", lockedTerritoryId: "east" },
      { unitId: "01003", lockedTerritoryId: "east" },
    ]);
  });
});
