import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { setOverride } from "../../../model/doc/account-overrides.ts";
import {
  setManager,
  setRate,
  setTimeZone,
} from "../../../model/doc/incentives-edits.ts";
import { IncentivesDoc } from "../../../model/doc/incentives-doc.ts";
import { initPlan } from "../../../model/doc/init-plan.ts";
import { planContentHash } from "../../../model/doc/plan-content.ts";
import { PlanDoc } from "../../../model/doc/plan-doc.ts";
import { PlanningDoc } from "../../../model/doc/planning-doc.ts";
import { restorePlanState } from "../../../model/doc/restore.ts";
import {
  COMP_PLANS,
  CREDITING_RULES,
  HIRES,
  INCENTIVE_SETTINGS,
  MANAGERS,
  META,
  OVERRIDES,
  PLANNING,
  PRIOR_BOOKINGS,
  QUOTA_ADJUSTMENTS,
  RATES,
  REPS,
  ROLES,
  TARGETS,
  TERRITORIES,
} from "../../../model/doc/schema.ts";

const CONTENT_MAPS = [
  META,
  TERRITORIES,
  OVERRIDES,
  PLANNING,
  TARGETS,
  ROLES,
  REPS,
  HIRES,
  QUOTA_ADJUSTMENTS,
  PRIOR_BOOKINGS,
  COMP_PLANS,
  CREDITING_RULES,
  RATES,
  MANAGERS,
  INCENTIVE_SETTINGS,
];

const territory = (name: string, color: string) => ({
  name,
  color,
  parentId: null,
  ownerId: null,
  locked: false,
  kind: "territory" as const,
});

/** Creates a plan with two territories, three counties, an override and inputs. */
function livePlan(): PlanDoc {
  const planDoc = initPlan(new Y.Doc(), {
    planId: "plan-1",
    name: "FY27",
    territories: [
      { id: "east", ...territory("East", "#1f77b4") },
      { id: "west", ...territory("West", "#ff7f0e") },
    ],
    assignments: [
      ["48453", "east"],
      ["48201", "east"],
      ["06037", "west"],
    ],
  });
  setOverride(
    planDoc,
    {
      accountId: "travis",
      territoryId: "west",
      effectiveFrom: null,
      effectiveTo: null,
    },
    "48453",
  );
  const planning = new PlanningDoc(planDoc.doc);
  planning.targets.set("all\nQ1", "1000.00");
  planning.adjustments.set("east", { amount: "500.00" });
  setRate(planDoc.doc, {
    id: "eur",
    currency: "EUR",
    effectiveFrom: "2027-01-01",
    rate: "1.08",
  });
  setManager(planDoc.doc, "rep-a", "rep-b");
  return planDoc;
}

/** Copies the document, as the server rebuilds a saved version. */
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function contentOf(doc: Y.Doc): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  for (const name of CONTENT_MAPS) content[name] = doc.getMap(name).toJSON();
  const { name, currency, datasets } = new PlanDoc(doc).readMeta();
  content.meta = { name, currency, datasets };
  const assignments = [...new PlanDoc(doc).readAssignments()].sort();
  return { ...content, assignments };
}

/** Edits every kind of content after the version was taken. */
function editAfterVersion(planDoc: PlanDoc): void {
  const doc = planDoc.doc;
  planDoc.meta.set("name", "FY27 final");
  planDoc.meta.set("datasets", { accounts: "b".repeat(64) });
  const north = planDoc.createTerritory(territory("North", "#2ca02c"));
  planDoc.assign(["48453", "17031"], north);
  planDoc.updateTerritory("west", { name: "West Coast", color: "#d62728" });
  planDoc.deleteTerritory("east", "west");
  setOverride(
    planDoc,
    {
      accountId: "harris",
      territoryId: north,
      effectiveFrom: "2027-04-01",
      effectiveTo: null,
    },
    "48201",
  );
  const planning = new PlanningDoc(doc);
  planning.targets.set("all\nQ1", "1200.00");
  planning.targets.set("all\nQ2", "800.00");
  planning.adjustments.delete("east");
  setRate(doc, {
    id: "gbp",
    currency: "GBP",
    effectiveFrom: "2027-01-01",
    rate: "1.27",
  });
  setManager(doc, "rep-a", null);
  setTimeZone(doc, "America/Chicago");
}

describe("restorePlanState", () => {
  test("makes the content equal to the version", () => {
    const live = livePlan();
    const version = copyOf(live.doc);
    editAfterVersion(live);
    expect(contentOf(live.doc)).not.toEqual(contentOf(version));

    restorePlanState(live.doc, version, "restore");

    expect(contentOf(live.doc)).toEqual(contentOf(version));
    expect(planContentHash(live.doc)).toBe(planContentHash(version));
    expect(live.readAssignments()).toEqual(
      new PlanDoc(version).readAssignments(),
    );
    expect(live.readTerritory("east")?.name).toBe("East");
  });

  test("removes entries added after the version", () => {
    const live = livePlan();
    const version = copyOf(live.doc);
    editAfterVersion(live);

    restorePlanState(live.doc, version, "restore");

    expect(live.readTerritories().map((t) => t.name)).toEqual(["East", "West"]);
    expect(live.territoryOf("17031")).toBeNull();
    expect(live.readOverrides().map((o) => o.accountId)).toEqual(["travis"]);
    expect(new PlanningDoc(live.doc).targets.has("all\nQ2")).toBe(false);
    const incentives = new IncentivesDoc(live.doc);
    expect(incentives.readRates().map((r) => r.id)).toEqual(["eur"]);
    expect(incentives.settings.size).toBe(0);
  });

  test("writes one transaction with the origin", () => {
    const live = livePlan();
    const version = copyOf(live.doc);
    editAfterVersion(live);
    const origins: unknown[] = [];
    live.doc.on("afterTransaction", (transaction) => {
      if (transaction.changed.size > 0) origins.push(transaction.origin);
    });

    restorePlanState(live.doc, version, "restore");

    expect(origins).toEqual(["restore"]);
  });

  test("writes nothing when the content is already equal", () => {
    const live = livePlan();
    const version = copyOf(live.doc);
    let updates = 0;
    live.doc.on("update", () => updates++);

    restorePlanState(live.doc, version, "restore");

    expect(updates).toBe(0);
  });

  test("undo manager takes it back in one step", () => {
    const live = livePlan();
    const version = copyOf(live.doc);
    editAfterVersion(live);
    const before = contentOf(live.doc);
    const origin = { person: "p1" };
    const undoManager = new Y.UndoManager(
      [
        live.meta,
        live.territories,
        live.assignmentArray,
        live.overrides,
        ...new PlanningDoc(live.doc).undoScope(),
        ...new IncentivesDoc(live.doc).undoScope(),
      ],
      { trackedOrigins: new Set([origin]) },
    );

    restorePlanState(live.doc, version, origin);
    expect(undoManager.undoStack).toHaveLength(1);
    undoManager.undo();

    expect(contentOf(live.doc)).toEqual(before);
    expect(undoManager.undoStack).toHaveLength(0);
  });

  test("keeps plan id and cell history", () => {
    const live = livePlan();
    const version = copyOf(live.doc);
    version.getMap("meta").set("planId", "other-plan");
    version.getMap("meta").set("scenarioOf", "plan-0");
    version.getMap("meta").set("name", "FY27 draft");
    new PlanningDoc(live.doc).history.push([
      {
        cell: "target:all\nQ1",
        from: "1000.00",
        to: "1200.00",
        personId: "p1",
        name: "Ada",
        at: "2027-01-02T00:00:00.000Z",
      },
    ]);

    restorePlanState(live.doc, version, "restore");

    expect(live.readMeta().planId).toBe("plan-1");
    expect(live.readMeta().scenarioOf).toBeNull();
    expect(live.readMeta().name).toBe("FY27 draft");
    expect(new PlanningDoc(live.doc).readHistory()).toHaveLength(1);
  });

  test("keeps the assignment store of an open PlanDoc current", () => {
    const live = livePlan();
    const version = copyOf(live.doc);
    live.assign(["48453", "48201"], "west");
    live.assign(["48453"], "east");

    restorePlanState(live.doc, version, "restore");

    expect(live.territoryOf("48453")).toBe("east");
    expect(live.territoryOf("48201")).toBe("east");
    expect(live.assignmentArray.length).toBe(3);
  });

  test("reaches a peer that edited concurrently", () => {
    const live = livePlan();
    const version = copyOf(live.doc);
    const peer = new PlanDoc(copyOf(live.doc));
    live.assign(["48453"], "west");
    peer.assign(["06037"], "east");
    Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(live.doc));
    Y.applyUpdate(live.doc, Y.encodeStateAsUpdate(peer.doc));

    restorePlanState(live.doc, version, "restore");
    Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(live.doc));

    expect(peer.readAssignments()).toEqual(
      new PlanDoc(version).readAssignments(),
    );
    expect(contentOf(peer.doc)).toEqual(contentOf(version));
  });

  test("rejects another schema version", () => {
    const live = livePlan();
    const version = copyOf(live.doc);
    version.getMap("meta").set("schemaVersion", 99);
    live.assign(["48453"], "west");

    expect(() => restorePlanState(live.doc, version, "restore")).toThrow(
      /schema 99 into a plan of schema 1/,
    );
    expect(live.territoryOf("48453")).toBe("west");
  });
});
