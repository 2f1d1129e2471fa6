import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { PlanningDoc } from "../../../model/doc/planning-doc.ts";
import {
  adjustmentChange,
  entryChange,
  levelRuleChange,
  targetChange,
} from "../../../model/doc/planning-edits.ts";
import { seedPlanning } from "../../../model/doc/planning-seed.ts";
import {
  applyPlanningChanges,
  type EditContext,
} from "../../../model/doc/planning-write.ts";
import { newIssue, PlanningEditError } from "../../../model/planning/check.ts";
import { derivePlanning } from "../../../model/planning/derive.ts";
import { FIXTURE_CONTEXT, planningFixture } from "../planning/fixture.ts";

function seeded(): PlanningDoc {
  const planning = new PlanningDoc(new Y.Doc());
  planning.doc.transact(() => seedPlanning(planning, planningFixture()));
  return planning;
}

function as(name: string, planning: PlanningDoc): EditContext {
  return {
    personId: `p-${name}`,
    name,
    at: "2026-12-04T10:00:00.000Z",
    fallbackYear: 2027,
    check: (candidate) => {
      const before = derivePlanning(planning.read(2027), FIXTURE_CONTEXT);
      const issue = newIssue(
        before,
        derivePlanning(candidate, FIXTURE_CONTEXT),
      );
      if (issue) throw new PlanningEditError(issue);
    },
  };
}

function quotaOf(planning: PlanningDoc, nodeId: string) {
  const model = derivePlanning(planning.read(2027), FIXTURE_CONTEXT);
  return model.quota?.quotas.find((q) => q.nodeId === nodeId)?.annual;
}

describe("PlanningDoc", () => {
  it("reads back the seeded inputs", () => {
    const inputs = seeded().read(2030);

    expect(inputs).toEqual(planningFixture());
  });

  it("reads defaults from an empty document", () => {
    const inputs = new PlanningDoc(new Y.Doc()).read(2030);

    expect(inputs.fiscalYear).toBe(2030);
    expect(inputs.fiscalStartMonth).toBe(1);
    expect(inputs.quota.levels.rep.method).toBe("even");
    expect(inputs.targets).toEqual([]);
  });
});

describe("applyPlanningChanges", () => {
  it("records adjustment history", () => {
    const planning = seeded();

    applyPlanningChanges(
      planning,
      [adjustmentChange(planning, "ana", { amount: "300000.00" })],
      as("Dana", planning),
    );

    expect(quotaOf(planning, "ana")).toBe("300000.00");
    expect(quotaOf(planning, "ben")).toBe("180000.00");
    expect(planning.readHistory("adj:ana")).toEqual([
      {
        cell: "adj:ana",
        from: null,
        to: "= 300000.00",
        personId: "p-Dana",
        name: "Dana",
        at: "2026-12-04T10:00:00.000Z",
      },
    ]);
  });

  it("rejects a negative sibling remainder", () => {
    const planning = seeded();
    const before = Y.encodeStateVector(planning.doc);

    expect(() =>
      applyPlanningChanges(
        planning,
        [adjustmentChange(planning, "ana", { amount: "500000.00" })],
        as("Dana", planning),
      ),
    ).toThrow(/territory "Boston".*-20000\.00/);
    expect(Y.encodeStateVector(planning.doc)).toEqual(before);
    expect(planning.readHistory()).toEqual([]);
  });

  it("rejects blend weights off 1", () => {
    const planning = seeded();

    expect(() =>
      applyPlanningChanges(
        planning,
        [
          levelRuleChange(planning, "territory", {
            method: "blend",
            blendWeights: { potential: "0.5", even: "0.4" },
            overAssignmentPercent: "0",
          }),
        ],
        as("Dana", planning),
      ),
    ).toThrow(/sum/);
    expect(planning.read(2027).quota.levels.territory.method).toBe("potential");
  });

  it("rejects a ramp below 100%", () => {
    const planning = seeded();
    const role = { ...planningFixture().roles[0], rampPercents: ["50", "90"] };

    expect(() =>
      applyPlanningChanges(
        planning,
        [entryChange(planning, "roles", "ae", role)],
        as("Dana", planning),
      ),
    ).toThrow(/100/);
    expect(planning.read(2027).roles[0].rampPercents).toEqual(["50", "100"]);
  });

  it("rejects a negative target", () => {
    const planning = seeded();

    expect(() =>
      applyPlanningChanges(
        planning,
        [targetChange(planning, "Enterprise", "FY2027-Q1", "-5.00")],
        as("Dana", planning),
      ),
    ).toThrow(/negative: -5\.00/);
  });

  it("applies cells in one transaction", () => {
    const planning = seeded();
    let transactions = 0;
    planning.doc.on("afterTransaction", () => transactions++);

    applyPlanningChanges(
      planning,
      [
        targetChange(planning, "Enterprise", "FY2027-Q1", "400000.00"),
        targetChange(planning, "Enterprise", "FY2027-Q2", "400000.00"),
        targetChange(planning, "Enterprise", "FY2027-Q3", "300000.00"),
      ],
      as("Dana", planning),
    );

    expect(transactions).toBe(1);
    expect(planning.readHistory().map((c) => c.cell)).toEqual([
      "target:Enterprise\nFY2027-Q1",
      "target:Enterprise\nFY2027-Q2",
    ]);
  });
});

describe("concurrent planning edits", () => {
  it("merge into quotas that add up", () => {
    const a = seeded();
    const b = new PlanningDoc(new Y.Doc());
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));

    applyPlanningChanges(
      a,
      [adjustmentChange(a, "ana", { amount: "400000.00" })],
      as("Ana", a),
    );
    applyPlanningChanges(
      b,
      [adjustmentChange(b, "nyc", { delta: "60000.00" })],
      as("Ben", b),
    );
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));

    const model = derivePlanning(a.read(2027), FIXTURE_CONTEXT);
    const quotas = new Map(model.quota!.quotas.map((q) => [q.nodeId, q]));
    expect(quotas.get("nyc")!.annual).toBe("300000.00");
    expect(quotas.get("bos")!.annual).toBe("420000.00");
    expect(quotas.get("ana")!.annual).toBe("400000.00");
    expect(quotas.get("ben")!.annual).toBe("20000.00");
    expect(b.read(2027)).toEqual(a.read(2027));
  });
});
