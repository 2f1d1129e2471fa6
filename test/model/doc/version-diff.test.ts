import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { setOverride } from "../../../model/doc/account-overrides.ts";
import { initPlan } from "../../../model/doc/init-plan.ts";
import { PlanDoc } from "../../../model/doc/plan-doc.ts";
import { diffPlanDocs, readDiffPlan } from "../../../model/doc/version-diff.ts";
import { planningFixture } from "../planning/fixture.ts";
import { ACCOUNTS } from "../versions/fixture.ts";

const data = { accounts: ACCOUNTS, asOf: "2027-06-01", fallbackYear: 2030 };

const territory = (name: string, parentId: string | null) => ({
  name,
  color: "#1f77b4",
  parentId,
  ownerId: null,
  locked: false,
  kind: parentId === null ? ("region" as const) : ("territory" as const),
});

function plan(): Y.Doc {
  const doc = new Y.Doc();
  const { quota, ...planning } = planningFixture();
  initPlan(doc, {
    planId: "p1",
    name: "Acme",
    territories: [
      { id: "east", ...territory("East", null) },
      { id: "west", ...territory("West", null) },
      { id: "bos", ...territory("Boston", "east") },
      { id: "nyc", ...territory("New York", "east") },
      { id: "sea", ...territory("Seattle", "west") },
    ],
    assignments: [
      ["25025", "bos"],
      ["36047", "nyc"],
      ["36061", "nyc"],
      ["53033", "sea"],
    ],
    planning: { ...planning, quota: { levels: quota.levels } },
  });
  return doc;
}

function copy(doc: Y.Doc): Y.Doc {
  const result = new Y.Doc();
  Y.applyUpdate(result, Y.encodeStateAsUpdate(doc));
  return result;
}

describe("diffPlanDocs", () => {
  test("finds nothing between copies", () => {
    const a = plan();

    const diff = diffPlanDocs(a, copy(a), data);

    expect(diff.counts).toEqual({
      counties: 0,
      accounts: 0,
      territoriesAdded: 0,
      territoriesRemoved: 0,
      territoriesRenamed: 0,
      territoryQuotas: 0,
      repQuotas: 0,
      repCapacity: 0,
    });
    expect(diff.missing).toEqual([]);
  });

  test("reads edits of the documents", () => {
    const a = plan();
    const b = copy(a);
    const planB = new PlanDoc(b);
    planB.assign(["36061"], "bos");
    planB.updateTerritory("sea", { name: "Seattle North" });
    setOverride(
      planB,
      {
        accountId: "a1",
        territoryId: "nyc",
        effectiveFrom: "2027-01-01",
        effectiveTo: null,
      },
      "25025",
    );

    const diff = diffPlanDocs(a, b, data);

    // Boston loses Alpha (400,000.00) to New York and gains Beta (200,000.00).
    expect(diff.counties.map((c) => [c.unitId, c.from?.id, c.to?.id])).toEqual([
      ["36061", "nyc", "bos"],
    ]);
    expect(
      diff.accounts.map((m) => [m.accountId, m.from?.id, m.to?.id]),
    ).toEqual([
      ["a1", "bos", "nyc"],
      ["a2", "nyc", "bos"],
    ]);
    expect(diff.territories).toEqual([
      { kind: "renamed", id: "sea", from: "Seattle", to: "Seattle North" },
    ]);
    expect(diff.territoryQuotas.map((q) => [q.id, q.a, q.b])).toEqual([
      ["bos", "400000.00", "200000.00"],
      ["nyc", "400000.00", "600000.00"],
    ]);
  });
});

describe("readDiffPlan", () => {
  test("uses the fallback year without one stored", () => {
    const doc = new Y.Doc();
    initPlan(doc, { planId: "p2", name: "Empty" });

    const read = readDiffPlan(doc, 2031);

    expect(read.planning.fiscalYear).toBe(2031);
    expect(read.name).toBe("Empty");
    expect(read.territories).toEqual([]);
  });
});
