import type { NewPlan } from "../model/doc/init-plan.ts";
import type { PlanningSeed } from "../model/doc/planning-seed.ts";
import type { PlannedHire, PlannedRep } from "../model/planning/inputs.ts";

/**
 * The demo plan's regions and planning inputs: the four Census regions over
 * the nine division territories, FY2028 with a February start, targets for
 * two segments, five roles, two account executives per territory and open
 * seats. Ids are stable so that docs and tests can name them.
 */
const REGIONS: {
  id: string;
  name: string;
  color: string;
  members: string[];
}[] = [
  {
    id: "demo-region-northeast",
    name: "Northeast",
    color: "#0072B2",
    members: ["new-england", "middle-atlantic"],
  },
  {
    id: "demo-region-midwest",
    name: "Midwest",
    color: "#E69F00",
    members: ["east-north-central", "west-north-central"],
  },
  {
    id: "demo-region-south",
    name: "South",
    color: "#009E73",
    members: ["south-atlantic", "east-south-central", "west-south-central"],
  },
  {
    id: "demo-region-west",
    name: "West",
    color: "#CC79A7",
    members: ["mountain", "pacific"],
  },
];

/** Two account executives per territory, in territory order. */
const AE_NAMES = [
  ["Ana Ribeiro", "Ben Okafor"],
  ["Carla Stein", "Dev Patel"],
  ["Erin Walsh", "Felix Novak"],
  ["Grace Lind", "Hugo Alvarez"],
  ["Ines Duarte", "Jamal Reed"],
  ["Kara Boone", "Liam Tran"],
  ["Maya Ortiz", "Noah Berg"],
  ["Olga Petrov", "Paul Kim"],
  ["Quinn Hayes", "Rosa Chen"],
];

/** Start dates that give the demo a mix of ramped and ramping reps. */
const START_DATES = [
  "2019-03-04",
  "2021-06-14",
  "2022-01-10",
  "2023-09-05",
  "2024-02-19",
  "2025-04-07",
  "2025-11-03",
  "2026-10-05",
  "2026-12-07",
];

/** Prior-year bookings per territory key, in whole dollars. */
const PRIOR_BOOKINGS: Record<string, string> = {
  "new-england": "2650000.00",
  "middle-atlantic": "5900000.00",
  "east-north-central": "5100000.00",
  "west-north-central": "2300000.00",
  "south-atlantic": "6800000.00",
  "east-south-central": "1900000.00",
  "west-south-central": "4700000.00",
  mountain: "2600000.00",
  pacific: "7400000.00",
};

/**
 * Adds the regions and the planning inputs to the demo plan read from its
 * file. A plan file without the nine division territories (a test fixture)
 * is returned as it is.
 */
export function withDemoPlanning(plan: NewPlan): NewPlan {
  const territories = plan.territories ?? [];
  const ids = new Set(territories.map((t) => t.id));
  const divisions = REGIONS.flatMap((r) => r.members);
  if (!divisions.every((key) => ids.has(`demo-${key}`))) return plan;
  const regionOf = new Map<string, string>();
  for (const region of REGIONS) {
    for (const key of region.members) regionOf.set(`demo-${key}`, region.id);
  }
  const regions = REGIONS.map((r) => ({
    id: r.id,
    name: r.name,
    color: r.color,
    parentId: null,
    ownerId: null,
    locked: false,
    kind: "region" as const,
  }));
  const members = territories.map((t) => ({
    ...t,
    parentId: (t.id && regionOf.get(t.id)) ?? t.parentId,
  }));
  const territoryIds = members.map((t) => t.id ?? "");
  return {
    ...plan,
    territories: [...regions, ...members],
    planning: demoPlanning(territoryIds),
  };
}

function demoPlanning(territoryIds: readonly string[]): PlanningSeed {
  return {
    fiscalStartMonth: 2,
    fiscalYear: 2028,
    targets: quarterTargets("Enterprise", [
      "6000000",
      "6500000",
      "7000000",
      "8500000",
    ]).concat(
      quarterTargets("Mid-Market", [
        "3000000",
        "3200000",
        "3400000",
        "4400000",
      ]),
    ),
    roles: [
      role("ae", "Account executive", "account executive", {
        ote: "300000.00",
        cost: "390000.00",
        productivity: "1800000.00",
        ramp: ["20", "40", "60", "80", "100"],
        attrition: "15",
        backfill: 3,
      }),
      role("se", "Sales engineer", "sales engineer", {
        ote: "220000.00",
        cost: "280000.00",
        productivity: "0",
        ramp: ["50", "100"],
        attrition: "10",
        backfill: 2,
      }),
      role("sdr", "SDR", "SDR", {
        ote: "95000.00",
        cost: "125000.00",
        productivity: "0",
        ramp: ["50", "100"],
        attrition: "30",
        backfill: 1,
      }),
      role("mgr", "Regional manager", "manager", {
        ote: "340000.00",
        cost: "420000.00",
        productivity: "0",
        ramp: ["100"],
        attrition: "8",
        backfill: 3,
      }),
      role("overlay", "Overlay specialist", "overlay specialist", {
        ote: "260000.00",
        cost: "320000.00",
        productivity: "600000.00",
        ramp: ["25", "50", "75", "100"],
        attrition: "12",
        backfill: 2,
      }),
    ],
    reps: demoReps(territoryIds),
    hires: demoHires(),
    priorBookings: Object.fromEntries(
      Object.entries(PRIOR_BOOKINGS).map(([key, amount]) => [
        `demo-${key}`,
        amount,
      ]),
    ),
    quota: {
      levels: {
        region: { method: "potential", overAssignmentPercent: "10" },
        territory: {
          method: "blend",
          blendWeights: { potential: "0.7", priorBookings: "0.3" },
          overAssignmentPercent: "5",
        },
        rep: { method: "even", overAssignmentPercent: "0" },
      },
    },
  };
}

function quarterTargets(segment: string, amounts: string[]) {
  return amounts.map((amount, i) => ({
    segment,
    period: `FY2028-Q${i + 1}`,
    amount: `${amount}.00`,
  }));
}

function role(
  id: string,
  name: string,
  kind: NonNullable<PlanningSeed["roles"]>[number]["kind"],
  figures: {
    ote: string;
    cost: string;
    productivity: string;
    ramp: string[];
    attrition: string;
    backfill: number;
  },
) {
  return {
    id: `demo-${id}`,
    name,
    kind,
    onTargetEarnings: figures.ote,
    loadedCost: figures.cost,
    annualProductivity: figures.productivity,
    rampPercents: figures.ramp,
    annualAttritionPercent: figures.attrition,
    backfillMonths: figures.backfill,
  };
}

function demoReps(territoryIds: readonly string[]): PlannedRep[] {
  const reps: PlannedRep[] = [];
  territoryIds.forEach((territoryId, t) => {
    AE_NAMES[t]?.forEach((name, i) => {
      reps.push({
        id: `demo-rep-${t * 2 + i + 1}`,
        name,
        roleId: "demo-ae",
        startDate: START_DATES[(t + i * 4) % START_DATES.length],
        territoryId,
      });
    });
  });
  const support: [string, string][] = [
    ["Sam Whitfield", "demo-se"],
    ["Tara Nguyen", "demo-se"],
    ["Uma Farouk", "demo-sdr"],
    ["Victor Hale", "demo-sdr"],
    ["Wendy Cho", "demo-mgr"],
    ["Xavier Ruiz", "demo-mgr"],
    ["Yara Haddad", "demo-overlay"],
  ];
  support.forEach(([name, roleId], i) => {
    reps.push({
      id: `demo-staff-${i + 1}`,
      name,
      roleId,
      startDate: START_DATES[(i * 3) % START_DATES.length],
      territoryId: null,
    });
  });
  return reps;
}

function demoHires(): PlannedHire[] {
  return [
    hire("demo-hire-1", "FY2028-M03", 1, "demo-pacific"),
    hire("demo-hire-2", "FY2028-M03", 1, "demo-south-atlantic"),
    hire("demo-hire-3", "FY2028-M06", 1, "demo-middle-atlantic"),
    hire("demo-hire-4", "FY2028-M06", 2, null),
  ];
}

function hire(
  id: string,
  monthId: string,
  count: number,
  territoryId: string | null,
): PlannedHire {
  return { id, roleId: "demo-ae", monthId, count, territoryId };
}
