import type { NewPlan } from "../model/doc/init-plan.ts";
import type { CreditingRule } from "../model/incentives/crediting/types.ts";
import type { CompPlan } from "../model/incentives/payout/plan.ts";
import type {
  CompPlanRecord,
  RateRecord,
} from "../model/incentives/plan-inputs.ts";

/**
 * The demo plan's incentives: comp plans for the demo roles, crediting
 * rules, each account executive's regional manager and currency rates
 * (demo-deals.ts generates the deal history).
 * Ids are stable so that docs and tests can name them. Figures are for
 * FY2028, which runs from 2027-02-01 to 2028-01-31.
 */

/** Regional managers (demo-planning's staff of the manager role) by region id. */
const MANAGER_OF_REGION: Record<string, string> = {
  "demo-region-northeast": "demo-staff-5",
  "demo-region-midwest": "demo-staff-5",
  "demo-region-south": "demo-staff-6",
  "demo-region-west": "demo-staff-6",
};

/** The overlay specialist, credited on top of the AEs for Analytics deals. */
const OVERLAY_REP = "demo-staff-7";
export const OVERLAY_PRODUCT = "Analytics";

/** Effective dates of a rule with no start or end. */
const OPEN = { effectiveFrom: null, effectiveTo: null };

/**
 * Account executive plan. OTE 300,000.00 at 50/50 pay mix gives 150,000.00
 * of variable pay, about 12,500.00 a month on a monthly quota near
 * 180,000.00, so the base band pays 7%. Bands are marginal: half rate below
 * 50% of quota, 1.5x from 100% and 2x from 150%.
 */
const AE_PLAN: CompPlan = {
  components: [
    {
      id: "commission",
      label: "Tiered commission",
      type: "tiered",
      mode: "marginal",
      bands: [
        { from: "0", to: "0.50", rate: "0.035" },
        { from: "0.50", to: "1.00", rate: "0.07" },
        { from: "1.00", to: "1.50", rate: "0.105" },
        { from: "1.50", rate: "0.14" },
      ],
      cap: "40000.00",
    },
    {
      id: "quota-bonus",
      label: "Bonus at 100% of quota",
      type: "bonus",
      threshold: "1.00",
      amount: "1500.00",
    },
    {
      id: "analytics-spif",
      label: "Analytics SPIF, FY2028 Q2",
      type: "spif",
      product: OVERLAY_PRODUCT,
      from: "2027-05-01",
      to: "2027-07-31",
      perDeal: "750.00",
    },
  ],
  totalCap: "50000.00",
  draw: { kind: "recoverable", amount: "4000.00" },
  clawback: { windowDays: 90 },
};

/**
 * Plan of sales engineers and overlay specialists: a flat rate with a bonus.
 * The demo's specialists get no statement under it: the quota cascade gives
 * quotas only to reps with a territory, and a specialist has no territory
 * and manages no one, so the statements list each one as a problem. Sales
 * engineers also get no credit, because no demo crediting rule names them.
 */
const SPECIALIST_PLAN: CompPlan = {
  components: [
    {
      id: "commission",
      label: "Commission",
      type: "commission",
      rate: "0.015",
      cap: "15000.00",
    },
    {
      id: "quota-bonus",
      label: "Bonus at 100% of quota",
      type: "bonus",
      threshold: "1.00",
      amount: "1000.00",
    },
  ],
  clawback: { windowDays: 90 },
};

/**
 * Regional manager plan, paid on the roll-up credit of the manager's team
 * against the team's quota (the sum of the AEs' quotas). OTE 340,000.00 at
 * 60/40 pay mix gives 136,000.00 of variable pay, about 11,300.00 a month.
 * Monthly team quotas are near 1.4 million (Northeast and Midwest) and
 * 2.0 million (South and West), so 0.55% plus the bonus pays about that.
 */
const MANAGER_PLAN: CompPlan = {
  components: [
    {
      id: "override",
      label: "Override on team credit",
      type: "commission",
      rate: "0.0055",
      cap: "25000.00",
    },
    {
      id: "team-quota-bonus",
      label: "Bonus at 100% of team quota",
      type: "bonus",
      threshold: "1.00",
      amount: "2000.00",
    },
  ],
  clawback: { windowDays: 90 },
};

const COMP_PLANS: CompPlanRecord[] = [
  {
    id: "demo-comp-ae",
    name: "Account executive FY2028",
    roleIds: ["demo-ae"],
    plan: AE_PLAN,
  },
  {
    id: "demo-comp-manager",
    name: "Regional manager FY2028",
    roleIds: ["demo-mgr"],
    plan: MANAGER_PLAN,
  },
  {
    id: "demo-comp-specialist",
    name: "Specialist FY2028",
    roleIds: ["demo-se", "demo-overlay"],
    plan: SPECIALIST_PLAN,
  },
];

/**
 * Split deals credit their split reps, other deals the reps of the
 * account's territory. The overlay specialist joins Analytics deals from
 * the start of FY2028, and credits roll up to each AE's regional manager.
 */
const CREDITING_RULES: CreditingRule[] = [
  { id: "demo-rule-split", kind: "split", ...OPEN },
  { id: "demo-rule-territory", kind: "territory", ...OPEN },
  {
    id: "demo-rule-overlay-analytics",
    kind: "overlay",
    repId: OVERLAY_REP,
    product: OVERLAY_PRODUCT,
    effectiveFrom: "2027-02-01",
    effectiveTo: null,
  },
  { id: "demo-rule-rollup", kind: "rollup", ...OPEN },
];

/** Units of plan currency (USD) per unit of each currency, by month of change. */
export const RATES: RateRecord[] = [
  rate("EUR", "2027-01-01", "1.0850"),
  rate("EUR", "2027-07-01", "1.0930"),
  rate("GBP", "2027-01-01", "1.2640"),
  rate("GBP", "2027-07-01", "1.2710"),
  rate("CAD", "2027-01-01", "0.7380"),
  rate("CAD", "2027-07-01", "0.7310"),
];

/**
 * Adds the demo incentives to a plan that withDemoPlanning filled. A plan
 * without the demo's planning inputs (a test fixture) is returned as it is.
 */
export function withDemoIncentives(plan: NewPlan): NewPlan {
  const reps = plan.planning?.reps ?? [];
  if (!reps.some((rep) => rep.roleId === "demo-ae")) return plan;

  const regionOf = new Map(
    (plan.territories ?? []).map((t) => [t.id, t.parentId]),
  );
  const managers: Record<string, string> = {};
  for (const rep of reps) {
    if (rep.roleId !== "demo-ae" || rep.territoryId === null) continue;
    const region = regionOf.get(rep.territoryId);
    const manager = region ? MANAGER_OF_REGION[region] : undefined;
    if (manager !== undefined) managers[rep.id] = manager;
  }

  return {
    ...plan,
    incentives: {
      compPlans: structuredClone(COMP_PLANS),
      creditingRules: structuredClone(CREDITING_RULES),
      rates: structuredClone(RATES),
      managers,
    },
  };
}

function rate(currency: string, effectiveFrom: string, value: string) {
  return {
    id: `demo-rate-${currency.toLowerCase()}-${effectiveFrom}`,
    currency,
    effectiveFrom,
    rate: value,
  };
}
