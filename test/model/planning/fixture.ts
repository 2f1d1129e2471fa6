import type { PlanningInputs } from "../../../model/planning/inputs.ts";
import type { PlanUnit } from "../../../model/planning/quota-nodes.ts";

/** Two regions over three territories, one role, three reps and one open seat. */
export function planningFixture(): PlanningInputs {
  return {
    fiscalStartMonth: 1,
    fiscalYear: 2027,
    targets: [
      { segment: "Enterprise", period: "FY2027-Q1", amount: "300000.00" },
      { segment: "Enterprise", period: "FY2027-Q2", amount: "300000.00" },
      { segment: "Enterprise", period: "FY2027-Q3", amount: "300000.00" },
      { segment: "Enterprise", period: "FY2027-Q4", amount: "300000.00" },
    ],
    roles: [
      {
        id: "ae",
        name: "AE",
        kind: "account executive",
        onTargetEarnings: "200000.00",
        loadedCost: "240000.00",
        annualProductivity: "1200000.00",
        rampPercents: ["50", "100"],
        annualAttritionPercent: "0",
        backfillMonths: 0,
      },
    ],
    reps: [
      rep("ana", "Ana", "bos"),
      rep("ben", "Ben", "bos"),
      rep("gus", "Gus", "sea"),
    ],
    hires: [
      {
        id: "h1",
        roleId: "ae",
        monthId: "FY2027-M04",
        count: 1,
        territoryId: "nyc",
      },
    ],
    quota: {
      companyQuota: null,
      levels: {
        region: { method: "potential", overAssignmentPercent: "0" },
        territory: { method: "potential", overAssignmentPercent: "0" },
        rep: { method: "even", overAssignmentPercent: "0" },
      },
      seasonality: null,
    },
    adjustments: {},
    priorBookings: {},
  };
}

function rep(id: string, name: string, territoryId: string) {
  return { id, name, roleId: "ae", startDate: "2020-01-01", territoryId };
}

export const FIXTURE_UNITS: PlanUnit[] = [
  { id: "east", name: "East", kind: "region", parentId: null },
  { id: "west", name: "West", kind: "region", parentId: null },
  { id: "bos", name: "Boston", kind: "territory", parentId: "east" },
  { id: "nyc", name: "New York", kind: "territory", parentId: "east" },
  { id: "sea", name: "Seattle", kind: "territory", parentId: "west" },
];

/** Potential in cents: East 600,000.00 (Boston 400k, New York 200k), West 400,000.00. */
export const FIXTURE_POTENTIAL: Record<string, number> = {
  bos: 40_000_000,
  nyc: 20_000_000,
  sea: 40_000_000,
};

export const FIXTURE_CONTEXT = {
  planName: "Acme",
  units: FIXTURE_UNITS,
  potentialCents: FIXTURE_POTENTIAL,
};
