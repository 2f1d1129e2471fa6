import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import {
  watchOverwrites,
  type OverwrittenAssignment,
} from "../../../model/doc/overwrites.ts";
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

const MINE = { editor: "ada" };

// Of two concurrent inserts at the end of the array, the one of the higher
// Yjs client id ends up rightmost and wins, so the ids fix the winner.
function setup(
  adaClientId = 1,
  beaClientId = 2,
): {
  ada: PlanDoc;
  bea: PlanDoc;
  overwritten: OverwrittenAssignment[];
  ownWrites: string[];
} {
  const adaDoc = new Y.Doc();
  adaDoc.clientID = adaClientId;
  const ada = initPlan(adaDoc, {
    planId: "p",
    name: "P",
    territories: [
      { id: "east", ...territory("East") },
      { id: "west", ...territory("West") },
    ],
  });
  const doc = new Y.Doc();
  doc.clientID = beaClientId;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(ada.doc));
  const bea = new PlanDoc(doc);

  const overwritten: OverwrittenAssignment[] = [];
  const ownWrites: string[] = [];
  watchOverwrites(ada, {
    isOwnClient: (clientId) => clientId === ada.doc.clientID,
    isOwnOrigin: (origin) => origin === MINE,
    onOwnWrite: (unitIds) => ownWrites.push(...unitIds),
    onOverwritten: (list) => overwritten.push(...list),
  });
  return { ada, bea, overwritten, ownWrites };
}

/** Sends every update of `from` that `to` lacks. */
function send(from: PlanDoc, to: PlanDoc): void {
  Y.applyUpdate(
    to.doc,
    Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)),
    "remote",
  );
}

describe("watchOverwrites", () => {
  test("reports own writes", () => {
    const { ada, ownWrites } = setup();
    ada.assign(["01001", "01003"], "east", MINE);
    expect(ownWrites).toEqual(["01001", "01003"]);
  });

  test("concurrent loss names the winner", () => {
    const { ada, bea, overwritten } = setup(1, 2);

    // Both paint the same units without seeing each other's write.
    ada.assign(["01001", "01003"], "east", MINE);
    bea.assign(["01001", "01003"], "west");
    send(bea, ada);
    send(ada, bea);

    // Both replicas converge on Bea's value, and Ada hears of each unit.
    expect(ada.readAssignments()).toEqual(
      new Map([
        ["01001", "west"],
        ["01003", "west"],
      ]),
    );
    expect(bea.readAssignments()).toEqual(ada.readAssignments());
    expect(overwritten.map((o) => o.unitId).sort()).toEqual(["01001", "01003"]);
    for (const entry of overwritten) {
      expect(entry).toMatchObject({
        ownTerritoryId: "east",
        currentTerritoryId: "west",
        writerClientId: 2,
        concurrent: true,
      });
    }
  });

  test("concurrent win is quiet", () => {
    const { ada, bea, overwritten } = setup(2, 1);
    ada.assign(["01001"], "east", MINE);
    bea.assign(["01001"], "west");
    send(bea, ada);
    send(ada, bea);

    expect(ada.territoryOf("01001")).toBe("east");
    expect(bea.territoryOf("01001")).toBe("east");
    expect(overwritten).toEqual([]);
  });

  test("merge resolved elsewhere reads as sequential", () => {
    // Bea's replica resolves the conflict first, so the update Ada gets
    // contains Bea's entry and the deletion of Ada's: Ada hears of the loss,
    // but cannot tell it from a repaint made after Bea saw her value.
    const { ada, bea, overwritten } = setup(1, 2);
    ada.assign(["01001"], "east", MINE);
    bea.assign(["01001"], "west");
    send(ada, bea);
    send(bea, ada);

    expect(ada.territoryOf("01001")).toBe("west");
    expect(overwritten).toHaveLength(1);
    expect(overwritten[0]).toMatchObject({
      unitId: "01001",
      writerClientId: 2,
      concurrent: false,
    });
  });

  test("sequential repaint is not concurrent", () => {
    const { ada, bea, overwritten } = setup();
    ada.assign(["01001"], "east", MINE);
    send(ada, bea);
    bea.assign(["01001"], "west");
    send(bea, ada);

    expect(overwritten).toEqual([
      {
        unitId: "01001",
        ownTerritoryId: "east",
        currentTerritoryId: "west",
        writerClientId: bea.doc.clientID,
        concurrent: false,
      },
    ]);
  });

  test("remote erase reports no writer", () => {
    const { ada, bea, overwritten } = setup();
    ada.assign(["01001"], "east", MINE);
    send(ada, bea);
    bea.assign(["01001"], null);
    send(bea, ada);

    expect(overwritten).toEqual([
      {
        unitId: "01001",
        ownTerritoryId: "east",
        currentTerritoryId: null,
        writerClientId: null,
        concurrent: false,
      },
    ]);
  });

  test("own repaint and others' units are quiet", () => {
    const { ada, bea, overwritten } = setup();
    ada.assign(["01001"], "east", MINE);
    ada.assign(["01001"], "west", MINE);
    bea.assign(["01003"], "west");
    send(ada, bea);
    bea.assign(["01003"], "east");
    send(bea, ada);
    expect(overwritten).toEqual([]);
  });
});
