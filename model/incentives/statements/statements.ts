import { creditDeals } from "../crediting/credit-deals.ts";
import type { Credit, CreditDeal } from "../crediting/types.ts";
import type { ConvertedDeal } from "../deals/rates.ts";
import type { Deal } from "../deals/types.ts";
import { cancellationsByRep, missingSaleProblems } from "./cancellations.ts";
import { checkStatementInput } from "./check-input.ts";
import {
  periodIndexOf,
  placeCredits,
  unplacedProblems,
  type Placement,
  type RepStatus,
} from "./placement.ts";
import { planFor } from "./plans.ts";
import {
  repStatements,
  type DealFacts,
  type StatementContext,
} from "./rep-statements.ts";
import type { Statement, StatementInput, StatementReport } from "./types.ts";

/**
 * Computes one statement per rep with quotas and a plan, and per period.
 * It is buildStatementReport without the report of what reached no
 * statement.
 */
export function buildStatements(input: StatementInput): Statement[] {
  return buildStatementReport(input).statements;
}

/**
 * Credits the sales, then computes one statement per rep with quotas and a
 * plan, and per period: the credits of deals closed in it, attainment, the
 * clawbacks of cancellations dated in it, and the payout lines. Credits
 * and cancellations that reach no statement are listed with the reason.
 * Raises StatementInputError, CreditingInputError or PayoutInputError
 * listing every problem, and then builds nothing.
 */
export function buildStatementReport(input: StatementInput): StatementReport {
  checkStatementInput(input);
  const credits = creditSales(input);
  const setup = prepareStatements(input, credits, dealFacts(input.deals));

  const statements: Statement[] = [];
  const cancellationProblems: string[] = [];
  for (const repId of setup.reps) {
    const rep = repStatements(
      setup.context,
      repId,
      setup.placement.byRep.get(repId) ?? [],
    );
    statements.push(...rep.statements);
    cancellationProblems.push(...rep.problems);
  }

  const problems = [
    ...unplacedProblems(
      setup.placement.unplaced,
      setup.repsWithoutPlan,
      input.periods,
    ),
    ...missingSaleProblems(input.deals),
    ...cancellationProblems,
  ];
  return { statements, unplaced: setup.placement.unplaced, problems };
}

/**
 * Credits every deal that is not a cancellation. Cancellations earn no
 * credit: they reach the plan's clawback rule instead.
 */
export function creditSales(input: StatementInput): Credit[] {
  const sales = input.deals.filter((deal) => deal.cancels === undefined);
  return creditDeals({
    ...input.tables,
    deals: creditingDeals(sales, input.converted),
  });
}

/** Returns the close date and product of every deal by id. */
export function dealFacts(deals: readonly Deal[]): Map<string, DealFacts> {
  return new Map(
    deals.map((d) => [d.id, { closeDate: d.closeDate, product: d.product }]),
  );
}

/** Credits placed by rep and period, and what the rep statements read. */
export interface StatementSetup {
  context: StatementContext;
  placement: Placement;
  /** Reps with quotas and a plan, sorted by id. */
  reps: string[];
  /** Reps with quotas but no plan, sorted by id. */
  repsWithoutPlan: string[];
}

/** Places the credits by rep and period and indexes the cancellations. */
export function prepareStatements(
  input: StatementInput,
  credits: readonly Credit[],
  deals: ReadonlyMap<string, DealFacts>,
): StatementSetup {
  const quotaReps = Object.keys(input.quotas).sort();
  const withPlan = new Set(
    quotaReps.filter((id) => planFor(input, id) !== undefined),
  );
  const statusOf = (repId: string): RepStatus => {
    if (withPlan.has(repId)) return "statements";
    return Object.hasOwn(input.quotas, repId) ? "no-plan" : "no-quota";
  };
  const reps = quotaReps.filter((id) => withPlan.has(id));
  const repsWithoutPlan = quotaReps.filter((id) => !withPlan.has(id));

  const periodOfDeal = new Map(
    [...deals].map(([id, facts]) => [
      id,
      periodIndexOf(input.periods, facts.closeDate),
    ]),
  );
  const placement = placeCredits(
    credits,
    deals,
    periodOfDeal,
    statusOf,
    input.periods.length,
  );

  const creditsByDeal = new Map<string, Credit[]>();
  for (const credit of credits) {
    const list = creditsByDeal.get(credit.dealId) ?? [];
    list.push(credit);
    creditsByDeal.set(credit.dealId, list);
  }
  const cancellations = cancellationsByRep(input.deals, creditsByDeal);

  const context = { input, deals, periodOfDeal, cancellations };
  return { context, placement, reps, repsWithoutPlan };
}

/** Turns sales into crediting deals carrying their plan-currency amount. */
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
