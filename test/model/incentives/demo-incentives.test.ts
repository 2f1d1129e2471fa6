import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { IncentivesDoc } from "../../../model/doc/incentives-doc.ts";
import { initPlan } from "../../../model/doc/init-plan.ts";
import { PlanningDoc } from "../../../model/doc/planning-doc.ts";
import type { Deal } from "../../../model/incentives/deals/types.ts";
import { validatePlan } from "../../../model/incentives/payout/validate-plan.ts";
import type { NewPlan } from "../../../model/doc/init-plan.ts";
import type { IncentiveInputs } from "../../../model/incentives/plan-inputs.ts";
import {
  planStatementInput,
  withQuotaTraces,
} from "../../../model/incentives/plan-statements.ts";
import type { StatementInput } from "../../../model/incentives/statements/types.ts";
import { buildStatements } from "../../../model/incentives/statements/statements.ts";
import type { Statement } from "../../../model/incentives/statements/types.ts";
import { parseMoney, toCents } from "../../../model/money.ts";
import { derivePlanning } from "../../../model/planning/derive.ts";
import type { PlanningInputs } from "../../../model/planning/inputs.ts";
import { readDemoPlan } from "../../../sync-server/demo.ts";
import {
  demoAccountExecutives,
  DEMO_BOOKINGS,
  demoDealHistory,
  type DemoAccount,
} from "../../../sync-server/demo-deals.ts";
import { withDemoIncentives } from "../../../sync-server/demo-incentives.ts";
import { withDemoPlanning } from "../../../sync-server/demo-planning.ts";

const dataDir = fileURLToPath(
  new URL("../../../public/data/", import.meta.url),
);

const MANAGER_IDS = ["demo-staff-5", "demo-staff-6"];

let plan: NewPlan;
let accounts: DemoAccount[];
let incentives: IncentiveInputs;
let planning: PlanningInputs;
let aeIds: string[];
let territoryOfAccount: Map<string, string>;
let deals: Deal[];
let input: StatementInput;
let problems: string[];
let statements: Statement[];

beforeAll(() => {
  plan = withDemoIncentives(
    withDemoPlanning(readDemoPlan(`${dataDir}demo-plan.json`)),
  );
  const doc = new Y.Doc();
  const planDoc = initPlan(doc, plan);
  incentives = new IncentivesDoc(doc).read();
  planning = new PlanningDoc(doc).read(2028);
  aeIds = demoAccountExecutives(plan);

  accounts = JSON.parse(fs.readFileSync(`${dataDir}accounts.json`, "utf8"))
    .accounts as DemoAccount[];
  const assignments = planDoc.readAssignments();
  territoryOfAccount = new Map();
  for (const account of accounts) {
    const territoryId = assignments.get(account.unitId);
    if (territoryId !== undefined) {
      territoryOfAccount.set(account.id, territoryId);
    }
  }
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

  deals = demoDealHistory(plan, accounts);
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
  input = result.input;
  problems = result.problems;
  statements = withQuotaTraces(
    buildStatements(result.input),
    result.quotaTraces,
  );
});

describe("demo incentives", () => {
  test("comp plans pass validatePlan", () => {
    expect(incentives.compPlans.map((p) => p.id)).toEqual([
      "demo-comp-ae",
      "demo-comp-manager",
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

  test("manager plan pays override and bonus", () => {
    const manager = incentives.compPlans[1];
    expect(manager.roleIds).toEqual(["demo-mgr"]);
    expect(manager.plan.components).toMatchObject([
      { type: "commission", rate: "0.0055" },
      { type: "bonus", threshold: "1.00", amount: "2000.00" },
    ]);
  });

  test("every AE has a regional manager of the manager role", () => {
    const managerIds = new Set(
      planning.reps.filter((r) => r.roleId === "demo-mgr").map((r) => r.id),
    );
    expect([...managerIds].sort()).toEqual(MANAGER_IDS);
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

describe("demoDealHistory", () => {
  const sales = () => deals.filter((d) => d.cancels === undefined);

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

  test("owners are AEs of the account's territory", () => {
    const territoryOfRep = new Map(
      planning.reps.map((rep) => [rep.id, rep.territoryId]),
    );
    for (const deal of deals) {
      const territory = territoryOfAccount.get(deal.account);
      expect(territory).toBeDefined();
      expect(territoryOfRep.get(deal.owner)).toBe(territory);
    }
  });

  test("about 10% of deals carry splits", () => {
    const split = sales().filter((d) => d.splits.length > 0);
    expect(split.length / sales().length).toBeGreaterThan(0.05);
    expect(split.length / sales().length).toBeLessThan(0.15);
    for (const deal of split) {
      expect(deal.splits.map((split) => split.percent)).toEqual(["60", "40"]);
      expect(deal.splits[0].rep).toBe(deal.owner);
      expect(deal.splits[1].rep).not.toBe(deal.owner);
    }
  });

  test("split partners share the owner's manager", () => {
    for (const deal of sales().filter((d) => d.splits.length > 0)) {
      const partner = deal.splits[1].rep;
      expect(incentives.managers[partner]).toBe(
        incentives.managers[deal.owner],
      );
    }
  });

  test("a cancellation follows its deal", () => {
    const byId = new Map(deals.map((d) => [d.id, d]));
    const cancellations = deals.filter((d) => d.cancels !== undefined);
    expect(cancellations.length).toBeGreaterThan(0);
    for (const cancellation of cancellations) {
      const sale = byId.get(cancellation.cancels ?? "");
      expect(cancellation.amount).toBe(`-${sale?.amount}`);
      expect(cancellation.closeDate >= (sale?.closeDate ?? "")).toBe(true);
    }
  });

  test("adds up to about the demo bookings", () => {
    const usd = input.converted
      .filter((c) => !c.amount.amount.startsWith("-"))
      .reduce((sum, c) => sum + c.amount.cents, 0);
    const target = toCents(parseMoney(DEMO_BOOKINGS));
    expect(usd).toBeGreaterThan(target * 0.9);
    expect(usd).toBeLessThan(target * 1.2);
  });

  test("is the same on every run", () => {
    expect(demoDealHistory(plan, accounts)).toEqual(deals);
  });

  test("gives a plan without AEs no deals", () => {
    expect(demoDealHistory({ ...plan, planning: undefined }, accounts)).toEqual(
      [],
    );
  });
});

describe("demo statements", () => {
  const statementsOf = (repId: string) =>
    statements.filter((s) => s.repId === repId);
  const ratio = (credited: number, quota: string) =>
    credited / toCents(parseMoney(quota));

  test("problems name no AE, manager or deal", () => {
    const named = problems.filter(
      (p) =>
        [...aeIds, ...MANAGER_IDS].some((id) => p.includes(`(${id})`)) ||
        p.startsWith("Deal"),
    );
    expect(named).toEqual([]);
  });

  test("every AE and manager gets 12 statements with credit", () => {
    for (const id of [...aeIds, ...MANAGER_IDS]) {
      const own = statementsOf(id);
      expect(own).toHaveLength(12);
      for (const statement of own) {
        expect(statement.credited.cents).toBeGreaterThan(0);
      }
    }
  });

  test("the territory rule credits most AE credit", () => {
    const aeStatements = statements.filter((s) => aeIds.includes(s.repId));
    const direct = aeStatements.reduce(
      (sum, s) => sum + s.creditedByKind.direct.cents,
      0,
    );
    const split = aeStatements.reduce(
      (sum, s) => sum + s.creditedByKind.split.cents,
      0,
    );
    expect(direct / (direct + split)).toBeGreaterThan(0.8);
  });

  test("yearly AE attainment spreads from 55% to 150%", () => {
    for (const id of aeIds) {
      const own = statementsOf(id);
      const credited = own.reduce((sum, s) => sum + s.credited.cents, 0);
      const quota = own.reduce(
        (sum, s) => sum + toCents(parseMoney(s.quota)),
        0,
      );
      expect(credited / quota, id).toBeGreaterThan(0.55);
      expect(credited / quota, id).toBeLessThan(1.5);
    }
  });

  test("no AE month is below 35% or above 200%", () => {
    for (const id of aeIds) {
      for (const s of statementsOf(id)) {
        const attainment = ratio(s.credited.cents, s.quota);
        expect(attainment, `${id} ${s.periodId}`).toBeGreaterThan(0.35);
        expect(attainment, `${id} ${s.periodId}`).toBeLessThan(2);
      }
    }
  });

  test("manager quota sums the team's quotas", () => {
    const team = aeIds.filter(
      (id) => incentives.managers[id] === "demo-staff-5",
    );
    expect(team).toHaveLength(8);
    for (const s of statementsOf("demo-staff-5")) {
      const sum = team.reduce(
        (cents, id) =>
          cents + toCents(parseMoney(input.quotas[id][s.periodId])),
        0,
      );
      expect(toCents(parseMoney(s.quota)), s.periodId).toBe(sum);
    }
  });

  test("manager credit is roll-up credit", () => {
    for (const s of statementsOf("demo-staff-6")) {
      expect(s.credited.cents).toBe(s.creditedByKind.rollup.cents);
    }
  });

  test("manager bonus trace names team quotas", () => {
    const first = statementsOf("demo-staff-5")[0];
    const bonus = first.lines.find((l) => l.componentId === "team-quota-bonus");
    const quota = bonus?.trace.parts.at(-1);
    expect(quota?.figure).toBe("Quota demo-staff-5 FY2028-M01");
    expect(quota?.value).toBe(first.quota);
    expect(quota?.parts.map((p) => p.figure)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `Quota demo-rep-${n} FY2028-M01`),
    );
  });

  test("only AEs and managers get statements", () => {
    const reps = new Set(statements.map((s) => s.repId));
    expect([...reps].sort()).toEqual([...aeIds, ...MANAGER_IDS].sort());
  });

  test("the overlay specialist's missing quota is a problem", () => {
    expect(problems).toContain(
      'Rep "Yara Haddad" (demo-staff-7) has no statement because the quota cascade gives the rep no quota and no rep they manage has one. Give the rep a territory in planning, or make the rep the manager of reps with quotas.',
    );
  });
});
