import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { IncentivesDoc } from "../../../model/doc/incentives-doc.ts";
import {
  deleteCompPlan,
  deleteCreditingRule,
  deleteRate,
  IncentivesEditError,
  seedIncentives,
  setCompPlan,
  setCreditingRule,
  setManager,
  setRate,
  setTimeZone,
} from "../../../model/doc/incentives-edits.ts";
import type { CreditingRule } from "../../../model/incentives/crediting/types.ts";
import type { CompPlanRecord } from "../../../model/incentives/plan-inputs.ts";

const aePlan = (): CompPlanRecord => ({
  id: "plan-ae",
  name: "AE plan",
  roleIds: ["role-ae"],
  plan: {
    components: [
      { id: "base", label: "Commission", type: "commission", rate: "0.08" },
    ],
  },
});

const overlayRule: CreditingRule = {
  id: "rule-overlay",
  kind: "overlay",
  repId: "rep-9",
  product: "Analytics",
  effectiveFrom: "2027-02-01",
  effectiveTo: null,
};

const eurRate = {
  id: "rate-eur",
  currency: "EUR",
  effectiveFrom: "2027-01-01",
  rate: "1.0850",
};

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** Runs an edit that must fail and returns its error, checking the doc is unchanged. */
function rejected(doc: Y.Doc, edit: () => void): IncentivesEditError {
  const before = Y.encodeStateVector(doc);
  let caught: unknown = null;
  try {
    edit();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(IncentivesEditError);
  expect(Y.encodeStateVector(doc)).toEqual(before);
  return caught as IncentivesEditError;
}

describe("setCompPlan", () => {
  test("stores a plan that read returns", () => {
    const doc = new Y.Doc();
    setCompPlan(doc, aePlan());
    expect(new IncentivesDoc(doc).read().compPlans).toEqual([aePlan()]);
  });

  test("writes with the given origin in one transaction", () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    setCompPlan(doc, aePlan(), "designer");
    expect(origins).toEqual(["designer"]);
  });

  test("rejects a blank name and writes nothing", () => {
    const doc = new Y.Doc();
    const error = rejected(doc, () =>
      setCompPlan(doc, { ...aePlan(), name: "  " }),
    );
    expect(error.field).toBe("name");
    expect(error.message).toContain("1 to 80 characters");
  });

  test("rejects a name over 80 characters", () => {
    const doc = new Y.Doc();
    const error = rejected(doc, () =>
      setCompPlan(doc, { ...aePlan(), name: "x".repeat(81) }),
    );
    expect(error.field).toBe("name");
  });

  test("accepts a name of exactly 80 characters", () => {
    const doc = new Y.Doc();
    setCompPlan(doc, { ...aePlan(), name: "x".repeat(80) });
    expect(new IncentivesDoc(doc).read().compPlans[0].name).toHaveLength(80);
  });

  test("rejects an invalid plan with the field at fault", () => {
    const doc = new Y.Doc();
    const bad = aePlan();
    bad.plan.components[0] = {
      id: "base",
      label: "Commission",
      type: "commission",
      rate: "eight",
    };
    const error = rejected(doc, () => setCompPlan(doc, bad));
    expect(error.field).toBe("plan.components[0].rate");
    expect(error.value).toBe("eight");
    expect(error.message).toContain('Comp plan "AE plan" was not saved');
  });

  test("rejects a role listed twice", () => {
    const doc = new Y.Doc();
    const error = rejected(doc, () =>
      setCompPlan(doc, { ...aePlan(), roleIds: ["role-ae", "role-ae"] }),
    );
    expect(error.field).toBe("roleIds");
    expect(error.value).toBe("role-ae");
  });

  test("rejects a blank id", () => {
    const doc = new Y.Doc();
    const error = rejected(doc, () =>
      setCompPlan(doc, { ...aePlan(), id: "" }),
    );
    expect(error.field).toBe("comp plan id");
  });

  test("concurrent edits of name and roles both survive", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    setCompPlan(a, aePlan());
    sync(a, b);

    setCompPlan(a, { ...aePlan(), name: "AE plan FY2028" });
    setCompPlan(b, { ...aePlan(), roleIds: ["role-ae", "role-overlay"] });
    sync(a, b);

    const expected = {
      ...aePlan(),
      name: "AE plan FY2028",
      roleIds: ["role-ae", "role-overlay"],
    };
    expect(new IncentivesDoc(a).read().compPlans).toEqual([expected]);
    expect(new IncentivesDoc(b).read().compPlans).toEqual([expected]);
  });

  test("plans added on two replicas both survive", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    setCompPlan(a, aePlan());
    setCompPlan(b, { ...aePlan(), id: "plan-se", name: "SE plan" });
    sync(a, b);
    const names = new IncentivesDoc(b).read().compPlans.map((p) => p.name);
    expect(names).toEqual(["AE plan", "SE plan"]);
    expect(new IncentivesDoc(a).read()).toEqual(new IncentivesDoc(b).read());
  });
});

describe("deleteCompPlan", () => {
  test("removes the plan", () => {
    const doc = new Y.Doc();
    setCompPlan(doc, aePlan());
    deleteCompPlan(doc, "plan-ae");
    expect(new IncentivesDoc(doc).read().compPlans).toEqual([]);
  });

  test("rejects an unknown id and writes nothing", () => {
    const doc = new Y.Doc();
    const error = rejected(doc, () => deleteCompPlan(doc, "plan-x"));
    expect(error.value).toBe("plan-x");
  });
});

describe("setCreditingRule", () => {
  test("stores a rule that read returns", () => {
    const doc = new Y.Doc();
    setCreditingRule(doc, overlayRule);
    expect(new IncentivesDoc(doc).read().creditingRules).toEqual([overlayRule]);
  });

  test("rejects an overlay rule with neither product nor territory", () => {
    const doc = new Y.Doc();
    const rule = { ...overlayRule, product: undefined };
    const error = rejected(doc, () => setCreditingRule(doc, rule));
    expect(error.field).toBe("product");
  });

  test("rejects a period that ends before it starts", () => {
    const doc = new Y.Doc();
    const rule = { ...overlayRule, effectiveTo: "2027-01-31" };
    const error = rejected(doc, () => setCreditingRule(doc, rule));
    expect(error.field).toBe("effectiveTo");
    expect(error.value).toBe("2027-01-31");
  });

  test("rejects an unknown kind", () => {
    const doc = new Y.Doc();
    const rule = { ...overlayRule, kind: "bonus" } as unknown as CreditingRule;
    const error = rejected(doc, () => setCreditingRule(doc, rule));
    expect(error.field).toBe("kind");
  });

  test("deleteCreditingRule removes the rule", () => {
    const doc = new Y.Doc();
    setCreditingRule(doc, overlayRule);
    deleteCreditingRule(doc, overlayRule.id);
    expect(new IncentivesDoc(doc).read().creditingRules).toEqual([]);
  });

  test("deleteCreditingRule rejects an unknown id", () => {
    const doc = new Y.Doc();
    rejected(doc, () => deleteCreditingRule(doc, "rule-x"));
  });
});

describe("setRate", () => {
  test("stores rates sorted by currency then date", () => {
    const doc = new Y.Doc();
    setRate(doc, { ...eurRate, id: "r2", effectiveFrom: "2027-07-01" });
    setRate(doc, {
      id: "r3",
      currency: "CAD",
      effectiveFrom: "2027-01-01",
      rate: "0.7350",
    });
    setRate(doc, eurRate);
    const ids = new IncentivesDoc(doc).read().rates.map((r) => r.id);
    expect(ids).toEqual(["r3", "rate-eur", "r2"]);
  });

  test("rejects a zero rate and writes nothing", () => {
    const doc = new Y.Doc();
    const error = rejected(doc, () => setRate(doc, { ...eurRate, rate: "0" }));
    expect(error.field).toBe("rate");
    expect(error.message).toContain("positive decimal");
  });

  test("rejects a lowercase currency", () => {
    const doc = new Y.Doc();
    const error = rejected(doc, () =>
      setRate(doc, { ...eurRate, currency: "eur" }),
    );
    expect(error.message).toContain("3-letter ISO 4217 code");
  });

  test("rejects a second rate for one currency and date", () => {
    const doc = new Y.Doc();
    setRate(doc, eurRate);
    const error = rejected(doc, () =>
      setRate(doc, { ...eurRate, id: "rate-eur-2", rate: "1.09" }),
    );
    expect(error.field).toBe("effectiveFrom");
    expect(error.message).toContain('rate "rate-eur"');
  });

  test("replaces a rate under its own id", () => {
    const doc = new Y.Doc();
    setRate(doc, eurRate);
    setRate(doc, { ...eurRate, rate: "1.0900" });
    expect(new IncentivesDoc(doc).read().rates).toEqual([
      { ...eurRate, rate: "1.0900" },
    ]);
  });

  test("deleteRate removes the rate", () => {
    const doc = new Y.Doc();
    setRate(doc, eurRate);
    deleteRate(doc, eurRate.id);
    expect(new IncentivesDoc(doc).read().rates).toEqual([]);
  });
});

describe("setManager", () => {
  test("sets and clears a manager", () => {
    const doc = new Y.Doc();
    setManager(doc, "rep-1", "mgr-1");
    expect(new IncentivesDoc(doc).read().managers).toEqual({
      "rep-1": "mgr-1",
    });
    setManager(doc, "rep-1", null);
    expect(new IncentivesDoc(doc).read().managers).toEqual({});
  });

  test("rejects a rep as their own manager", () => {
    const doc = new Y.Doc();
    const error = rejected(doc, () => setManager(doc, "rep-1", "rep-1"));
    expect(error.field).toBe("managerId");
    expect(error.message).toContain("cannot be their own manager");
  });

  test("rejects a cycle and names the loop", () => {
    const doc = new Y.Doc();
    setManager(doc, "rep-1", "mgr-1");
    setManager(doc, "mgr-1", "vp-1");
    const error = rejected(doc, () => setManager(doc, "vp-1", "rep-1"));
    expect(error.message).toContain("vp-1 -> rep-1 -> mgr-1 -> vp-1");
  });

  test("rejects a blank manager id", () => {
    const doc = new Y.Doc();
    const error = rejected(doc, () => setManager(doc, "rep-1", " "));
    expect(error.field).toBe("manager id");
  });
});

describe("setTimeZone", () => {
  test("stores a zone that read returns", () => {
    const doc = new Y.Doc();
    setTimeZone(doc, "America/Los_Angeles");
    expect(new IncentivesDoc(doc).read().timeZone).toBe("America/Los_Angeles");
    expect(new IncentivesDoc(doc).readTimeZone()).toBe("America/Los_Angeles");
  });

  test("read leaves timeZone out when unset", () => {
    const read = new IncentivesDoc(new Y.Doc()).read();
    expect("timeZone" in read).toBe(false);
  });

  test("writes with the given origin in one transaction", () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    setTimeZone(doc, "Europe/Berlin", "designer");
    expect(origins).toEqual(["designer"]);
  });

  test("drops surrounding spaces", () => {
    const doc = new Y.Doc();
    setTimeZone(doc, "  Europe/Berlin ");
    expect(new IncentivesDoc(doc).readTimeZone()).toBe("Europe/Berlin");
  });

  test("rejects an unknown zone and writes nothing", () => {
    const doc = new Y.Doc();
    setTimeZone(doc, "UTC");
    const error = rejected(doc, () => setTimeZone(doc, "Mars/Olympus_Mons"));
    expect(error.field).toBe("timeZone");
    expect(error.value).toBe("Mars/Olympus_Mons");
    expect(error.message).toBe(
      'Time zone "Mars/Olympus_Mons" was not saved because it is not an IANA time zone name. Write one such as "America/Los_Angeles", "Europe/Berlin" or "UTC", or clear it to use UTC.',
    );
    expect(new IncentivesDoc(doc).readTimeZone()).toBe("UTC");
  });

  test("rejects an offset and a blank zone", () => {
    const doc = new Y.Doc();
    expect(rejected(doc, () => setTimeZone(doc, "+01:00")).value).toBe(
      "+01:00",
    );
    expect(rejected(doc, () => setTimeZone(doc, " ")).field).toBe("timeZone");
  });

  test("null clears the zone", () => {
    const doc = new Y.Doc();
    setTimeZone(doc, "Asia/Tokyo");
    setTimeZone(doc, null);
    expect(new IncentivesDoc(doc).readTimeZone()).toBeNull();
    expect("timeZone" in new IncentivesDoc(doc).read()).toBe(false);
  });

  test("an unchanged zone writes nothing", () => {
    const doc = new Y.Doc();
    setTimeZone(doc, "Asia/Tokyo");
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    setTimeZone(doc, "Asia/Tokyo");
    setTimeZone(new Y.Doc(), null);
    expect(transactions).toBe(0);
  });

  test("concurrent zone and manager edits both survive", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    setTimeZone(a, "America/New_York");
    setManager(b, "rep-1", "mgr-1");
    sync(a, b);
    for (const doc of [a, b]) {
      const read = new IncentivesDoc(doc).read();
      expect(read.timeZone).toBe("America/New_York");
      expect(read.managers).toEqual({ "rep-1": "mgr-1" });
    }
  });
});

describe("seedIncentives", () => {
  test("writes every input in one transaction", () => {
    const doc = new Y.Doc();
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    const inputs = {
      compPlans: [aePlan()],
      creditingRules: [overlayRule],
      rates: [eurRate],
      managers: { "rep-1": "mgr-1" },
    };
    seedIncentives(doc, inputs);
    expect(transactions).toBe(1);
    expect(new IncentivesDoc(doc).read()).toEqual(inputs);
  });

  test("writes the time zone", () => {
    const doc = new Y.Doc();
    const inputs = {
      compPlans: [],
      creditingRules: [],
      rates: [],
      managers: {},
      timeZone: "America/Chicago",
    };
    seedIncentives(doc, inputs);
    expect(new IncentivesDoc(doc).read()).toEqual(inputs);
  });

  test("rejects an unknown time zone", () => {
    const doc = new Y.Doc();
    const inputs = {
      compPlans: [aePlan()],
      creditingRules: [],
      rates: [],
      managers: {},
      timeZone: "Nowhere/Nothing",
    };
    expect(() => seedIncentives(doc, inputs)).toThrow(IncentivesEditError);
  });
});

describe("IncentivesDoc", () => {
  test("undoScope lets an undo manager revert an edit", () => {
    const doc = new Y.Doc();
    const incentives = new IncentivesDoc(doc);
    const undo = new Y.UndoManager(incentives.undoScope(), {
      trackedOrigins: new Set(["designer"]),
    });
    setCompPlan(doc, aePlan(), "designer");
    setManager(doc, "rep-1", "mgr-1", "designer");
    setTimeZone(doc, "Europe/Berlin", "designer");
    undo.undo();
    expect(incentives.readTimeZone()).toBeNull();
    undo.undo();
    undo.undo();
    expect(incentives.read()).toEqual({
      compPlans: [],
      creditingRules: [],
      rates: [],
      managers: {},
    });
  });
});
