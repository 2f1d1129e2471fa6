import { describe, expect, test } from "vitest";
import type { Deal } from "../../../model/incentives/deals/types.ts";
import type { IncentiveInputs } from "../../../model/incentives/plan-inputs.ts";
import {
  DEFAULT_CREDITING_RULES,
  planStatementInput,
  withQuotaTraces,
  type PlanPayData,
} from "../../../model/incentives/plan-statements.ts";
import { buildStatements } from "../../../model/incentives/statements/statements.ts";
import { derivePlanning } from "../../../model/planning/derive.ts";
import type { PlanningInputs } from "../../../model/planning/inputs.ts";

/**
 * One region over two territories: North (potential 600,000.00) with Ana
 * and Ben, South (400,000.00) with Cy. Dee is an overlay specialist without
 * a territory, Eve a manager without a comp plan. The company quota is
 * 1,200,000.00 with 10% in most months and 5% in April, May, August and
 * September, so Ana's January quota is 360,000.00 x 10% = 36,000.00. Eve
 * manages all three AEs, so her January team quota is 36,000.00 x 2 +
 * 48,000.00 = 120,000.00.
 */
function planning(): PlanningInputs {
  const role = (id: string, kind: PlanningInputs["roles"][number]["kind"]) => ({
    id,
    name: id.toUpperCase(),
    kind,
    onTargetEarnings: "200000.00",
    loadedCost: "240000.00",
    annualProductivity: "1200000.00",
    rampPercents: ["100"],
    annualAttritionPercent: "0",
    backfillMonths: 0,
  });
  const rep = (
    id: string,
    roleId: string,
    territoryId: string | null,
    startDate = "2020-01-01",
  ) => ({
    id,
    name: id[0].toUpperCase() + id.slice(1),
    roleId,
    startDate,
    territoryId,
  });
  return {
    fiscalStartMonth: 1,
    fiscalYear: 2027,
    targets: [],
    roles: [
      role("ae", "account executive"),
      role("overlay", "overlay specialist"),
      role("mgr", "manager"),
    ],
    reps: [
      rep("ana", "ae", "north"),
      rep("ben", "ae", "north", "2027-03-15"),
      rep("cy", "ae", "south"),
      rep("dee", "overlay", null),
      rep("eve", "mgr", null),
    ],
    hires: [],
    quota: {
      companyQuota: "1200000.00",
      levels: {
        region: { method: "potential", overAssignmentPercent: "0" },
        territory: { method: "potential", overAssignmentPercent: "0" },
        rep: { method: "even", overAssignmentPercent: "0" },
      },
      seasonality: [
        "10",
        "10",
        "10",
        "5",
        "5",
        "10",
        "10",
        "5",
        "5",
        "10",
        "10",
        "10",
      ],
    },
    adjustments: {},
    priorBookings: {},
  };
}

const units = [
  { id: "r1", name: "Region", kind: "region" as const, parentId: null },
  { id: "north", name: "North", kind: "territory" as const, parentId: "r1" },
  { id: "south", name: "South", kind: "territory" as const, parentId: "r1" },
];

function incentives(): IncentiveInputs {
  const commission = (rate: string) => ({
    components: [
      { id: "c", label: "Commission", type: "commission" as const, rate },
    ],
  });
  return {
    compPlans: [
      {
        id: "p-ae",
        name: "AE plan",
        roleIds: ["ae"],
        plan: commission("0.10"),
      },
      {
        id: "p-ov",
        name: "Overlay plan",
        roleIds: ["overlay"],
        plan: commission("0.02"),
      },
    ],
    creditingRules: [],
    rates: [
      { id: "eur", currency: "EUR", effectiveFrom: "2027-01-01", rate: "1.10" },
    ],
    managers: { ana: "eve", ben: "eve", cy: "eve" },
  };
}

function deal(
  id: string,
  account: string,
  amount: string,
  closeDate: string,
  currency = "USD",
): Deal {
  return {
    id,
    account,
    amount,
    currency,
    closeDate,
    product: "Platform",
    owner: "ana",
    splits: [],
    generated: false,
  };
}

function payData(overrides: Partial<PlanPayData> = {}): PlanPayData {
  const inputs = planning();
  const model = derivePlanning(inputs, {
    planName: "Fixture",
    units,
    potentialCents: { north: 60_000_000, south: 40_000_000 },
  });
  return {
    planCurrency: "USD",
    planning: inputs,
    model,
    incentives: incentives(),
    assignments: new Map([
      ["u-north", "north"],
      ["u-south", "south"],
    ]),
    accounts: [
      { id: "acct-n", unitId: "u-north" },
      { id: "acct-s", unitId: "u-south" },
      { id: "acct-x", unitId: "u-nowhere" },
    ],
    overrides: [],
    deals: [
      deal("d1", "acct-n", "1000.00", "2027-01-20"),
      deal("d2", "acct-s", "500.00", "2027-02-03", "EUR"),
    ],
    ...overrides,
  };
}

describe("planStatementInput", () => {
  test("periods are the 12 fiscal months with their dates", () => {
    const { input } = planStatementInput(payData());
    expect(input.periods).toHaveLength(12);
    expect(input.periods[0]).toEqual({
      id: "FY2027-M01",
      year: "FY2027",
      start: "2027-01-01",
      end: "2027-01-31",
    });
    expect(input.periods[1]).toEqual({
      id: "FY2027-M02",
      year: "FY2027",
      start: "2027-02-01",
      end: "2027-02-28",
    });
    expect(input.periods[11]).toEqual({
      id: "FY2027-M12",
      year: "FY2027",
      start: "2027-12-01",
      end: "2027-12-31",
    });
  });

  test("periods follow a February fiscal start", () => {
    const data = payData();
    data.planning.fiscalStartMonth = 2;
    data.planning.fiscalYear = 2028;
    data.model = derivePlanning(data.planning, {
      planName: "Fixture",
      units,
      potentialCents: { north: 60_000_000, south: 40_000_000 },
    });
    const { input } = planStatementInput({ ...data, deals: [] });
    expect(input.periods[0]).toEqual({
      id: "FY2028-M01",
      year: "FY2028",
      start: "2027-02-01",
      end: "2027-02-28",
    });
    expect(input.periods[11]).toEqual({
      id: "FY2028-M12",
      year: "FY2028",
      start: "2028-01-01",
      end: "2028-01-31",
    });
  });

  test("quotas are each paid rep's monthly cascade quota", () => {
    const { input } = planStatementInput(payData());
    expect(Object.keys(input.quotas)).toEqual(["ana", "ben", "cy", "eve"]);
    expect(input.quotas.ana["FY2027-M01"]).toBe("36000.00");
    expect(input.quotas.ana["FY2027-M04"]).toBe("18000.00");
    expect(input.quotas.ben["FY2027-M12"]).toBe("36000.00");
    expect(input.quotas.cy["FY2027-M01"]).toBe("48000.00");
    expect(input.quotas.cy["FY2027-M09"]).toBe("24000.00");
  });

  test("plans are picked by role", () => {
    const { input } = planStatementInput(payData());
    expect("byRep" in input.plans).toBe(true);
    if (!("byRep" in input.plans)) return;
    expect(Object.keys(input.plans.byRep)).toEqual(["ana", "ben", "cy"]);
    expect(input.plans.byRep.ana).toEqual(incentives().compPlans[0].plan);
  });

  test("territory reps start on each rep's start date", () => {
    const { input } = planStatementInput(payData());
    expect(input.tables.territoryReps).toEqual([
      {
        territoryId: "north",
        repId: "ana",
        effectiveFrom: "2020-01-01",
        effectiveTo: null,
      },
      {
        territoryId: "north",
        repId: "ben",
        effectiveFrom: "2027-03-15",
        effectiveTo: null,
      },
      {
        territoryId: "south",
        repId: "cy",
        effectiveFrom: "2020-01-01",
        effectiveTo: null,
      },
    ]);
  });

  test("territory history maps accounts through their unit", () => {
    const { input } = planStatementInput(payData());
    expect(input.tables.territoryHistory).toEqual([
      {
        accountId: "acct-n",
        territoryId: "north",
        effectiveFrom: null,
        effectiveTo: null,
      },
      {
        accountId: "acct-s",
        territoryId: "south",
        effectiveFrom: null,
        effectiveTo: null,
      },
    ]);
  });

  test("overrides pass through and managers become links", () => {
    const override = {
      accountId: "acct-x",
      territoryId: "south",
      effectiveFrom: "2027-06-01",
      effectiveTo: null,
    };
    const { input } = planStatementInput(payData({ overrides: [override] }));
    expect(input.tables.overrides).toEqual([override]);
    expect(input.tables.managers).toEqual([
      {
        repId: "ana",
        managerId: "eve",
        effectiveFrom: null,
        effectiveTo: null,
      },
      {
        repId: "ben",
        managerId: "eve",
        effectiveFrom: null,
        effectiveTo: null,
      },
      { repId: "cy", managerId: "eve", effectiveFrom: null, effectiveTo: null },
    ]);
  });

  test("a plan without rules gets the default rules", () => {
    const { input } = planStatementInput(payData());
    expect(input.tables.rules).toEqual(DEFAULT_CREDITING_RULES);
  });

  test("a plan's own rules replace the default", () => {
    const data = payData();
    const rule = {
      id: "t",
      kind: "territory" as const,
      effectiveFrom: null,
      effectiveTo: null,
    };
    data.incentives.creditingRules = [rule];
    expect(planStatementInput(data).input.tables.rules).toEqual([rule]);
  });

  test("manager quota is the team's sum", () => {
    const { input, quotaTraces } = planStatementInput(payData());
    expect(input.quotas.eve["FY2027-M01"]).toBe("120000.00");
    expect(input.quotas.eve["FY2027-M04"]).toBe("60000.00");
    expect(Object.keys(quotaTraces)).toEqual(["eve"]);
    expect(quotaTraces.eve["FY2027-M01"].parts.map((p) => p.value)).toEqual([
      "36000.00",
      "36000.00",
      "48000.00",
    ]);
  });

  test("manager is paid by their role's plan", () => {
    const data = payData();
    data.incentives.compPlans.push(managerPlan());
    const { input } = planStatementInput(data);
    if (!("byRep" in input.plans)) throw new Error("expected plans by rep");
    expect(input.plans.byRep.eve).toEqual(managerPlan().plan);
  });

  test("nested managers count each quota once", () => {
    const data = payData();
    data.planning.reps.push({
      id: "mia",
      name: "Mia",
      roleId: "mgr",
      startDate: "2020-01-01",
      territoryId: null,
    });
    data.incentives.managers = {
      ana: "mia",
      ben: "mia",
      mia: "eve",
      cy: "eve",
    };
    const { input } = planStatementInput(data);
    expect(input.quotas.mia["FY2027-M01"]).toBe("72000.00");
    expect(input.quotas.eve["FY2027-M01"]).toBe("120000.00");
  });

  test("rep with a team keeps own quota", () => {
    const data = payData();
    data.incentives.managers = { ben: "ana" };
    const { input, quotaTraces } = planStatementInput(data);
    expect(input.quotas.ana["FY2027-M01"]).toBe("36000.00");
    expect(quotaTraces).toEqual({});
  });

  test("reps without quota or team are problems", () => {
    const data = payData();
    data.incentives.managers = {};
    const { problems } = planStatementInput(data);
    expect(problems).toEqual([
      'Rep "Dee" (dee) has no statement because the quota cascade gives the rep no quota and no rep they manage has one. Give the rep a territory in planning, or make the rep the manager of reps with quotas.',
      'Rep "Eve" (eve) has no statement because the quota cascade gives the rep no quota and no rep they manage has one. Give the rep a territory in planning, or make the rep the manager of reps with quotas.',
    ]);
  });

  test("deals convert to the plan currency", () => {
    const { input } = planStatementInput(payData());
    expect(input.converted.map((c) => c.amount.amount)).toEqual([
      "1000.00",
      "550.00",
    ]);
  });

  test("a deal without a rate is left out with a problem", () => {
    const data = payData();
    data.deals = [
      ...data.deals,
      deal("d3", "acct-n", "200.00", "2027-03-01", "GBP"),
    ];
    const { input, problems } = planStatementInput(data);
    expect(input.deals.map((d) => d.id)).toEqual(["d1", "d2"]);
    expect(problems).toContain(
      'Deal "d3" is left out because no GBP rate to USD is in effect on 2027-03-01. Add a GBP rate from that date or earlier.',
    );
  });

  test("a deal of an account without a territory is left out", () => {
    const data = payData();
    data.deals = [...data.deals, deal("d4", "acct-x", "200.00", "2027-03-01")];
    const { input, problems } = planStatementInput(data);
    expect(input.deals.map((d) => d.id)).toEqual(["d1", "d2"]);
    expect(input.converted.map((c) => c.dealId)).toEqual(["d1", "d2"]);
    expect(problems.some((p) => p.startsWith('Deal "d4" is left out'))).toBe(
      true,
    );
  });

  test("buildStatements pays the fixture in exact cents", () => {
    const { input } = planStatementInput(payData());
    const statements = buildStatements(input);
    const ana = statements.find(
      (s) => s.repId === "ana" && s.periodId === "FY2027-M01",
    );
    const cy = statements.find(
      (s) => s.repId === "cy" && s.periodId === "FY2027-M02",
    );
    const ben = statements.find(
      (s) => s.repId === "ben" && s.periodId === "FY2027-M01",
    );
    expect(statements).toHaveLength(36);
    expect(ana?.credited.amount).toBe("1000.00");
    expect(ana?.payable).toBe("100.00");
    // Ben starts in March, so the January North deal credits Ana alone.
    expect(ben?.credited.amount).toBe("0.00");
    expect(cy?.credited.amount).toBe("550.00");
    expect(cy?.payable).toBe("55.00");
  });
});

/** Eve's plan: 1% of team credit and 250.00 at 0.5% of team quota. */
function managerPlan() {
  return {
    id: "p-mgr",
    name: "Manager plan",
    roleIds: ["mgr"],
    plan: {
      components: [
        {
          id: "override",
          label: "Override",
          type: "commission" as const,
          rate: "0.01",
        },
        {
          id: "bonus",
          label: "Team bonus",
          type: "bonus" as const,
          threshold: "0.005",
          amount: "250.00",
        },
      ],
    },
  };
}

describe("withQuotaTraces", () => {
  function managerStatements() {
    const data = payData();
    data.incentives.compPlans.push(managerPlan());
    data.incentives.creditingRules = [
      ...DEFAULT_CREDITING_RULES,
      { id: "rollup", kind: "rollup", effectiveFrom: null, effectiveTo: null },
    ];
    const { input, quotaTraces } = planStatementInput(data);
    const built = buildStatements(input);
    return { built, traced: withQuotaTraces(built, quotaTraces) };
  }

  test("pays manager on roll-up credit", () => {
    const { traced } = managerStatements();
    const eve = traced.find(
      (s) => s.repId === "eve" && s.periodId === "FY2027-M01",
    );
    // Ana's 1000.00 rolls up: 1% is 10.00, and 1000.00 / 120000.00 is
    // above the 0.5% threshold, so the bonus pays 250.00.
    expect(eve?.credited.amount).toBe("1000.00");
    expect(eve?.quota).toBe("120000.00");
    expect(eve?.lines.map((l) => l.amount)).toEqual(["10.00", "250.00"]);
    expect(eve?.payable).toBe("260.00");
  });

  test("adds team quota to lines reading it", () => {
    const { traced } = managerStatements();
    const eve = traced.find(
      (s) => s.repId === "eve" && s.periodId === "FY2027-M01",
    );
    const [override, bonus] = eve?.lines ?? [];
    expect(override.trace.parts).toEqual([]);
    const quota = bonus.trace.parts.at(-1);
    expect(quota?.figure).toBe("Quota eve FY2027-M01");
    expect(quota?.value).toBe("120000.00");
    expect(quota?.parts.map((p) => `${p.figure} = ${p.value}`)).toEqual([
      "Quota ana FY2027-M01 = 36000.00",
      "Quota ben FY2027-M01 = 36000.00",
      "Quota cy FY2027-M01 = 48000.00",
    ]);
    expect(eve?.payableTrace.parts).toContain(bonus.trace);
  });

  test("leaves other statements and figures unchanged", () => {
    const { built, traced } = managerStatements();
    expect(traced).toHaveLength(built.length);
    const index = built.findIndex((s) => s.repId === "ana");
    expect(traced[index]).toBe(built[index]);
    const eve = built.findIndex((s) => s.repId === "eve");
    expect(traced[eve].payable).toBe(built[eve].payable);
    expect(traced[eve].lines.map((l) => l.cents)).toEqual(
      built[eve].lines.map((l) => l.cents),
    );
  });
});
