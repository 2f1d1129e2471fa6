import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { PlanDoc } from "../../../model/doc/plan-doc.ts";
import {
  contentHash,
  planContentHash,
  readPlanContent,
} from "../../../model/doc/plan-content.ts";
import { canonicalJson } from "../../../model/versions/canonical.ts";

const territory = (name: string, color: string) => ({
  name,
  color,
  parentId: null,
  ownerId: null,
  locked: false,
  kind: "territory" as const,
});

// Writes of a plan with a value in every top-level map, made straight into
// the maps so that each map has an entry to change.
const steps: ((doc: Y.Doc) => void)[] = [
  (d) => {
    const planDoc = new PlanDoc(d);
    planDoc.meta.set("schemaVersion", 1);
    planDoc.meta.set("planId", "p1");
    planDoc.meta.set("name", "FY27");
    planDoc.meta.set("currency", "USD");
    planDoc.meta.set("datasets", { accounts: "abc" });
  },
  (d) => {
    const planDoc = new PlanDoc(d);
    planDoc.createTerritory({ id: "east", ...territory("East", "#1f77b4") });
    planDoc.createTerritory({ id: "west", ...territory("West", "#ff7f0e") });
  },
  (d) => new PlanDoc(d).assign(["48453"], "east"),
  (d) => new PlanDoc(d).assign(["06037"], "west"),
  (d) => {
    const override = new Y.Map<unknown>();
    override.set("territoryId", "west");
    override.set("effectiveFrom", "2027-01-01");
    override.set("effectiveTo", null);
    d.getMap("overrides").set("acct-1", override);
  },
  (d) => d.getMap("planning").set("fiscalYear", 2027),
  (d) => d.getMap("planning").set("companyQuota", "1000000.00"),
  (d) => d.getMap("targets").set("Enterprise\nFY2027-Q1", "250000.00"),
  (d) => d.getMap("roles").set("ae", entry({ name: "AE", loadedCost: "9.00" })),
  (d) =>
    d.getMap("reps").set("ana", entry({ name: "Ana", territoryId: "east" })),
  (d) => d.getMap("hires").set("h1", entry({ roleId: "ae", count: 1 })),
  (d) => d.getMap("quotas").set("east", { amount: "500000.00" }),
  (d) => d.getMap("priorBookings").set("east", "400000.00"),
  (d) => d.getMap("compPlans").set("cp", entry({ name: "AE plan", plan: {} })),
  (d) => d.getMap("creditingRules").set("r1", { kind: "split", percent: "50" }),
  (d) => d.getMap("rates").set("eur", { currency: "EUR", rate: "1.1" }),
  (d) => d.getMap("managers").set("ana", "ben"),
  (d) => d.getMap("incentiveSettings").set("timeZone", "Europe/Berlin"),
];

function plan(clientId: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  for (const step of steps) doc.transact(() => step(doc));
  return doc;
}

function entry(fields: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map(Object.entries(fields));
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("planContentHash", () => {
  test("returns 64 lowercase hex characters", () => {
    expect(planContentHash(plan(1))).toMatch(/^[0-9a-f]{64}$/);
  });

  test("is the SHA-256 of the canonical content", () => {
    const doc = plan(1);
    const expected = createHash("sha256")
      .update(canonicalJson(readPlanContent(doc)), "utf8")
      .digest("hex");

    expect(planContentHash(doc)).toBe(expected);
    expect(contentHash(readPlanContent(doc))).toBe(expected);
  });

  test("is equal for equal content built differently", () => {
    const a = plan(1);
    const b = new Y.Doc();
    b.clientID = 2;
    // Given: b makes the same writes in reverse order (territories first,
    // so that units can join them), each in its own transaction, with a
    // territory and a unit added and removed again.
    const planB = new PlanDoc(b);
    planB.createTerritory({ id: "north", ...territory("North", "#000000") });
    const rest = steps.filter((_, i) => i !== 1).reverse();
    for (const step of [steps[1]!, ...rest]) step(b);
    planB.assign(["17031", "48453"], "north");
    planB.deleteTerritory("north");
    planB.assign(["48453"], "east");
    planB.updateTerritory("west", { name: "Wast" });
    planB.updateTerritory("west", { name: "West" });

    expect(Y.encodeStateAsUpdate(b)).not.toEqual(Y.encodeStateAsUpdate(a));
    expect(readPlanContent(b)).toEqual(readPlanContent(a));
    expect(planContentHash(b)).toBe(planContentHash(a));
  });

  test("is equal on replicas after concurrent edits", () => {
    const a = plan(1);
    const b = new Y.Doc();
    b.clientID = 2;
    sync(a, b);
    new PlanDoc(a).assign(["48453"], "west");
    new PlanDoc(b).assign(["48453"], "east");
    new PlanDoc(b).assign(["17031"], "east");
    b.getMap("targets").set("Enterprise\nFY2027-Q2", "1.00");
    sync(a, b);

    expect(planContentHash(a)).toBe(planContentHash(b));
  });

  test("reading a document does not write to it", () => {
    const a = plan(1);
    const b = new Y.Doc();
    b.clientID = 2;
    sync(a, b);
    // Concurrent writes of one unit leave two array entries until a
    // YKeyValue cleans them up.
    a.getArray("assignments").push([{ key: "48453", val: "west" }]);
    b.getArray("assignments").push([{ key: "48453", val: "east" }]);
    sync(a, b);
    const before = Y.encodeStateVector(a);

    const content = readPlanContent(a);

    expect(Y.encodeStateVector(a)).toEqual(before);
    expect(content.assignments["48453"]).toBe(
      new PlanDoc(b).territoryOf("48453"),
    );
  });

  const changes: [string, (doc: Y.Doc) => void][] = [
    ["territory name", (d) => territoryEntry(d, "east").set("name", "E")],
    ["territory colour", (d) => territoryEntry(d, "east").set("color", "#0")],
    ["territory lock", (d) => new PlanDoc(d).lockTerritories(["east"])],
    [
      "territory added",
      (d) => new PlanDoc(d).createTerritory(territory("N", "#1")),
    ],
    ["territory deleted", (d) => new PlanDoc(d).deleteTerritory("west")],
    ["assignment moved", (d) => new PlanDoc(d).assign(["48453"], "west")],
    ["assignment removed", (d) => new PlanDoc(d).assign(["48453"], null)],
    ["assignment added", (d) => new PlanDoc(d).assign(["17031"], "east")],
    ["override territory", (d) => overrideEntry(d).set("territoryId", "east")],
    ["override end", (d) => overrideEntry(d).set("effectiveTo", "2027-06-30")],
    ["override removed", (d) => d.getMap("overrides").delete("acct-1")],
    ["fiscal year", (d) => d.getMap("planning").set("fiscalYear", 2028)],
    ["fiscal start", (d) => d.getMap("planning").set("fiscalStartMonth", 2)],
    ["company quota", (d) => d.getMap("planning").set("companyQuota", "1.00")],
    [
      "level rule",
      (d) =>
        d.getMap("planning").set("rule:rep", {
          method: "even",
          overAssignmentPercent: "10",
        }),
    ],
    ["target", (d) => d.getMap("targets").set("Enterprise\nFY2027-Q1", "1")],
    ["role", (d) => mapEntry(d, "roles", "ae").set("loadedCost", "9.01")],
    ["rep", (d) => mapEntry(d, "reps", "ana").set("territoryId", "west")],
    ["hire", (d) => mapEntry(d, "hires", "h1").set("count", 2)],
    ["quota adjustment", (d) => d.getMap("quotas").set("east", { delta: "1" })],
    ["prior bookings", (d) => d.getMap("priorBookings").set("east", "1.00")],
    ["comp plan name", (d) => mapEntry(d, "compPlans", "cp").set("name", "X")],
    [
      "comp plan body",
      (d) => mapEntry(d, "compPlans", "cp").set("plan", { tiers: [] }),
    ],
    [
      "crediting rule",
      (d) => d.getMap("creditingRules").set("r1", { kind: "split" }),
    ],
    [
      "rate",
      (d) => d.getMap("rates").set("eur", { currency: "EUR", rate: "1.2" }),
    ],
    ["manager", (d) => d.getMap("managers").set("ana", "cy")],
    [
      "time zone",
      (d) => d.getMap("incentiveSettings").set("timeZone", "Europe/Paris"),
    ],
    ["plan name", (d) => d.getMap("meta").set("name", "FY28")],
    ["currency", (d) => d.getMap("meta").set("currency", "EUR")],
    ["dataset", (d) => d.getMap("meta").set("datasets", { accounts: "def" })],
    // Readers skip these entries, but they are still edits to review.
    ["invalid rule", (d) => d.getMap("creditingRules").set("r2", "oops")],
    ["invalid rate", (d) => d.getMap("rates").set("bad", 42)],
    ["invalid manager", (d) => d.getMap("managers").set("ben", 7)],
  ];

  test.each(changes)("changes with %s", (_name, change) => {
    const doc = plan(1);
    const before = planContentHash(doc);

    change(doc);

    expect(planContentHash(doc)).not.toBe(before);
  });

  const ignored: [string, (doc: Y.Doc) => void][] = [
    [
      "cell history",
      (d) =>
        d.getArray("cellHistory").push([
          {
            cell: "adj:east",
            from: null,
            to: "1",
            personId: "u1",
            name: "Ana",
            at: "2027-01-01T00:00:00.000Z",
          },
        ]),
    ],
    ["plan id", (d) => d.getMap("meta").set("planId", "p2")],
    ["scenario source", (d) => d.getMap("meta").set("scenarioOf", "p0")],
    [
      "a change undone",
      (d) => {
        territoryEntry(d, "east").set("name", "E");
        territoryEntry(d, "east").set("name", "East");
      },
    ],
  ];

  test.each(ignored)("ignores %s", (_name, change) => {
    const doc = plan(1);
    const before = planContentHash(doc);

    change(doc);

    expect(planContentHash(doc)).toBe(before);
  });
});

describe("readPlanContent", () => {
  test("reads stored values as plain JSON", () => {
    const content = readPlanContent(plan(1));

    expect(content.meta).toEqual({
      schemaVersion: 1,
      name: "FY27",
      currency: "USD",
      datasets: { accounts: "abc" },
    });
    expect(content.assignments).toEqual({ "48453": "east", "06037": "west" });
    expect(content.overrides).toEqual({
      "acct-1": {
        territoryId: "west",
        effectiveFrom: "2027-01-01",
        effectiveTo: null,
      },
    });
    expect(content.roles).toEqual({ ae: { name: "AE", loadedCost: "9.00" } });
  });

  test("keeps entries that readers skip", () => {
    const doc = plan(1);
    doc.getMap("creditingRules").set("r2", "oops");

    expect(readPlanContent(doc).creditingRules["r2"]).toBe("oops");
  });
});

function territoryEntry(doc: Y.Doc, id: string): Y.Map<unknown> {
  return mapEntry(doc, "territories", id);
}

function overrideEntry(doc: Y.Doc): Y.Map<unknown> {
  return mapEntry(doc, "overrides", "acct-1");
}

function mapEntry(doc: Y.Doc, name: string, id: string): Y.Map<unknown> {
  return doc.getMap<Y.Map<unknown>>(name).get(id)!;
}
