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

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("PlanDoc", () => {
  test("initPlan writes meta, territories and assignments", () => {
    const plan = initPlan(new Y.Doc(), {
      planId: "demo",
      name: "Demo",
      territories: [{ id: "east", ...territory("East") }],
      assignments: [["01001", "east"]],
    });
    expect(plan.readMeta()).toMatchObject({
      schemaVersion: 1,
      planId: "demo",
      name: "Demo",
      currency: "USD",
    });
    expect(plan.readTerritories().map((t) => t.name)).toEqual(["East"]);
    expect(plan.readAssignments()).toEqual(new Map([["01001", "east"]]));
  });

  test("initPlan refuses an initialised document", () => {
    const doc = new Y.Doc();
    initPlan(doc, { planId: "demo", name: "Demo" });
    expect(() => initPlan(doc, { planId: "demo", name: "Demo" })).toThrow(
      /already initialised/,
    );
  });

  test("assign returns only changed units", () => {
    const plan = initPlan(new Y.Doc(), {
      planId: "p",
      name: "P",
      territories: [{ id: "t", ...territory("T") }],
    });
    expect(plan.assign(["01001", "01003"], "t")).toEqual(["01001", "01003"]);
    expect(plan.assign(["01001", "01005"], "t")).toEqual(["01005"]);
    expect(plan.assign(["01001"], null)).toEqual(["01001"]);
    expect(plan.territoryOf("01001")).toBeNull();
  });

  test("assign rejects an unknown territory", () => {
    const plan = initPlan(new Y.Doc(), { planId: "p", name: "P" });
    expect(() => plan.assign(["01001"], "nope")).toThrow(
      /Territory "nope" does not exist/,
    );
  });

  test("concurrent paint of one unit converges to one winner", () => {
    const a = new Y.Doc();
    const plan = initPlan(a, {
      planId: "p",
      name: "P",
      territories: [
        { id: "x", ...territory("X") },
        { id: "y", ...territory("Y") },
      ],
    });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const planB = new PlanDoc(b);

    plan.assign(["01001"], "x");
    planB.assign(["01001"], "y");
    sync(a, b);
    sync(a, b);

    expect(plan.territoryOf("01001")).toBe(planB.territoryOf("01001"));
    expect(plan.assignmentArray.length).toBe(1);
    expect(planB.assignmentArray.length).toBe(1);
  });

  test("undo reverts one's own stroke only", () => {
    const a = new Y.Doc();
    const plan = initPlan(a, {
      planId: "p",
      name: "P",
      territories: [
        { id: "x", ...territory("X") },
        { id: "y", ...territory("Y") },
      ],
    });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const planB = new PlanDoc(b);
    const mine = { stroke: "a" };
    const undo = new Y.UndoManager([plan.assignmentArray, plan.territories], {
      trackedOrigins: new Set([mine]),
    });

    plan.assign(["01001", "01003"], "x", mine);
    planB.assign(["01005"], "y");
    sync(a, b);
    undo.undo();
    sync(a, b);

    expect(plan.readAssignments()).toEqual(new Map([["01005", "y"]]));
    expect(planB.readAssignments()).toEqual(new Map([["01005", "y"]]));
    undo.redo();
    expect(plan.readAssignments().get("01003")).toBe("x");
  });

  test("deleteTerritory moves its units", () => {
    const plan = initPlan(new Y.Doc(), {
      planId: "p",
      name: "P",
      territories: [
        { id: "x", ...territory("X") },
        { id: "y", ...territory("Y") },
      ],
      assignments: [
        ["01001", "x"],
        ["01003", "y"],
      ],
    });
    plan.deleteTerritory("x", "y");
    expect(plan.readAssignments()).toEqual(
      new Map([
        ["01001", "y"],
        ["01003", "y"],
      ]),
    );
    expect(plan.readTerritory("x")).toBeNull();
  });

  test("repainting keeps the document small", () => {
    const plan = initPlan(new Y.Doc(), {
      planId: "p",
      name: "P",
      territories: [
        { id: "x", ...territory("X") },
        { id: "y", ...territory("Y") },
      ],
    });
    const unitIds = Array.from({ length: 100 }, (_, i) =>
      String(i).padStart(5, "0"),
    );
    plan.assign(unitIds, "x");
    const before = Y.encodeStateAsUpdate(plan.doc).byteLength;
    for (let round = 0; round < 50; round++)
      plan.assign(unitIds, round % 2 ? "x" : "y");
    const after = Y.encodeStateAsUpdate(plan.doc).byteLength;
    expect(after).toBeLessThan(before * 2);
  });
});
