import { centsToString } from "../money.ts";
import { makeTrace } from "../trace.ts";
import { percentOf, ratioOf } from "./arithmetic.ts";
import {
  NOT_AVAILABLE,
  type Kpi,
  type KpiBreakdownRow,
  type KpiUnit,
  type PayKpiInput,
} from "./types.ts";

interface KpiHead {
  id: string;
  label: string;
  unit: KpiUnit;
  definition: string;
}

const HEADS = {
  disputed: {
    id: "statements-disputed",
    label: "Statements disputed",
    unit: "count",
    definition: "Statements of the period that a rep disputed.",
  },
  adjusted: {
    id: "statements-adjusted",
    label: "Statements adjusted",
    unit: "count",
    definition:
      "Statements of the period changed by an adjustment after issue.",
  },
  credit: {
    id: "credit-to-bookings",
    label: "Credit to bookings",
    unit: "percent",
    definition:
      "Primary credit (direct and split) given to reps as a percent of the bookings it was given for, where 100.0 means every booking was credited once.",
  },
  payoutToAttainment: {
    id: "payout-to-attainment",
    label: "Payout to attainment",
    unit: "ratio",
    definition:
      "Payout as a share of on-target payout divided by credit as a share of quota, over the reps with a quota.",
  },
  costOfSales: {
    id: "cost-of-sales",
    label: "Cost of sales",
    unit: "percent",
    definition: "Payout to reps as a percent of the period's revenue.",
  },
  atQuota: {
    id: "reps-at-quota",
    label: "Reps at or above quota",
    unit: "percent",
    definition:
      "Percent of reps with a quota whose credit is at least their quota.",
  },
  disputesOpen: {
    id: "disputes-open",
    label: "Disputes open",
    unit: "count",
    definition: "Disputes raised and not yet resolved.",
  },
  resolveDays: {
    id: "dispute-resolve-days",
    label: "Mean time to resolve a dispute",
    unit: "days",
    definition:
      "Mean number of calendar days from a dispute's opening to its resolution, over resolved disputes.",
  },
} satisfies Record<string, KpiHead>;

/** Returns every pay-side KPI with the value NOT_AVAILABLE, for a caller without pay data. */
export function unavailablePayKpis(): Kpi[] {
  return Object.values(HEADS).map((head) => ({
    ...head,
    value: NOT_AVAILABLE,
    trace: makeTrace(head.label, NOT_AVAILABLE, "no pay data supplied", {}),
    breakdown: [],
  }));
}

/** Counts the statements disputed and the statements adjusted. */
export function statementKpis(input: PayKpiInput): Kpi[] {
  const total = String(input.statements.length);
  return (["disputed", "adjusted"] as const).map((flag) => {
    const head = HEADS[flag];
    const value = String(input.statements.filter((s) => s[flag]).length);
    return {
      ...head,
      value,
      trace: makeTrace(head.label, value, `count of statements ${flag}`, {
        statements: total,
      }),
      breakdown: [],
    };
  });
}

/** Computes credit to all reps as a percent of bookings. */
export function creditToBookings(input: PayKpiInput): Kpi {
  // Overlay and roll-up credit repeat a booking on purpose, so only primary
  // credit is reconciled; the trace still shows all credit.
  const primary = input.reps.reduce(
    (a, r) => a + (r.primaryCreditedCents ?? r.creditedCents),
    0,
  );
  const credited = input.reps.reduce((a, r) => a + r.creditedCents, 0);
  const value = percentOf(primary, input.bookedCents) ?? NOT_AVAILABLE;
  return {
    ...HEADS.credit,
    value,
    trace: makeTrace(
      HEADS.credit.label,
      value,
      "primary credit / booked x 100",
      {
        "primary credit (direct and split)": centsToString(primary),
        "all credit (with overlay and roll-up)": centsToString(credited),
        booked: centsToString(input.bookedCents),
      },
    ),
    breakdown: [],
  };
}

/**
 * Computes incentive effectiveness: payout against attainment, cost of sales and
 * the share of reps at or above quota. Payout against attainment divides
 * payout as a share of on-target pay by credit as a share of quota, so 1.00
 * means pay follows attainment one for one.
 */
export function incentiveKpis(input: PayKpiInput): Kpi[] {
  const withQuota = input.reps.filter((r) => r.quotaCents > 0);
  const quota = withQuota.reduce((a, r) => a + r.quotaCents, 0);
  const credited = withQuota.reduce((a, r) => a + r.creditedCents, 0);
  const payout = input.reps.reduce((a, r) => a + r.payoutCents, 0);
  const quotaPayout = withQuota.reduce((a, r) => a + r.payoutCents, 0);
  const targetPay = withQuota.reduce((a, r) => a + r.targetPayoutCents, 0);

  const rows: KpiBreakdownRow[] = withQuota.map((rep) => {
    const value = payoutPerAttainment(
      rep.payoutCents,
      rep.targetPayoutCents,
      rep.creditedCents,
      rep.quotaCents,
    );
    return {
      level: "rep",
      id: rep.repId,
      name: rep.name,
      parentId: null,
      value,
      trace: makeTrace(`Payout to attainment ${rep.name}`, value, PAY_FORMULA, {
        payout: centsToString(rep.payoutCents),
        "on-target payout": centsToString(rep.targetPayoutCents),
        credited: centsToString(rep.creditedCents),
        quota: centsToString(rep.quotaCents),
      }),
    };
  });

  const ratio = payoutPerAttainment(quotaPayout, targetPay, credited, quota);
  const atQuota = withQuota.filter((r) => r.creditedCents >= r.quotaCents);
  const share = percentOf(atQuota.length, withQuota.length) ?? NOT_AVAILABLE;
  const cost = percentOf(payout, input.revenueCents) ?? NOT_AVAILABLE;
  return [
    {
      ...HEADS.payoutToAttainment,
      value: ratio,
      trace: makeTrace(HEADS.payoutToAttainment.label, ratio, PAY_FORMULA, {
        payout: centsToString(quotaPayout),
        "on-target payout": centsToString(targetPay),
        credited: centsToString(credited),
        quota: centsToString(quota),
      }),
      breakdown: rows,
    },
    {
      ...HEADS.costOfSales,
      value: cost,
      trace: makeTrace(
        HEADS.costOfSales.label,
        cost,
        "payout / revenue x 100",
        {
          payout: centsToString(payout),
          revenue: centsToString(input.revenueCents),
        },
      ),
      breakdown: [],
    },
    {
      ...HEADS.atQuota,
      value: share,
      trace: makeTrace(
        HEADS.atQuota.label,
        share,
        "reps at or above quota / reps x 100",
        {
          "at or above quota": String(atQuota.length),
          "reps with a quota": String(withQuota.length),
        },
      ),
      breakdown: [],
    },
  ];
}

const PAY_FORMULA = "(payout / on-target payout) / (credited / quota)";

function payoutPerAttainment(
  payout: number,
  targetPayout: number,
  credited: number,
  quota: number,
): string {
  if (targetPayout === 0 || credited === 0 || quota === 0) return NOT_AVAILABLE;
  // (payout / target) / (credited / quota) = payout x quota / (target x credited)
  const numerator = BigInt(payout) * BigInt(quota);
  const denominator = BigInt(targetPayout) * BigInt(credited);
  return ratioOf(numerator, denominator) ?? NOT_AVAILABLE;
}

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(date: string, disputeId: string): number {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (!DATE_PATTERN.test(date) || Number.isNaN(time)) {
    throw new RangeError(
      `Date ${JSON.stringify(date)} of dispute "${disputeId}" is invalid. Write it as YYYY-MM-DD.`,
    );
  }
  return time / DAY_MS;
}

/** Counts the disputes still open and averages the days to resolve the others. */
export function disputeKpis(input: PayKpiInput): Kpi[] {
  const open = input.disputes.filter((d) => d.resolvedOn === null);
  let resolved = 0;
  let days = 0;
  for (const dispute of input.disputes) {
    if (dispute.resolvedOn === null) continue;
    const opened = dayNumber(dispute.openedOn, dispute.disputeId);
    resolved += 1;
    days += dayNumber(dispute.resolvedOn, dispute.disputeId) - opened;
  }

  const openValue = String(open.length);
  const mean =
    resolved === 0
      ? NOT_AVAILABLE
      : (ratioOf(days, resolved, 1) ?? NOT_AVAILABLE);
  return [
    {
      ...HEADS.disputesOpen,
      value: openValue,
      trace: makeTrace(
        HEADS.disputesOpen.label,
        openValue,
        "count of disputes without a resolution date",
        {
          disputes: String(input.disputes.length),
        },
      ),
      breakdown: [],
    },
    {
      ...HEADS.resolveDays,
      value: mean,
      trace: makeTrace(
        HEADS.resolveDays.label,
        mean,
        "sum of days open / resolved disputes",
        {
          "days open": String(days),
          "resolved disputes": String(resolved),
        },
      ),
      breakdown: [],
    },
  ];
}
