import { MoneyDecimal } from "../../money.ts";
import { isIsoDate } from "../../overrides.ts";
import { isDecimalText } from "../payout/checks.ts";
import type { Deal } from "../deals/types.ts";
import { StatementInputError } from "./errors.ts";
import { planFor } from "./plans.ts";
import type { StatementInput } from "./types.ts";

/**
 * Checks that every rep with quotas and a plan has a quota in every period,
 * that every deal was converted, and that every cancellation of a deal in
 * the input can cancel it. Raises StatementInputError listing every problem.
 */
export function checkStatementInput(input: StatementInput): void {
  const problems = [
    ...quotaProblems(input),
    ...conversionProblems(input),
    ...cancellationProblems(input.deals),
  ];
  if (problems.length > 0) throw new StatementInputError(problems);
}

function quotaProblems(input: StatementInput): string[] {
  const problems: string[] = [];
  for (const repId of Object.keys(input.quotas).sort()) {
    if (planFor(input, repId) === undefined) continue;
    for (const period of input.periods) {
      if (input.quotas[repId]?.[period.id] === undefined) {
        problems.push(
          `Missing quota for rep "${repId}" in period "${period.id}". Add it to quotas.`,
        );
      }
    }
  }
  return problems;
}

function conversionProblems(input: StatementInput): string[] {
  const converted = new Set(input.converted.map((c) => c.dealId));
  return input.deals
    .filter((deal) => !converted.has(deal.id))
    .map(
      (deal) =>
        `Missing converted amount for deal "${deal.id}". Convert every deal with convertAll.`,
    );
}

/**
 * Applies the rules of a deals file to cancellations: a negative amount
 * cancels an earlier sale of the same account and currency, and the
 * cancellations of one sale add up to at most its amount.
 */
function cancellationProblems(deals: readonly Deal[]): string[] {
  const byId = new Map(deals.map((deal) => [deal.id, deal]));
  const cancelled = new Map<string, MoneyDecimal>();
  const problems: string[] = [];

  for (const deal of deals) {
    const problem = cancellationProblem(deal, byId);
    if (problem !== null) {
      problems.push(problem);
      continue;
    }
    const sale = byId.get(deal.cancels ?? "");
    if (deal.cancels === undefined || sale === undefined) continue;

    const total = (cancelled.get(sale.id) ?? new MoneyDecimal(0)).minus(
      deal.amount,
    );
    cancelled.set(sale.id, total);
    if (isDecimalText(sale.amount) && total.greaterThan(sale.amount)) {
      problems.push(
        `Deal "${deal.id}" brings the cancellations of deal "${sale.id}" to ${total.toFixed(2)}, more than its amount ${sale.amount}. Cancel at most the deal's amount.`,
      );
    }
  }
  return problems;
}

function cancellationProblem(
  deal: Deal,
  byId: ReadonlyMap<string, Deal>,
): string | null {
  // creditDeals reports a sale's invalid amount or date, but cancellations never reach it.
  const valid = typeof deal.amount === "string" && isDecimalText(deal.amount);
  const negative = valid && new MoneyDecimal(deal.amount).isNegative();
  if (deal.cancels === undefined) {
    if (!negative) return null;
    return `Deal "${deal.id}" has the negative amount ${deal.amount} but cancels no deal. Name the cancelled deal in cancels, or make the amount positive.`;
  }
  if (!valid) {
    return `Deal "${deal.id}" has the invalid amount ${JSON.stringify(deal.amount)}. Write the cancelled amount as a negative decimal such as "-1250.00".`;
  }
  if (!isIsoDate(deal.closeDate)) {
    return `Deal "${deal.id}" has the invalid close date ${JSON.stringify(deal.closeDate)}. Write it as YYYY-MM-DD.`;
  }
  if (!negative) {
    return `Deal "${deal.id}" cancels deal "${deal.cancels}" but its amount ${deal.amount} is not negative. Write the cancelled amount as a negative number.`;
  }

  const sale = byId.get(deal.cancels);
  const names = `Deal "${deal.id}" cancels deal "${deal.cancels}"`;
  // buildStatementReport reports a cancellation of a missing deal.
  if (sale === undefined) return null;
  if (sale.id === deal.id) {
    return `${names}, itself. Name the cancelled deal.`;
  }
  if (sale.cancels !== undefined) {
    return `${names}, which is itself a cancellation. Name the original deal.`;
  }
  if (sale.account !== deal.account || sale.currency !== deal.currency) {
    return `${names}, which has account "${sale.account}" in ${sale.currency}, not "${deal.account}" in ${deal.currency}. Use the account and currency of the cancelled deal.`;
  }
  if (sale.closeDate > deal.closeDate) {
    return `${names}, which closed on ${sale.closeDate}, after the cancellation's ${deal.closeDate}. Date the cancellation on or after the deal.`;
  }
  return null;
}
