import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { IncentivesDoc } from "../../../model/doc/incentives-doc.ts";
import { initPlan } from "../../../model/doc/init-plan.ts";
import { PlanningDoc } from "../../../model/doc/planning-doc.ts";
import type { Deal } from "../../../model/incentives/deals/types.ts";
import { validatePlan } from "../../../model/incentives/payout/validate-plan.ts";
import type { IncentiveInputs } from "../../../model/incentives/plan-inputs.ts";
import { planStatementInput } from "../../../model/incentives/plan-statements.ts";
import { buildStatements } from "../../../model/incentives/statements/statements.ts";
import type { Statement } from "../../../model/incentives/statements/types.ts";
import { parseMoney, toCents } from "../../../model/money.ts";
import { derivePlanning } from "../../../model/planning/derive.ts";
import type { PlanningInputs } from "../../../model/planning/inputs.ts";
import { readDemoPlan } from "../../../sync-server/demo.ts";
import {
  demoAccountExecutives,
  DEMO_BOOKINGS,
  DEMO_FISCAL_START,
  demoDeals,
  withDemoIncentives,
} from "../../../sync-server/demo-incentives.ts";
import { withDemoPlanning } from "../../../sync-server/demo-planning.ts";

const dataDir = fileURLToPath(
  new URL("../../../public/data/", import.meta.url),
);

interface DemoAccount {
  id: string;
  unitId: string;
  potential: string;
}

let incentives: IncentiveInputs;
let planning: PlanningInputs;
let aeIds: string[];
let deals: Deal[];
let problems: string[];
let statements: Statement[];

beforeAll(() => {
  const plan = withDemoIncentives(
    withDemoPlanning(readDemoPlan(`${dataDir}demo-plan.json`)),
  );
  const doc = new Y.Doc();
  const planDoc = initPlan(doc, plan);
  incentives = new IncentivesDoc(doc).read();
  planning = new PlanningDoc(doc).read(2028);
  aeIds = demoAccountExecutives(plan);

  const accounts = JSON.parse(
    fs.readFileSync(`${dataDir}accounts.json`, "utf8"),
  ).accounts as DemoAccount[];
  const assignments = planDoc.readAssignments();
  const potentialCents: Record<string, number> = {};
  for (const account of accounts) {
    const territoryId = assignments.get(account.unitId);
    if (territoryId === undefined) continue;
    potentialCents[territoryId] =
      (potentialCents[territoryId] ?? 0) +
      toCents(parseMoney(account.potential));
  }
  const model = derivePlanning(planning, {
    planName: plan.name,
    units: planDoc.readTerritories(),
    potentialCents,
  });

  deals = demoDeals(accounts, aeIds, DEMO_FISCAL_START);
  const result = planStatementInput({
    planCurrency: "USD",
    planning,
    model,
    incentives,
    assignments,
    accounts,
    overrides: planDoc.readOverrides(),
    deals,
  });
  problems = result.problems;
  statements = buildStatements(result.input);
});

describe("demo incentives", () => {
  test("comp plans pass validatePlan", () => {
    expect(incentives.compPlans.map((p) => p.id)).toEqual([
      "demo-comp-ae",
      "demo-comp-specialist",
    ]);
    for (const record of incentives.compPlans) {
      expect(() => validatePlan(record.plan)).not.toThrow();
    }
  });

  test("the AE plan has every component kind", () => {
    const ae = incentives.compPlans[0].plan;
    expect(ae.components.map((c) => c.type)).toEqual([
      "tiered",
      "bonus",
      "spif",
    ]);
    expect(ae.draw).toEqual({ kind: "recoverable", amount: "4000.00" });
    expect(ae.clawback).toEqual({ windowDays: 90 });
  });

  test("every AE has a regional manager of the manager role", () => {
    const managerIds = new Set(
      planning.reps.filter((r) => r.roleId === "demo-mgr").map((r) => r.id),
    );
    expect(aeIds).toHaveLength(18);
    const stored = planning.reps.filter((r) => r.roleId === "demo-ae");
    expect([...aeIds].sort()).toEqual(stored.map((r) => r.id).sort());
    for (const id of aeIds) {
      expect(managerIds.has(incentives.managers[id])).toBe(true);
    }
    expect(incentives.managers["demo-rep-1"]).toBe("demo-staff-5");
    expect(incentives.managers["demo-rep-18"]).toBe("demo-staff-6");
  });

  test("rates cover EUR, GBP and CAD from before the year", () => {
    const currencies = new Set(incentives.rates.map((r) => r.currency));
    expect([...currencies]).toEqual(["CAD", "EUR", "GBP"]);
    for (const currency of currencies) {
      const first = incentives.rates.find((r) => r.currency === currency);
      expect(first?.effectiveFrom).toBe("2027-01-01");
    }
  });
});

describe("demoDeals", () => {
  test("stays within a few thousand generated deals", () => {
    expect(deals.length).toBeGreaterThan(1000);
    expect(deals.length).toBeLessThanOrEqual(5000);
    expect(deals.every((d) => d.generated)).toBe(true);
  });

  test("closes every deal within FY2028", () => {
    expect(deals.every((d) => d.closeDate >= "2027-02-01")).toBe(true);
    expect(deals.every((d) => d.closeDate <= "2028-01-31")).toBe(true);
  });

  test("gives every AE deals", () => {
    const owners = new Set(deals.map((d) => d.owner));
    expect([...owners].sort()).toEqual([...aeIds].sort());
  });

  test("adds up to about the demo bookings", () => {
    const usd = deals
      .filter((d) => d.currency === "USD" && !d.cancels)
      .reduce((sum, d) => sum + toCents(parseMoney(d.amount)), 0);
    const target = toCents(parseMoney(DEMO_BOOKINGS));
    expect(usd).toBeGreaterThan(target * 0.7);
    expect(usd).toBeLessThan(target * 1.1);
  });

  test("is the same on every run", () => {
    const accounts = [
      { id: "a", potential: "1000.00" },
      { id: "b", potential: "3000.00" },
    ];
    expect(demoDeals(accounts, ["r1"], "2027-02-01")).toEqual(
      demoDeals(accounts, ["r1"], "2027-02-01"),
    );
  });
});

describe("demo statements", () => {
  test("no problem names an AE or a deal", () => {
    const aeProblems = problems.filter(
      (p) => aeIds.some((id) => p.includes(`(${id})`)) || p.startsWith("Deal"),
    );
    expect(aeProblems).toEqual([]);
  });

  test("every AE gets 12 statements with credit", () => {
    for (const id of aeIds) {
      const own = statements.filter((s) => s.repId === id);
      expect(own).toHaveLength(12);
      const credited = own.reduce((sum, s) => sum + s.credited.cents, 0);
      expect(credited).toBeGreaterThan(0);
    }
  });

  test("only AEs get statements, since specialists carry no quota", () => {
    const reps = new Set(statements.map((s) => s.repId));
    expect([...reps].sort()).toEqual([...aeIds].sort());
  });

  test("the overlay specialist's missing quota is a problem", () => {
    expect(problems).toContain(
      'Rep "Yara Haddad" (demo-staff-7) has no statement because the quota cascade gives the rep no quota. Give the rep a territory in planning.',
    );
  });
});
