import type { HireInput, RepInput } from "../model/capacity/headcount.ts";
import type { RoleInput } from "../model/capacity/roles.ts";
import { centsToString } from "../model/money.ts";
import {
  fiscalYear,
  type FiscalCalendar,
  type FiscalYear,
} from "../model/plan/periods.ts";
import type { TargetInput } from "../model/plan/targets.ts";
import { cascadeQuotas } from "../model/quota/cascade.ts";
import type {
  ChildLevel,
  LevelRule,
  QuotaAdjustment,
  QuotaCascadeInput,
  QuotaNode,
} from "../model/quota/types.ts";
import { seededRandom } from "./harness.ts";

/** A rep seat of the generated plan: a rep already on the team or a planned hire. */
export interface PlanningRep {
  id: string;
  name: string;
  territoryId: string;
  roleId: string;
  /** Start date as "YYYY-MM-DD" for a rep on the team, null for a planned hire. */
  startDate: string | null;
  /** Fiscal month (1-12) a planned hire starts in, null for a rep on the team. */
  hireMonth: number | null;
}

/** Targets as entered: one segment by month, one by quarter, in cents. */
export interface PlanningTargets {
  /** Segment -> 12 monthly targets in cents. */
  monthly: Map<string, number[]>;
  /** Segment -> 4 quarterly targets in cents, spread over months by the model. */
  quarterly: Map<string, number[]>;
}

/**
 * The inputs of the planning benchmark, shared by Meridian's model and the
 * spreadsheet. Regions, territories and reps are each listed in sibling
 * order (name, then id), the order in which the cascade breaks ties.
 */
export interface PlanningInputs {
  calendar: FiscalCalendar;
  year: FiscalYear;
  roles: RoleInput[];
  company: { id: string; name: string };
  regions: { id: string; name: string }[];
  /** Territories grouped by region, in region order, then sibling order. */
  territories: { id: string; name: string; regionId: string }[];
  /** Reps grouped by territory, in territory order, then sibling order. */
  reps: PlanningRep[];
  targets: PlanningTargets;
  levels: Record<ChildLevel, LevelRule>;
  potentialCents: Record<string, number>;
  priorBookingsCents: Record<string, number>;
  seasonality: string[];
  adjustments: Record<string, QuotaAdjustment>;
}

export const REGION_COUNT = 20;
export const TERRITORY_COUNT = 1_000;
const REPS_PER_TERRITORY = 2;

const ROLES: RoleInput[] = [
  role(
    "ent",
    "Enterprise AE",
    300_000,
    420_000,
    2_400_000,
    12,
    3,
    [10, 25, 50, 75, 100],
  ),
  role(
    "mm",
    "Mid-Market AE",
    220_000,
    300_000,
    1_440_000,
    18,
    2,
    [25, 50, 75, 100],
  ),
  role("smb", "SMB AE", 140_000, 190_000, 720_000, 24, 1, [50, 100]),
  role("am", "Account Manager", 160_000, 210_000, 960_000, 9, 2, [50, 75, 100]),
];

/** Cumulative chance of each role for a rep seat, in the order of ROLES. */
const ROLE_MIX = [0.2, 0.5, 0.8, 1];

/**
 * Generates the plan from seed 7: 4 roles, 20 regions, 1,000 territories
 * spread at random over the regions, and 2 rep seats a territory. About
 * 10% of the seats are planned hires, 20% are reps who start during the
 * fiscal year and the rest started between 2018 and the year's start.
 */
export function generatePlanningInputs(): PlanningInputs {
  const random = seededRandom(7);
  const calendar: FiscalCalendar = { startMonth: 2, firstFiscalYear: 2027 };
  const year = fiscalYear(calendar, 2027);
  const company = { id: "acme", name: "Acme" };
  const regions = Array.from({ length: REGION_COUNT }, (_, i) => ({
    id: `region-${pad(i + 1, 2)}`,
    name: `Region ${pad(i + 1, 2)}`,
  }));

  const potentialCents: Record<string, number> = {};
  const priorBookingsCents: Record<string, number> = {};
  const unsorted = Array.from({ length: TERRITORY_COUNT }, (_, i) => {
    const id = `territory-${pad(i + 1, 4)}`;
    // Potential from $5M to $50M, prior bookings 30% to 90% of it.
    potentialCents[id] = 500_000_000 + Math.floor(random() * 4_500_000_000);
    priorBookingsCents[id] = Math.floor(
      potentialCents[id] * (0.3 + 0.6 * random()),
    );
    const regionId = regions[Math.floor(random() * REGION_COUNT)].id;
    return { id, name: `Territory ${pad(i + 1, 4)}`, regionId };
  });
  const territories = regions.flatMap((region) =>
    unsorted.filter((t) => t.regionId === region.id).sort(bySiblingOrder),
  );

  const reps = territories.flatMap((territory) => {
    const seats = Array.from({ length: REPS_PER_TERRITORY }, (_, i) =>
      generateRep(random, territory.id, territory.name, i + 1),
    );
    return seats.sort(bySiblingOrder);
  });

  const inputs: PlanningInputs = {
    calendar,
    year,
    roles: ROLES,
    company,
    regions,
    territories,
    reps,
    targets: generateTargets(random),
    levels: {
      region: { method: "potential", overAssignmentPercent: "10" },
      territory: {
        method: "blend",
        blendWeights: { even: "0.2", potential: "0.5", priorBookings: "0.3" },
        overAssignmentPercent: "5",
      },
      rep: { method: "even", overAssignmentPercent: "0" },
    },
    potentialCents,
    priorBookingsCents,
    seasonality: ["6", "7", "8", "7", "8", "9", "7", "8", "9", "9", "10", "12"],
    adjustments: {},
  };
  inputs.adjustments = generateAdjustments(inputs);
  return inputs;
}

function generateRep(
  random: () => number,
  territoryId: string,
  territoryName: string,
  seat: number,
): PlanningRep {
  const draw = random();
  const roleIndex = ROLE_MIX.findIndex((limit) => draw < limit);
  const number = territoryName.slice("Territory ".length);
  const kind = random();
  const base = { territoryId, roleId: ROLES[roleIndex].id };

  if (kind < 0.1) {
    return {
      ...base,
      id: `hire-${number}-${seat}`,
      name: `Planned hire ${number}-${seat}`,
      startDate: null,
      hireMonth: 1 + Math.floor(random() * 12),
    };
  }
  // FY2027 runs from February 2026 to January 2027.
  const startSerial =
    kind < 0.3
      ? 2026 * 12 + 1 + Math.floor(random() * 12)
      : 2018 * 12 + Math.floor(random() * (8 * 12 + 1));
  const startYear = Math.floor(startSerial / 12);
  const startMonth = (startSerial % 12) + 1;
  const day = 1 + Math.floor(random() * 28);
  return {
    ...base,
    id: `rep-${number}-${seat}`,
    name: `Rep ${number}-${seat}`,
    startDate: `${startYear}-${pad(startMonth, 2)}-${pad(day, 2)}`,
    hireMonth: null,
  };
}

function generateTargets(random: () => number): PlanningTargets {
  // Monthly targets of $60M to $80M and $30M to $50M, and quarterly
  // targets of $180M to $240M, in whole cents.
  const amount = (low: number, spread: number) =>
    (low + Math.floor(random() * spread)) * 100 + Math.floor(random() * 100);
  return {
    monthly: new Map([
      ["Enterprise", Array.from({ length: 12 }, () => amount(6e7, 2e7))],
      ["SMB", Array.from({ length: 12 }, () => amount(3e7, 2e7))],
    ]),
    quarterly: new Map([
      ["Mid-Market", Array.from({ length: 4 }, () => amount(18e7, 6e7))],
    ]),
  };
}

/**
 * Picks a few manual adjustments: region and territory deltas, and annual
 * amounts for two territories and two reps. Each amount is the node's
 * cascade share rounded down to $1,000 minus $1,000, so the siblings keep
 * a positive remainder.
 */
function generateAdjustments(
  inputs: PlanningInputs,
): Record<string, QuotaAdjustment> {
  const plain = cascadeQuotas(cascadeInput(inputs, yearTargetCents(inputs)));
  const annualOf = new Map(plain.quotas.map((q) => [q.nodeId, q.annual]));
  const amountBelow = (nodeId: string): QuotaAdjustment => {
    const dollars = Math.floor(Number(annualOf.get(nodeId)!) / 1000) * 1000;
    return { amount: centsToString((dollars - 1000) * 100) };
  };
  const { regions, territories, reps } = inputs;

  return {
    [regions[3].id]: { delta: "2500000.00" },
    [territories[10].id]: amountBelow(territories[10].id),
    [territories[500].id]: amountBelow(territories[500].id),
    [territories[777].id]: { delta: "-125000.50" },
    [reps[41].id]: amountBelow(reps[41].id),
    [reps[1234].id]: amountBelow(reps[1234].id),
    [reps[1600].id]: { delta: "15000.25" },
  };
}

/** Lists the targets as the model's target inputs, in decimal strings. */
export function targetInputs(
  inputs: PlanningInputs,
  year = inputs.year,
): TargetInput[] {
  const list: TargetInput[] = [];
  for (const [segment, months] of inputs.targets.monthly) {
    months.forEach((cents, i) =>
      list.push({
        segment,
        period: year.months[i].id,
        amount: centsToString(cents),
      }),
    );
  }
  for (const [segment, quarters] of inputs.targets.quarterly) {
    quarters.forEach((cents, i) =>
      list.push({
        segment,
        period: year.quarters[i].id,
        amount: centsToString(cents),
      }),
    );
  }
  return list;
}

/** Sums every target of the year in cents, which is the company's annual quota. */
export function yearTargetCents(inputs: PlanningInputs): number {
  let cents = 0;
  for (const months of inputs.targets.monthly.values()) {
    for (const value of months) cents += value;
  }
  for (const quarters of inputs.targets.quarterly.values()) {
    for (const value of quarters) cents += value;
  }
  return cents;
}

/** Splits the rep seats into reps on the team and planned hires, as the capacity model takes them. */
export function capacityPeople(inputs: PlanningInputs): {
  reps: RepInput[];
  hires: HireInput[];
} {
  const reps: RepInput[] = [];
  const hires: HireInput[] = [];
  for (const rep of inputs.reps) {
    if (rep.startDate !== null) {
      reps.push({ id: rep.id, roleId: rep.roleId, startDate: rep.startDate });
    } else {
      const monthId = inputs.year.months[rep.hireMonth! - 1].id;
      hires.push({ roleId: rep.roleId, monthId, count: 1 });
    }
  }
  return { reps, hires };
}

/** Builds the cascade input for a company quota in cents. */
export function cascadeInput(
  inputs: PlanningInputs,
  companyCents: number,
): QuotaCascadeInput {
  const { company, regions, territories, reps } = inputs;
  const nodes: QuotaNode[] = [
    { ...company, level: "company", parentId: null },
    ...regions.map((r) => ({
      id: r.id,
      name: r.name,
      level: "region" as const,
      parentId: company.id,
    })),
    ...territories.map((t) => ({
      id: t.id,
      name: t.name,
      level: "territory" as const,
      parentId: t.regionId,
    })),
    ...reps.map((r) => ({
      id: r.id,
      name: r.name,
      level: "rep" as const,
      parentId: r.territoryId,
    })),
  ];
  return {
    nodes,
    companyQuota: centsToString(companyCents),
    levels: inputs.levels,
    potentialCents: inputs.potentialCents,
    priorBookingsCents: inputs.priorBookingsCents,
    seasonality: inputs.seasonality,
    adjustments: inputs.adjustments,
  };
}

/** Compares by the cascade's sibling order: name, then id. */
function bySiblingOrder(
  a: { id: string; name: string },
  b: { id: string; name: string },
): number {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

function role(
  id: string,
  name: string,
  onTargetEarnings: number,
  loadedCost: number,
  annualProductivity: number,
  attritionPercent: number,
  backfillMonths: number,
  ramp: number[],
): RoleInput {
  return {
    id,
    name,
    onTargetEarnings: `${onTargetEarnings}.00`,
    loadedCost: `${loadedCost}.00`,
    annualProductivity: `${annualProductivity}.00`,
    rampPercents: ramp.map(String),
    annualAttritionPercent: String(attritionPercent),
    backfillMonths,
  };
}

function pad(value: number, digits: number): string {
  return String(value).padStart(digits, "0");
}
