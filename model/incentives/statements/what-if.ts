import { amountLimitProblem } from "../amount-limit.ts";
import { centsToString, parseMoney, toCents } from "../../money.ts";
import { isIsoDate } from "../../overrides.ts";
import { makeTrace } from "../../trace.ts";
import type { Credit } from "../crediting/types.ts";
import { checkStatementInput } from "./check-input.ts";
import { WhatIfInputError } from "./errors.ts";
import { planFor } from "./plans.ts";
import { repStatements } from "./rep-statements.ts";
import { creditSales, dealFacts, prepareStatements } from "./statements.ts";
import type { FiscalPeriod, Statement, StatementInput } from "./types.ts";

/** Id of the hypothetical deal in a what-if statement's credits. */
export const WHAT_IF_DEAL_ID = "what-if";

/** A hypothetical deal: its amount in plan currency, product and close date. */
export interface WhatIfDeal {
  amount: string;
  product: string;
  closeDate: string;
}

/**
 * Returns the rep's statement for the period with one hypothetical deal,
 * id "what-if", credited 100% to the rep as a direct credit. The deal
 * changes nothing else: no other rep is credited and no roll-up is made.
 * Raises WhatIfInputError listing every problem of the request, or the
 * errors of buildStatements for the input.
 */
export function whatIfStatement(
  input: StatementInput,
  repId: string,
  periodId: string,
  deal: WhatIfDeal,
): Statement {
  const amount = checkRequest(input, repId, periodId, deal);
  checkStatementInput(input);

  const credits = [...creditSales(input), whatIfCredit(repId, deal, amount)];
  const facts = dealFacts(input.deals);
  facts.set(WHAT_IF_DEAL_ID, {
    closeDate: deal.closeDate,
    product: deal.product,
  });
  const setup = prepareStatements(input, credits, facts);
  const rep = repStatements(
    setup.context,
    repId,
    setup.placement.byRep.get(repId) ?? [],
  );
  return rep.statements.find((s) => s.periodId === periodId)!;
}

/** Raises WhatIfInputError unless the request is valid, and returns the amount to the cent. */
function checkRequest(
  input: StatementInput,
  repId: string,
  periodId: string,
  deal: WhatIfDeal,
): string {
  const problems: string[] = [];
  if (!Object.hasOwn(input.quotas, repId)) {
    problems.push(
      `Unknown rep "${repId}": the statement input has no quotas for it. Pick a rep with quotas.`,
    );
  } else if (planFor(input, repId) === undefined) {
    problems.push(
      `Rep "${repId}" has no comp plan, so it has no statement. Assign a comp plan to the rep first.`,
    );
  }

  const period = input.periods.find((p) => p.id === periodId);
  if (period === undefined) {
    problems.push(unknownPeriod(periodId, input.periods));
  }
  const amount = checkAmount(deal.amount, problems);
  if (typeof deal.product !== "string" || deal.product.trim() === "") {
    problems.push(
      `Missing product ${JSON.stringify(deal.product)}. Name the product of the deal.`,
    );
  }
  checkCloseDate(deal.closeDate, period, problems);
  if (input.deals.some((d) => d.id === WHAT_IF_DEAL_ID)) {
    problems.push(
      `A deal already has the id "${WHAT_IF_DEAL_ID}", which the hypothetical deal uses. Rename that deal.`,
    );
  }

  if (problems.length > 0) throw new WhatIfInputError(problems);
  return amount!;
}

function checkAmount(text: string, problems: string[]): string | undefined {
  const fix = `Write a positive amount in plan currency with at most two decimals, such as "25000.00".`;
  let amount;
  try {
    amount = parseMoney(text, "amount");
  } catch {
    problems.push(`Invalid amount ${JSON.stringify(text)}. ${fix}`);
    return undefined;
  }
  if (!amount.isPositive() || amount.isZero() || amount.decimalPlaces() > 2) {
    problems.push(`Invalid amount ${JSON.stringify(text)}. ${fix}`);
    return undefined;
  }
  const limit = amountLimitProblem(amount.toFixed());
  if (limit !== null) {
    problems.push(`Invalid amount: it ${limit}. ${fix}`);
    return undefined;
  }
  return centsToString(toCents(amount));
}

function checkCloseDate(
  date: string,
  period: FiscalPeriod | undefined,
  problems: string[],
): void {
  if (typeof date !== "string" || !isIsoDate(date)) {
    problems.push(
      `Invalid close date ${JSON.stringify(date)}. Write it as YYYY-MM-DD.`,
    );
    return;
  }
  if (period !== undefined && (date < period.start || date > period.end)) {
    problems.push(
      `Close date ${date} is outside period "${period.id}" (${period.start} to ${period.end}). Pick a date within the period.`,
    );
  }
}

function unknownPeriod(
  periodId: string,
  periods: readonly FiscalPeriod[],
): string {
  if (periods.length === 0) {
    return `Unknown period "${periodId}": the statement input has no periods. Add periods first.`;
  }
  const ids = periods.map((p) => p.id).join(", ");
  return `Unknown period "${periodId}". Pick one of: ${ids}.`;
}

function whatIfCredit(repId: string, deal: WhatIfDeal, amount: string): Credit {
  const trace = makeTrace(
    `What-if credit to ${repId}`,
    amount,
    "whole amount of the hypothetical deal to the rep",
    { amount, product: deal.product, "close date": deal.closeDate },
  );
  return {
    dealId: WHAT_IF_DEAL_ID,
    repId,
    amount,
    kind: "direct",
    ruleId: WHAT_IF_DEAL_ID,
    trace,
  };
}
