import { allocateCents, centsToString, MoneyDecimal } from "../../money.ts";
import { makeTrace } from "../../trace.ts";
import type { DealContext } from "./context.ts";
import { inEffect, resolved, unresolved, type Resolved } from "./periods.ts";
import type { Credit, CreditingRule, NamedAccountRule } from "./types.ts";
import type { ParsedDeal } from "./validate-deals.ts";

/**
 * Credits the whole deal amount by the first rule kind that applies on the
 * close date. A split rule credits the deal's splits, else a named-account
 * rule credits its rep, else a territory rule credits the reps of the
 * account's territory. Of several rules of one kind, the one listed first
 * wins. The credits add up exactly to the deal amount.
 */
export function creditPrimary(
  deal: ParsedDeal,
  context: DealContext,
): Resolved<Credit[]> {
  const splitRule = firstRule(context.rules, "split");
  if (splitRule !== undefined && deal.splits.length > 0) {
    return resolved(creditSplits(deal, splitRule.id));
  }

  const named = context.rules.find(
    (rule): rule is NamedAccountRule =>
      rule.kind === "named-account" && rule.accountId === deal.deal.accountId,
  );
  if (named !== undefined) {
    return resolved([creditNamed(deal, named)]);
  }

  const territoryRule = firstRule(context.rules, "territory");
  if (territoryRule !== undefined) {
    return creditTerritory(deal, territoryRule.id, context);
  }
  return unresolved(
    `no split, named-account or territory rule credits the deal on ${deal.deal.closeDate}; add a rule in effect on that date.`,
  );
}

function firstRule(
  rules: readonly CreditingRule[],
  kind: CreditingRule["kind"],
): CreditingRule | undefined {
  return rules.find((rule) => rule.kind === kind);
}

function creditSplits(deal: ParsedDeal, ruleId: string): Credit[] {
  const weights = deal.splits.map((split) => split.percent);
  const parts = allocateCents(deal.cents, weights);

  return deal.splits.map((split, index) => {
    const amount = centsToString(parts[index]);
    const trace = makeTrace(
      `Split credit of deal ${deal.deal.id} to ${split.repId}`,
      amount,
      "deal amount x percent / 100, rounded to the cent by the largest-remainder rule over all splits",
      {
        "deal amount": centsToString(deal.cents),
        percent: split.percent.toFixed(),
        "exact share": exactShare(deal.cents, split.percent.dividedBy(100)),
      },
    );
    return credit(deal, split.repId, amount, "split", ruleId, trace);
  });
}

function creditNamed(deal: ParsedDeal, rule: NamedAccountRule): Credit {
  const amount = centsToString(deal.cents);
  const trace = makeTrace(
    `Named-account credit of deal ${deal.deal.id} to ${rule.repId}`,
    amount,
    "whole deal amount to the rep named for the account",
    {
      "deal amount": amount,
      account: deal.deal.accountId,
      "named rep": rule.repId,
    },
  );
  return credit(deal, rule.repId, amount, "direct", rule.id, trace);
}

function creditTerritory(
  deal: ParsedDeal,
  ruleId: string,
  context: DealContext,
): Resolved<Credit[]> {
  const { closeDate, accountId } = deal.deal;
  if (!context.territory.ok) return context.territory;
  const { territoryId, source } = context.territory.value;
  if (territoryId === null) {
    return unresolved(
      `account "${accountId}" has no home territory on ${closeDate}; add a territory history row or an override that covers that date.`,
    );
  }

  const reps = territoryRepIds(territoryId, closeDate, context);
  if (reps.length === 0) {
    return unresolved(
      `territory "${territoryId}" has no rep on ${closeDate}; assign a rep for that date.`,
    );
  }

  const parts = allocateCents(
    deal.cents,
    reps.map(() => new MoneyDecimal(1)),
  );
  return resolved(
    reps.map((repId, index) => {
      const amount = centsToString(parts[index]);
      const trace = makeTrace(
        `Territory credit of deal ${deal.deal.id} to ${repId}`,
        amount,
        "deal amount / reps of the territory, rounded to the cent by the largest-remainder rule",
        {
          "deal amount": centsToString(deal.cents),
          territory: territoryId,
          "territory from": source,
          reps: reps.join(", "),
        },
      );
      return credit(deal, repId, amount, "direct", ruleId, trace);
    }),
  );
}

/** Returns the reps assigned to the territory on the date, sorted by id so shares are stable. */
function territoryRepIds(
  territoryId: string,
  date: string,
  context: DealContext,
): string[] {
  const rows = context.territoryReps.filter(
    (row) => row.territoryId === territoryId,
  );
  const ids = new Set(inEffect(rows, date).map((row) => row.repId));
  return [...ids].sort();
}

function exactShare(cents: number, fraction: MoneyDecimal): string {
  return new MoneyDecimal(cents).times(fraction).dividedBy(100).toFixed();
}

/** Builds a credit of a deal. */
export function credit(
  deal: ParsedDeal,
  repId: string,
  amount: string,
  kind: Credit["kind"],
  ruleId: string,
  trace: Credit["trace"],
): Credit {
  return { dealId: deal.deal.id, repId, amount, kind, ruleId, trace };
}
