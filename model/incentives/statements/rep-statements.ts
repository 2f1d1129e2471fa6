import type { Credit } from "../crediting/types.ts";
import {
  payoutSeries,
  type CompPlan,
  type PeriodPayout,
  type RepPeriodInput,
  type YearToDate,
} from "../payout/index.ts";
import {
  linkClawbackTraces,
  payoutCancellations,
  placeCancellations,
  type RepCancellation,
} from "./cancellations.ts";
import { creditedFigures, type CreditedFigures } from "./credited.ts";
import { planFor } from "./plans.ts";
import type {
  FiscalPeriod,
  Statement,
  StatementCancellation,
  StatementInput,
} from "./types.ts";
import { needsYearToDate, yearToDateFigures } from "./year-to-date.ts";

/** The close date and product of a deal, which place its credits and feed SPIFs. */
export interface DealFacts {
  closeDate: string;
  product: string;
}

/** Everything the statements of one rep read besides the rep's own credits. */
export interface StatementContext {
  input: StatementInput;
  deals: ReadonlyMap<string, DealFacts>;
  /** Index of the period that contains each deal's close date, or -1. */
  periodOfDeal: ReadonlyMap<string, number>;
  cancellations: ReadonlyMap<string, readonly RepCancellation[]>;
}

/**
 * Computes one rep's statement for every period, from the rep's credits by
 * period index. The rep must have quotas and a plan. Cancellations of the
 * rep's credits reach the plan's clawback rule in a second payout pass,
 * because their paid amounts come from the earnings of the first.
 */
export function repStatements(
  context: StatementContext,
  repId: string,
  periodCredits: readonly (readonly Credit[])[],
): { statements: Statement[]; problems: string[] } {
  const { input } = context;
  const plan = planFor(input, repId)!;
  const rows = input.periods.map((period, index): PeriodRow => {
    const credits = periodCredits[index] ?? [];
    const figures = creditedFigures(repId, period.id, credits);
    const quota = input.quotas[repId]?.[period.id] ?? "0";
    return { period, credits, figures, quota };
  });
  const creditedCents = rows.map((row) => row.figures.credited.cents);
  const yearToDate = needsYearToDate(plan)
    ? yearToDateFigures(
        input.periods,
        rows.map((row) => row.quota),
        creditedCents,
      )
    : undefined;

  const series = rows.map((row, index) =>
    periodInput(context, repId, row, yearToDate?.[index]),
  );
  const first = payoutSeries(plan, series);
  const placed = placeCancellations(
    repId,
    context.cancellations.get(repId) ?? [],
    {
      periods: input.periods,
      periodOfDeal: context.periodOfDeal,
      payouts: first,
      creditedCents,
    },
  );
  const payouts = withClawbacks(plan, series, first, placed.byPeriod);

  const statements = payouts.map((payout, index) => {
    const cancellations = placed.byPeriod[index]!;
    linkClawbackTraces(payout.adjustments, cancellations);
    return statement(rows[index]!, payout, yearToDate?.[index], cancellations);
  });
  return { statements, problems: placed.problems };
}

/**
 * Computes the payouts again with the cancellations as clawback input. The
 * first pass is kept when no cancellation reached a period or the plan has
 * no clawback rule, because then no payout line changes.
 */
function withClawbacks(
  plan: CompPlan,
  series: readonly RepPeriodInput[],
  first: PeriodPayout[],
  byPeriod: readonly StatementCancellation[][],
): PeriodPayout[] {
  const any = byPeriod.some((list) => list.length > 0);
  if (!any || plan.clawback === undefined) return first;

  const inputs = series.map((row, index) => ({
    ...row,
    cancellations: payoutCancellations(byPeriod[index]!),
  }));
  return payoutSeries(plan, inputs);
}

function statement(
  row: PeriodRow,
  payout: PeriodPayout,
  yearToDate: YearToDate | undefined,
  cancellations: StatementCancellation[],
): Statement {
  return {
    repId: payout.repId,
    periodId: payout.periodId,
    credits: [...row.credits],
    credited: row.figures.credited,
    creditedByKind: row.figures.byKind,
    quota: row.quota,
    attainment: payout.attainment,
    ...(yearToDate && { yearToDate }),
    cancellations,
    lines: payout.lines,
    adjustments: payout.adjustments,
    draw: payout.draw,
    payable: payout.payable,
    payableTrace: payout.payableTrace,
  };
}

/** One period of a rep: its credits, their sums and the quota. */
interface PeriodRow {
  period: FiscalPeriod;
  credits: readonly Credit[];
  figures: CreditedFigures;
  quota: string;
}

function periodInput(
  context: StatementContext,
  repId: string,
  row: PeriodRow,
  yearToDate: YearToDate | undefined,
): RepPeriodInput {
  const { period, credits } = row;
  const productCredits = credits.map((c) => {
    const deal = context.deals.get(c.dealId);
    return {
      dealId: c.dealId,
      product: deal?.product ?? "",
      date: deal?.closeDate ?? period.start,
      amount: c.amount,
    };
  });
  return {
    repId,
    periodId: period.id,
    start: period.start,
    end: period.end,
    credited: row.figures.credited.amount,
    quota: row.quota,
    ...(yearToDate && { yearToDate }),
    productCredits,
  };
}
