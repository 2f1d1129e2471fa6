import type { DealContext } from "./context.ts";
import { CreditingInputError } from "./errors.ts";
import { creditOverlays } from "./overlays.ts";
import { inEffect } from "./periods.ts";
import { creditPrimary } from "./primary.ts";
import { creditRollups } from "./rollup.ts";
import { resolveTerritory, territoryLookup } from "./territory.ts";
import type {
  Credit,
  CreditingInput,
  CreditingProblem,
  TerritoryLookup,
} from "./types.ts";
import { checkTables, listOf } from "./validate-tables.ts";
import { parseDeals, type ParsedDeal } from "./validate-deals.ts";

/**
 * Credits every deal: the primary credits (split, named-account or
 * territory) that add up exactly to the deal amount, then the overlay and
 * roll-up credits on top. Raises CreditingInputError listing every invalid
 * row and every deal that cannot be credited, and then credits nothing.
 */
export function creditDeals(input: CreditingInput): Credit[] {
  const problems: CreditingProblem[] = [];
  const deals = parseDeals(listOf("deals", input.deals, problems), problems);
  checkTables(input, problems);
  if (problems.length > 0) throw new CreditingInputError(problems);

  const lookup = territoryLookup(input);
  const credits: Credit[] = [];
  for (const deal of deals) {
    const dealCredits = creditDeal(deal, input, lookup);
    if (Array.isArray(dealCredits)) {
      credits.push(...dealCredits);
    } else {
      problems.push(dealCredits);
    }
  }

  if (problems.length > 0) throw new CreditingInputError(problems);
  return credits;
}

function creditDeal(
  deal: ParsedDeal,
  input: CreditingInput,
  lookup: TerritoryLookup,
): Credit[] | CreditingProblem {
  const { accountId, closeDate } = deal.deal;
  const overrides = input.overrides ?? [];
  const context: DealContext = {
    rules: inEffect(input.rules, closeDate),
    territory: resolveTerritory(accountId, closeDate, overrides, lookup),
    territoryReps: input.territoryReps,
    managers: input.managers ?? [],
  };

  const primary = creditPrimary(deal, context);
  if (!primary.ok) return dealProblem(deal, primary.reason);
  const rollups = creditRollups(deal, primary.value, context);
  if (!rollups.ok) return dealProblem(deal, rollups.reason);

  return [...primary.value, ...creditOverlays(deal, context), ...rollups.value];
}

function dealProblem(deal: ParsedDeal, reason: string): CreditingProblem {
  return {
    list: "deals",
    line: deal.line,
    field: "id",
    value: deal.deal.id,
    reason,
  };
}
