import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import {
  readOverride,
  readOverrideLockConflicts,
  removeOverride,
  setOverride,
  writeOverrideLockSnapshot,
} from "../../../model/doc/account-overrides.ts";
import { initPlan } from "../../../model/doc/init-plan.ts";
import { PlanDoc } from "../../../model/doc/plan-doc.ts";

const territory = (name: string, kind: "territory" | "region") => ({
  name,
  color: "#1f77b4",
  parentId: null,
  ownerId: null,
  locked: false,
  kind,
});

// Account "travis" sits in county 48453, which East owns.
const homes = new Map([
  ["travis", "48453"],
  ["austin", "48453"],
]);
const homeUnitOf = (id: string) => homes.get(id) ?? null;

function plan() {
  return initPlan(new Y.Doc(), {
    planId: "p",
    name: "P",
    territories: [
      { id: "east", ...territory("East", "territory") },
      { id: "west", ...territory("West", "territory") },
      { id: "north", ...territory("North", "region") },
    ],
    assignments: [["48453", "east"]],
  });
}

const input = (
  territoryId: string,
  effectiveFrom: string | null = null,
  effectiveTo: string | null = null,
) => ({ accountId: "travis", territoryId, effectiveFrom, effectiveTo });

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("setOverride", () => {
  test("adds an override that readOverrides returns", () => {
    const planDoc = plan();
    setOverride(planDoc, input("west", "2027-01-01", " "), "48453");
    expect(planDoc.readOverrides()).toEqual([
      {
        accountId: "travis",
        territoryId: "west",
        effectiveFrom: "2027-01-01",
        effectiveTo: null,
      },
    ]);
  });

  test("replaces the whole override", () => {
    const planDoc = plan();
    setOverride(planDoc, input("west", "2027-01-01", "2027-12-31"), "48453");
    setOverride(planDoc, input("east", null, "2028-01-01"), "48453");
    expect(readOverride(planDoc, "travis")).toEqual({
      accountId: "travis",
      territoryId: "east",
      effectiveFrom: null,
      effectiveTo: "2028-01-01",
    });
    expect(planDoc.readOverrides()).toHaveLength(1);
  });

  test("accepts one-day overrides", () => {
    const planDoc = plan();
    setOverride(planDoc, input("west", "2027-01-01", "2027-01-01"), "48453");
    expect(readOverride(planDoc, "travis")?.effectiveTo).toBe("2027-01-01");
  });

  test.each([
    [input("nowhere"), 'Territory "nowhere" does not exist in this plan'],
    [input("north"), '"North" is a region'],
    [
      input("west", "2027-02-30"),
      'Effective-from date "2027-02-30" is invalid',
    ],
    [
      input("west", null, "31/12/2027"),
      'Effective-to date "31/12/2027" is invalid',
    ],
    [
      input("west", "2027-03-01", "2027-01-01"),
      "starts on 2027-03-01, after it ends on 2027-01-01",
    ],
    [{ ...input("west"), accountId: " " }, "An override needs an account"],
  ])("rejects %o", (value, message) => {
    const planDoc = plan();
    expect(() => setOverride(planDoc, value, "48453")).toThrow(message);
    expect(planDoc.readOverrides()).toEqual([]);
  });

  test("rejects an override into a locked territory", () => {
    const planDoc = plan();
    planDoc.lockTerritories(["west"]);
    expect(() => setOverride(planDoc, input("west"), "48453")).toThrow(
      "West is locked",
    );
    expect(planDoc.readOverrides()).toEqual([]);
  });

  test("rejects taking an account out of its county's locked territory", () => {
    const planDoc = plan();
    planDoc.lockTerritories(["east"]);
    expect(() => setOverride(planDoc, input("west"), "48453")).toThrow(
      "East is locked",
    );
  });

  test("rejects moving an override out of a locked territory", () => {
    const planDoc = plan();
    setOverride(planDoc, input("west"), "48453");
    planDoc.lockTerritories(["west"]);
    expect(() =>
      setOverride(planDoc, input("east", "2027-01-01"), "48453"),
    ).toThrow("West is locked");
    expect(readOverride(planDoc, "travis")?.territoryId).toBe("west");
  });

  test("an override of an account in no county skips the home check", () => {
    const planDoc = plan();
    planDoc.lockTerritories(["east"]);
    setOverride(planDoc, input("west"), null);
    expect(readOverride(planDoc, "travis")?.territoryId).toBe("west");
  });

  test("writes with the origin given", () => {
    const planDoc = plan();
    const origin = { editor: "test" };
    const origins: unknown[] = [];
    planDoc.doc.on("afterTransaction", (tr) => origins.push(tr.origin));
    setOverride(planDoc, input("west"), "48453", origin);
    expect(origins).toEqual([origin]);
  });
});

describe("removeOverride", () => {
  test("removes the override", () => {
    const planDoc = plan();
    setOverride(planDoc, input("west"), "48453");
    removeOverride(planDoc, "travis", "48453");
    expect(planDoc.readOverrides()).toEqual([]);
  });

  test("raises when there is none", () => {
    expect(() => removeOverride(plan(), "travis", "48453")).toThrow(
      'Account "travis" has no override to remove',
    );
  });

  test("rejects when the override territory is locked", () => {
    const planDoc = plan();
    setOverride(planDoc, input("west"), "48453");
    planDoc.lockTerritories(["west"]);
    expect(() => removeOverride(planDoc, "travis", "48453")).toThrow(
      "West is locked",
    );
    expect(planDoc.readOverrides()).toHaveLength(1);
  });

  test("rejects returning an account into its county's locked territory", () => {
    const planDoc = plan();
    setOverride(planDoc, input("west"), "48453");
    planDoc.lockTerritories(["east"]);
    expect(() => removeOverride(planDoc, "travis", "48453")).toThrow(
      "East is locked",
    );
  });
});

describe("override lock conflicts", () => {
  test("an override merged after a lock shows as a conflict", () => {
    // Given two replicas of one plan
    const a = plan();
    const b = new PlanDoc(new Y.Doc());
    sync(a.doc, b.doc);

    // When A locks West with its override snapshot while B pins offline
    a.doc.transact(() => {
      a.lockTerritories(["west"]);
      writeOverrideLockSnapshot(a, ["west"], homeUnitOf);
    });
    setOverride(b, input("west"), "48453");
    sync(a.doc, b.doc);

    // Then both keep the override and show it against the lock
    expect(readOverride(a, "travis")?.territoryId).toBe("west");
    const expected = [
      { territoryId: "west", accountId: "travis", kind: "added" },
    ];
    expect(readOverrideLockConflicts(a, homeUnitOf)).toEqual(expected);
    expect(readOverrideLockConflicts(b, homeUnitOf)).toEqual(expected);
  });

  test("an override made before the lock is no conflict", () => {
    const planDoc = plan();
    setOverride(planDoc, input("west"), "48453");
    planDoc.doc.transact(() => {
      planDoc.lockTerritories(["west", "east"]);
      writeOverrideLockSnapshot(planDoc, ["west", "east"], homeUnitOf);
    });
    expect(readOverrideLockConflicts(planDoc, homeUnitOf)).toEqual([]);
  });

  test("an offline removal shows on both territories it touches", () => {
    const a = plan();
    setOverride(a, input("west"), "48453");
    const b = new PlanDoc(new Y.Doc());
    sync(a.doc, b.doc);

    a.doc.transact(() => {
      a.lockTerritories(["west", "east"]);
      writeOverrideLockSnapshot(a, ["west", "east"], homeUnitOf);
    });
    removeOverride(b, "travis", "48453");
    sync(a.doc, b.doc);

    expect(readOverrideLockConflicts(a, homeUnitOf)).toEqual([
      { territoryId: "east", accountId: "travis", kind: "removed" },
      { territoryId: "west", accountId: "travis", kind: "removed" },
    ]);
  });

  test("accepting writes the overrides as they are now", () => {
    const planDoc = plan();
    planDoc.doc.transact(() => {
      planDoc.lockTerritories(["west"]);
      writeOverrideLockSnapshot(planDoc, ["west"], homeUnitOf);
    });
    planDoc.overrides.set(
      "austin",
      new Y.Map(Object.entries({ territoryId: "west" })),
    );
    expect(readOverrideLockConflicts(planDoc, homeUnitOf)).toHaveLength(1);

    writeOverrideLockSnapshot(planDoc, ["west"], homeUnitOf);
    expect(readOverrideLockConflicts(planDoc, homeUnitOf)).toEqual([]);
  });

  test("a lock without an override snapshot yields none", () => {
    const planDoc = plan();
    planDoc.lockTerritories(["west"]);
    planDoc.overrides.set(
      "austin",
      new Y.Map(Object.entries({ territoryId: "west" })),
    );
    expect(readOverrideLockConflicts(planDoc, homeUnitOf)).toEqual([]);
  });
});
