import { calendarDateIn } from "../../model/incentives/deals/time-zone.ts";
import {
  isLedgerLine,
  type SettledStatement,
} from "../../model/incentives/ledger/index.ts";
import {
  payoutCurve,
  type CompPlan,
} from "../../model/incentives/payout/index.ts";
import type { Statement } from "../../model/incentives/statements/types.ts";
import type {
  DisputeFigure,
  PayKpiInput,
  RepPayFigure,
  StatementFigure,
} from "../../model/insights/types.ts";
import { MoneyDecimal, toCents } from "../../model/money.ts";
import type { Storage } from "../storage.ts";
import type { PayComputation } from "../pay/compute.ts";
import { payTimeZone, repNames } from "../pay/plan-data.ts";
import type { InsightsScope } from "./scope.ts";

/**
 * Builds the pay-side KPI inputs of the plan's fiscal year (the periods its
 * statements are computed for) over the statements of the `visible` reps.
 * - reps: per rep, the sums over the year's statements of quota, credit
 *   (every credit kind), payable (ledger lines included) and the payout the
 *   rep's comp plan gives at exactly 100% of each period's quota.
 * - statements: disputed when any dispute was raised on it, adjusted when it
 *   carries a ledger correction or adjustment.
 * - bookings and revenue: for scope "all", the stored sales closed in the
 *   year in plan currency, and revenue is those sales plus the (negative)
 *   cancellations closed in the year. For "team" and "self", the visible
 *   reps' primary (direct and split) credit, and revenue deducts the credit
 *   their statements' cancellations take back.
 * - disputes: those of the visible statements, with the calendar dates of
 *   raising and resolving in the plan's time zone.
 */
export function buildPayKpiInput(
  storage: Storage,
  planId: string,
  pay: PayComputation,
  visible: ReadonlySet<string>,
  scope: InsightsScope,
): PayKpiInput {
  const periodIds = new Set(pay.periods.map((period) => period.id));
  const settled = pay.settled.filter(
    (entry) =>
      visible.has(entry.statement.repId) &&
      periodIds.has(entry.statement.periodId),
  );
  const statements = settled.map((entry) => entry.statement);
  const { timeZone } = payTimeZone(pay.plan);

  const disputes: DisputeFigure[] = [];
  const figures: StatementFigure[] = [];
  for (const { repId, periodId, adjustments } of statements) {
    const records = storage.pay.disputes.listOfStatement(
      planId,
      repId,
      periodId,
    );
    figures.push({
      statementId: `${repId}/${periodId}`,
      repId,
      disputed: records.length > 0,
      adjusted: adjustments.some(isLedgerLine),
    });
    for (const record of records) {
      disputes.push({
        disputeId: record.id,
        openedOn: calendarDateIn(record.raisedAt, timeZone),
        resolvedOn:
          record.resolvedAt === null
            ? null
            : calendarDateIn(record.resolvedAt, timeZone),
      });
    }
  }

  const { bookedCents, revenueCents } =
    scope === "all" ? yearDealTotals(pay) : creditTotals(statements);
  return {
    statements: figures,
    reps: repFigures(pay, settled),
    bookedCents,
    revenueCents,
    disputes,
  };
}

function repFigures(
  pay: PayComputation,
  settled: readonly SettledStatement[],
): RepPayFigure[] {
  const names = repNames(pay.plan);
  const byRep = new Map<string, RepPayFigure>();
  for (const { statement } of settled) {
    const repId = statement.repId;
    let figure = byRep.get(repId);
    if (figure === undefined) {
      figure = {
        repId,
        name: names.get(repId) ?? repId,
        quotaCents: 0,
        creditedCents: 0,
        primaryCreditedCents: 0,
        payoutCents: 0,
        targetPayoutCents: 0,
      };
      byRep.set(repId, figure);
    }
    figure.quotaCents += cents(statement.quota);
    figure.creditedCents += statement.credited.cents;
    const { direct, split } = statement.creditedByKind;
    figure.primaryCreditedCents =
      (figure.primaryCreditedCents ?? 0) + direct.cents + split.cents;
    figure.payoutCents += cents(statement.payable);
    figure.targetPayoutCents += targetPayoutCents(pay, statement);
  }
  return [...byRep.values()].sort((a, b) => compare(a.repId, b.repId));
}

/**
 * Returns what the rep's comp plan pays when credit equals the period's
 * quota. A rep without a comp plan in the computation (such as one who left
 * the plan after approval) or a period without quota counts 0.
 */
function targetPayoutCents(pay: PayComputation, statement: Statement): number {
  const plan = compPlanOf(pay, statement.repId);
  if (plan === undefined || cents(statement.quota) <= 0) return 0;
  const [point] = payoutCurve(plan, statement.quota, ["1"]);
  return cents(point.earnings);
}

function compPlanOf(pay: PayComputation, repId: string): CompPlan | undefined {
  const plans = pay.input.plans;
  return "all" in plans ? plans.all : plans.byRep[repId];
}

/** Sales and sales net of cancellations, closed within the fiscal year. */
function yearDealTotals(pay: PayComputation): {
  bookedCents: number;
  revenueCents: number;
} {
  let bookedCents = 0;
  let revenueCents = 0;
  if (pay.periods.length === 0) return { bookedCents, revenueCents };
  const start = pay.periods[0].start;
  const end = pay.periods[pay.periods.length - 1].end;
  pay.input.deals.forEach((deal, index) => {
    if (deal.closeDate < start || deal.closeDate > end) return;
    const amount = pay.input.converted[index].amount.cents;
    revenueCents += amount;
    if (deal.cancels === undefined) bookedCents += amount;
  });
  return { bookedCents, revenueCents };
}

/** Primary credit of the statements, and that credit less cancelled credit. */
function creditTotals(statements: readonly Statement[]): {
  bookedCents: number;
  revenueCents: number;
} {
  let bookedCents = 0;
  let cancelledCents = 0;
  for (const statement of statements) {
    const { direct, split } = statement.creditedByKind;
    bookedCents += direct.cents + split.cents;
    for (const cancellation of statement.cancellations) {
      cancelledCents += cents(cancellation.cancelledCredit);
    }
  }
  return { bookedCents, revenueCents: bookedCents - cancelledCents };
}

function cents(amount: string): number {
  return toCents(new MoneyDecimal(amount));
}

function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
