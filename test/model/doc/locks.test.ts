import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { initPlan } from "../../../model/doc/init-plan.ts";
import { PlanDoc } from "../../../model/doc/plan-doc.ts";

const territory = (name: string) => ({
  name,
  color: "#1f77b4",
  parentId: null,
  ownerId: null,
  locked: false,
  kind: "territory" as const,
});

function newPlan(): PlanDoc {
  return initPlan(new Y.Doc(), {
    planId: "p",
    name: "P",
    territories: [
      { id: "east", ...territory("East") },
      { id: "west", ...territory("West") },
    ],
    assignments: [
      ["01001", "east"],
      ["01003", "east"],
      ["01005", "west"],
    ],
  });
}

/** Creates a second replica of the plan, in step with the first. */
function replicaOf(plan: PlanDoc): PlanDoc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(plan.doc));
  return new PlanDoc(doc);
}

function sync(a: PlanDoc, b: PlanDoc): void {
  Y.applyUpdate(
    b.doc,
    Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)),
  );
  Y.applyUpdate(
    a.doc,
    Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)),
  );
}

describe("PlanDoc locks", () => {
  test("lockTerritories stores the snapshot", () => {
    const plan = newPlan();
    plan.lockTerritories(["east"]);
    expect(plan.readTerritory("east")?.locked).toBe(true);
    expect(plan.readLocks()).toEqual([
      { territoryId: "east", unitIds: ["01001", "01003"] },
    ]);
    expect(plan.lockedTerritoryIds()).toEqual(new Set(["east"]));
  });

  test("assign skips units of a locked territory", () => {
    const plan = newPlan();
    plan.lockTerritories(["east"]);
    expect(plan.assign(["01001", "01007"], "west")).toEqual(["01007"]);
    expect(plan.territoryOf("01001")).toBe("east");
  });

  test("assignUnits returns the skipped units", () => {
    const plan = newPlan();
    plan.lockTerritories(["east"]);
    const result = plan.assignUnits(["01001", "01003", "01005"], null);
    expect(result.changed).toEqual(["01005"]);
    expect(result.skipped).toEqual([
      { unitId: "01001", lockedTerritoryId: "east" },
      { unitId: "01003", lockedTerritoryId: "east" },
    ]);
  });

  test("assign never paints into a locked territory", () => {
    const plan = newPlan();
    plan.lockTerritories(["east"]);
    const result = plan.assignUnits(["01005", "01007"], "east");
    expect(result.changed).toEqual([]);
    expect(result.skipped.map((s) => s.unitId)).toEqual(["01005", "01007"]);
    expect(plan.territoryOf("01005")).toBe("west");
    expect(plan.territoryOf("01007")).toBeNull();
  });

  test("unlock allows painting again", () => {
    const plan = newPlan();
    plan.lockTerritories(["east", "west"]);
    plan.unlockTerritories(["east", "west"]);
    expect(plan.readLocks()).toEqual([]);
    expect(plan.assign(["01001"], "west")).toEqual(["01001"]);
  });

  test("updateTerritory locked writes the snapshot", () => {
    const plan = newPlan();
    plan.updateTerritory("west", { locked: true });
    expect(plan.readLocks()).toEqual([
      { territoryId: "west", unitIds: ["01005"] },
    ]);
    plan.updateTerritory("west", { locked: false });
    expect(plan.territories.get("west")?.has("lockedUnits")).toBe(false);
  });

  test("deleteTerritory rejects a locked territory", () => {
    const plan = newPlan();
    plan.lockTerritories(["east"]);
    expect(() => plan.deleteTerritory("east")).toThrow(/"East" is locked/);
    expect(() => plan.deleteTerritory("west", "east")).toThrow(
      /"East" is locked/,
    );
    expect(plan.readTerritory("east")).not.toBeNull();
    expect(plan.territoryOf("01005")).toBe("west");
  });

  test("a fresh lock has no violations", () => {
    const plan = newPlan();
    plan.lockTerritories(["east"]);
    expect(plan.readLockViolations()).toEqual([]);
  });
});

describe("lock violations after a merge", () => {
  test("offline edit before a lock shows as violation", () => {
    // Given two replicas in step; Bea goes offline.
    const ada = newPlan();
    const bea = replicaOf(ada);

    // When Bea, offline, moves an East county to West and paints a new
    // county into East, and Ada meanwhile locks East.
    bea.assign(["01003"], "west");
    bea.assign(["01009"], "east");
    ada.lockTerritories(["east"]);
    sync(ada, bea);

    // Then both edits survive the merge, and both replicas derive the same
    // two violations of East's lock.
    expect(ada.territoryOf("01003")).toBe("west");
    expect(ada.territoryOf("01009")).toBe("east");
    const expected = [
      {
        territoryId: "east",
        unitId: "01003",
        kind: "moved-out",
        currentTerritoryId: "west",
      },
      {
        territoryId: "east",
        unitId: "01009",
        kind: "added",
        currentTerritoryId: "east",
      },
    ];
    expect(ada.readLockViolations()).toEqual(expected);
    expect(bea.readLockViolations()).toEqual(expected);
  });

  test("restoreLock puts the snapshot back", () => {
    const ada = newPlan();
    const bea = replicaOf(ada);
    bea.assign(["01003"], "west");
    bea.assign(["01009"], "east");
    ada.lockTerritories(["east"]);
    sync(ada, bea);

    expect(ada.restoreLock("east").sort()).toEqual(["01003", "01009"]);
    sync(ada, bea);

    expect(bea.territoryOf("01003")).toBe("east");
    expect(bea.territoryOf("01009")).toBeNull();
    expect(bea.readLockViolations()).toEqual([]);
  });

  test("acceptLock keeps the merged units", () => {
    const ada = newPlan();
    const bea = replicaOf(ada);
    bea.assign(["01003"], "west");
    bea.assign(["01009"], "east");
    ada.lockTerritories(["east"]);
    sync(ada, bea);

    bea.acceptLock("east");
    sync(ada, bea);

    expect(ada.readLockViolations()).toEqual([]);
    expect(ada.readLocks()).toEqual([
      { territoryId: "east", unitIds: ["01001", "01009"] },
    ]);
    expect(ada.territoryOf("01003")).toBe("west");
  });

  test("a replica that knows the lock skips locked units", () => {
    const ada = newPlan();
    const bea = replicaOf(ada);
    ada.lockTerritories(["east"]);
    sync(ada, bea);

    const result = bea.assignUnits(["01001", "01005"], null);
    expect(result.changed).toEqual(["01005"]);
    expect(result.skipped).toEqual([
      { unitId: "01001", lockedTerritoryId: "east" },
    ]);
  });

  test("restoreLock without snapshot is an error", () => {
    const plan = newPlan();
    expect(() => plan.restoreLock("east")).toThrow(/no lock snapshot/);
    expect(() => plan.acceptLock("east")).toThrow(/not locked/);
  });
});
