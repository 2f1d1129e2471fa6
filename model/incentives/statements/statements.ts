import { centsToString, MoneyDecimal, toCents } from "../../money.ts";
import { makeTrace, type MoneyFigure } from "../../trace.ts";
import { creditDeals } from "../crediting/credit-deals.ts";
import type { Credit, CreditDeal } from "../crediting/types.ts";
import type { Deal } from "../deals/types.ts";
import type { ConvertedDeal } from "../deals/rates.ts";
import {
  payoutSeries,
  type CompPlan,
  type RepPeriodInput,
} from "../payout/index.ts";
import { StatementInputError } from "./errors.ts";
import type { FiscalPeriod, Statement, StatementInput } from "./types.ts";

/**
 * Credits the converted deals, then for each rep with quotas computes one
 * statement per period: the credits of deals closed in it, attainment and
 * the payout lines. Raises StatementInputError, CreditingInputError or
 * PayoutInputError listing every problem, and then builds nothing.
 *
 * NOTE: only reps named in quotas and deals closed inside a period appear.
 * Overlay and roll-up credits count on top of the deal amount, and no
 * cancellations reach the plan's clawback rule yet.
 */
export function buildStatements(input: StatementInput): Statement[] {
  const reps = Object.keys(input.quotas).sort();
  checkInput(input, reps);
  const credits = creditDeals({
    ...input.tables,
    deals: creditingDeals(input.deals, input.converted),
  });
  return reps.flatMap((repId) => repStatements(input, repId, credits));
}

function checkInput(input: StatementInput, reps: string[]): void {
  const problems: string[] = [];
  for (const repId of reps) {
    if (planFor(input, repId) === undefined) {
      problems.push(
        `Missing comp plan for rep "${repId}". Add one under plans.`,
      );
    }
    for (const period of input.periods) {
      if (input.quotas[repId]?.[period.id] === undefined) {
        problems.push(
          `Missing quota for rep "${repId}" in period "${period.id}". Add it to quotas.`,
        );
      }
    }
  }
  const converted = new Set(input.converted.map((c) => c.dealId));
  for (const deal of input.deals) {
    if (!converted.has(deal.id)) {
      problems.push(
        `Missing converted amount for deal "${deal.id}". Convert every deal with convertAll.`,
      );
    }
  }
  if (problems.length > 0) throw new StatementInputError(problems);
}

function planFor(input: StatementInput, repId: string): CompPlan | undefined {
  return "all" in input.plans ? input.plans.all : input.plans.byRep[repId];
}

/** Turns deals into crediting deals carrying their plan-currency amount. */
function creditingDeals(
  deals: readonly Deal[],
  converted: readonly ConvertedDeal[],
): CreditDeal[] {
  const amounts = new Map(converted.map((c) => [c.dealId, c.amount.amount]));
  return deals.map((deal) => ({
    id: deal.id,
    accountId: deal.account,
    amount: amounts.get(deal.id) ?? "0.00",
    closeDate: deal.closeDate,
    product: deal.product,
    ownerRepId: deal.owner,
    splits: deal.splits.map((s) => ({ repId: s.rep, percent: s.percent })),
  }));
}

function repStatements(
  input: StatementInput,
  repId: string,
  credits: readonly Credit[],
): Statement[] {
  const closeDates = new Map(input.deals.map((d) => [d.id, d.closeDate]));
  const products = new Map(input.deals.map((d) => [d.id, d.product]));
  const periods = input.periods.map((period) => {
    const own = credits.filter(
      (c) => c.repId === repId && inPeriod(closeDates.get(c.dealId), period),
    );
    return { period, own, credited: creditedFigure(repId, period, own) };
  });
  const series: RepPeriodInput[] = periods.map(({ period, own, credited }) => ({
    repId,
    periodId: period.id,
    start: period.start,
    end: period.end,
    credited: credited.amount,
    quota: input.quotas[repId]?.[period.id] ?? "0",
    productCredits: own.map((c) => ({
      dealId: c.dealId,
      product: products.get(c.dealId) ?? "",
      date: closeDates.get(c.dealId) ?? period.start,
      amount: c.amount,
    })),
  }));
  const plan = planFor(input, repId) as CompPlan;
  const payouts = payoutSeries(plan, series);
  return payouts.map((payout, index) => {
    const { own, credited } = periods[index]!;
    return {
      repId,
      periodId: payout.periodId,
      credits: own,
      credited,
      quota: series[index]!.quota,
      attainment: payout.attainment,
      lines: payout.lines,
      adjustments: payout.adjustments,
      draw: payout.draw,
      payable: payout.payable,
      payableTrace: payout.payableTrace,
    };
  });
}

function inPeriod(date: string | undefined, period: FiscalPeriod): boolean {
  return date !== undefined && date >= period.start && date <= period.end;
}

function creditedFigure(
  repId: string,
  period: FiscalPeriod,
  credits: readonly Credit[],
): MoneyFigure {
  const cents = credits.reduce(
    (sum, c) => sum + toCents(new MoneyDecimal(c.amount)),
    0,
  );
  const amount = centsToString(cents);
  const trace = makeTrace(
    `Credited ${repId} ${period.id}`,
    amount,
    "sum of the rep's credits for deals closed in the period",
    { rep: repId, period: period.id, credits: String(credits.length) },
    credits.map((c) => c.trace),
  );
  return { cents, amount, trace };
}
