import { divideHalfEven, tenthsToString } from "../../model/coverage.ts";
import type {
  RepPayFigure,
  StatementFigure,
} from "../../model/insights/types.ts";
import { payoutCurve } from "../../model/incentives/payout/curve.ts";
import type { CompPlanRecord } from "../../model/incentives/plan-inputs.ts";
import { centsToString, MoneyDecimal } from "../../model/money.ts";
import { exactMoney } from "../charts/chart-money.ts";
import type { PlannedRep } from "../../model/planning/inputs.ts";
import { payoutCurveData } from "../incentives/curve-data.ts";
import { attainmentPercent } from "./chart-attainment.ts";
import type { PayScope } from "./pay-insights.ts";

/** One rep as a point: attainment and payout against target payout, both in percent. */
export interface PayoutPoint {
  repId: string;
  name: string;
  /** Credited / quota in percent to one decimal, such as "104.2". */
  attainmentPercent: string;
  /** Payout / target payout in percent to one decimal. */
  payoutPercent: string;
  payoutCents: number;
  targetPayoutCents: number;
}

/** The scatter of reps and the comp plan's curve, both in percent of target. */
export interface PayoutScatter {
  points: PayoutPoint[];
  /** The plan's curve as [attainment %, payout % of the payout at 100%], or null without one. */
  curve: [number, number][] | null;
  /** Reason the curve is missing, or the quota it was drawn at. */
  curveNote: string;
  /** Reps left out: no quota or no target payout. */
  leftOut: string[];
}

/**
 * Places the reps paid by `plan` (every rep when no plan is given or a rep
 * is not in the planning inputs) as points of attainment against payout
 * as a percent of the payout at 100% of quota. A rep's figures sum
 * several statements, so the curve is drawn for one period: the plan's
 * earnings from 0% to 200% at the median period quota of those reps (quota
 * / the rep's statements), divided by its earnings at 100%.
 * Fixed amounts (bonuses, caps) do not scale with the quota, and a sum of
 * periods is not one period at the average attainment, so a rep can sit off
 * the curve while paid correctly.
 */
export function payoutScatter(
  reps: readonly RepPayFigure[],
  statements: readonly StatementFigure[],
  plan: CompPlanRecord | null,
  plannedReps: readonly PlannedRep[],
  currency = "USD",
): PayoutScatter {
  const roles = new Map(plannedReps.map((rep) => [rep.id, rep.roleId]));
  const paid = reps.filter((rep) => {
    const roleId = roles.get(rep.repId);
    return plan === null || roleId === undefined
      ? true
      : plan.roleIds.includes(roleId);
  });
  const leftOut: string[] = [];
  const points: PayoutPoint[] = [];
  for (const rep of paid) {
    if (rep.quotaCents <= 0 || rep.targetPayoutCents <= 0) {
      leftOut.push(rep.name);
      continue;
    }
    points.push({
      repId: rep.repId,
      name: rep.name,
      attainmentPercent: attainmentPercent(rep),
      payoutPercent: tenthsToString(
        divideHalfEven(
          BigInt(rep.payoutCents) * 1000n,
          BigInt(rep.targetPayoutCents),
        ),
      ),
      payoutCents: rep.payoutCents,
      targetPayoutCents: rep.targetPayoutCents,
    });
  }

  if (plan === null) {
    return {
      points,
      leftOut,
      curve: null,
      curveNote: "The plan has no comp plan, so no curve is drawn.",
    };
  }
  if (paid.length === 0) {
    return {
      points,
      leftOut,
      curve: null,
      curveNote: `No rep you can see is on ${plan.name}, so no curve is drawn.`,
    };
  }
  const periods = new Map<string, number>();
  for (const statement of statements) {
    periods.set(statement.repId, (periods.get(statement.repId) ?? 0) + 1);
  }
  const periodQuotas = points.map((point) => {
    const rep = paid.find((r) => r.repId === point.repId)!;
    const count = Math.max(1, periods.get(rep.repId) ?? 1);
    return Number(divideHalfEven(BigInt(rep.quotaCents), BigInt(count)));
  });
  return {
    points,
    leftOut,
    ...normalisedCurve(plan, medianCents(periodQuotas), currency),
  };
}

function normalisedCurve(
  record: CompPlanRecord,
  quotaCents: number | null,
  currency: string,
): { curve: [number, number][] | null; curveNote: string } {
  if (quotaCents === null) {
    return {
      curve: null,
      curveNote: `No rep you can see on ${record.name} has a quota and a target payout, so no curve is drawn.`,
    };
  }
  const quota = centsToString(quotaCents);
  const quotaText = exactMoney(quotaCents, currency);
  try {
    const atTarget = new MoneyDecimal(
      payoutCurve(record.plan, quota, ["1"])[0].earnings,
    );
    if (atTarget.isZero()) {
      return {
        curve: null,
        curveNote: `${record.name} pays nothing at 100% of a ${quotaText} quota, so its curve cannot be shown against target payout.`,
      };
    }
    const data = payoutCurveData(record.plan, quota);
    const curve = data.points.map((point): [number, number] => [
      new MoneyDecimal(point.attainment).times(100).toNumber(),
      new MoneyDecimal(point.earnings)
        .dividedBy(atTarget)
        .times(100)
        .toNumber(),
    ]);
    return {
      curve,
      curveNote: `Curve of ${record.name} for one period at the reps' median period quota, ${quotaText}.`,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      curve: null,
      curveNote: `The curve of ${record.name} cannot be computed: ${message}`,
    };
  }
}

/** Median of whole cents; the mean of the middle two is rounded half-even. */
export function medianCents(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle];
  return Number(
    divideHalfEven(BigInt(sorted[middle - 1]) + BigInt(sorted[middle]), 2n),
  );
}

/**
 * Lists the comp plans the payout chart offers: every plan for an
 * administrator, and otherwise the plans of the visible reps' roles. A rep
 * missing from the planning inputs has no known role, so when no visible rep
 * has one every plan is listed, as payoutScatter then draws every rep.
 */
export function payoutCompPlans(
  compPlans: readonly CompPlanRecord[],
  reps: readonly RepPayFigure[],
  plannedReps: readonly PlannedRep[],
  scope: PayScope | undefined,
): CompPlanRecord[] {
  if (scope === "all") return [...compPlans];
  const roles = new Map(plannedReps.map((rep) => [rep.id, rep.roleId]));
  const visibleRoles = new Set(
    reps.flatMap((rep) => {
      const roleId = roles.get(rep.repId);
      return roleId === undefined ? [] : [roleId];
    }),
  );
  if (visibleRoles.size === 0) return [...compPlans];
  return compPlans.filter((plan) =>
    plan.roleIds.some((roleId) => visibleRoles.has(roleId)),
  );
}
