import { describe, expect, test } from "vitest";
import {
  findLockViolations,
  groupViolations,
  planLockRestore,
  restoreEffects,
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

describe("planLockRestore", () => {
  // East was locked with 01001 and 01003. Since then 01003 moved to west,
  // 01009 was unassigned from it, and 01005 and 01007 were added to it.
  const locks = [{ territoryId: "east", unitIds: ["01001", "01003", "01009"] }];
  const merged = new Map([
    ["01001", "east"],
    ["01003", "west"],
    ["01005", "east"],
    ["01007", "east"],
  ]);
  const [violations] = groupViolations(findLockViolations(locks, merged));

  // Applies moves to a copy of an assignment.
  function apply(
    assignments: ReadonlyMap<string, string>,
    moves: ReturnType<typeof planLockRestore>,
  ): Map<string, string> {
    const result = new Map(assignments);
    for (const move of moves) {
      if (move.toTerritoryId === null) result.delete(move.unitId);
      else result.set(move.unitId, move.toTerritoryId);
    }
    return result;
  }

  function unitsOf(assignments: Map<string, string>, territoryId: string) {
    return [...assignments]
      .filter(([, owner]) => owner === territoryId)
      .map(([unitId]) => unitId)
      .sort();
  }

  test("puts the snapshot back exactly", () => {
    const restored = apply(merged, planLockRestore(violations, null));
    expect(unitsOf(restored, "east")).toEqual(["01001", "01003", "01009"]);
    expect(findLockViolations(locks, restored)).toEqual([]);
  });

  test("sends added units where asked", () => {
    const restored = apply(merged, planLockRestore(violations, "west"));
    expect(unitsOf(restored, "east")).toEqual(["01001", "01003", "01009"]);
    expect(unitsOf(restored, "west")).toEqual(["01005", "01007"]);
  });

  test("added units unassigned by default target", () => {
    const restored = apply(merged, planLockRestore(violations, null));
    expect(restored.has("01005")).toBe(false);
    expect(restored.has("01007")).toBe(false);
  });

  test("rejects the locked territory as target", () => {
    expect(() => planLockRestore(violations, "east")).toThrow(
      /cannot stay in it/,
    );
  });

  test("effects name every other territory", () => {
    const moves = planLockRestore(violations, "west");
    expect(restoreEffects("east", moves)).toEqual([
      { territoryId: "west", loses: ["01003"], gains: ["01005", "01007"] },
      { territoryId: null, loses: ["01009"], gains: [] },
    ]);
  });

  test("effects list units that become unassigned", () => {
    const moves = planLockRestore(violations, null);
    expect(restoreEffects("east", moves)).toEqual([
      { territoryId: "west", loses: ["01003"], gains: [] },
      { territoryId: null, loses: ["01009"], gains: ["01005", "01007"] },
    ]);
  });
});
