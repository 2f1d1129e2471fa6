import { centsToString } from "../../money.ts";
import { makeTrace } from "../../trace.ts";
import type { DealContext } from "./context.ts";
import { credit } from "./primary.ts";
import type { Credit, OverlayRule } from "./types.ts";
import type { ParsedDeal } from "./validate-deals.ts";

/**
 * Credits each overlay specialist whose rule matches the deal with the
 * whole deal amount, in addition to the primary credits. A rule matches
 * when its product equals the deal's product and its territory equals the
 * account's territory on the close date, for each of the two it sets. A
 * rep matched by several rules gets one credit, from the first listed.
 */
export function creditOverlays(
  deal: ParsedDeal,
  context: DealContext,
): Credit[] {
  const territoryId = context.territory.ok
    ? context.territory.value.territoryId
    : null;
  const credited = new Set<string>();
  const credits: Credit[] = [];

  for (const rule of context.rules) {
    if (rule.kind !== "overlay" || credited.has(rule.repId)) continue;
    if (!matches(rule, deal.deal.product, territoryId)) continue;
    credited.add(rule.repId);
    credits.push(overlayCredit(deal, rule, territoryId));
  }
  return credits;
}

function matches(
  rule: OverlayRule,
  product: string,
  territoryId: string | null,
): boolean {
  if (rule.product !== undefined && rule.product !== product) return false;
  if (rule.territoryId !== undefined && rule.territoryId !== territoryId) {
    return false;
  }
  return true;
}

function overlayCredit(
  deal: ParsedDeal,
  rule: OverlayRule,
  territoryId: string | null,
): Credit {
  const amount = centsToString(deal.cents);
  const inputs: Record<string, string> = { "deal amount": amount };
  if (rule.product !== undefined) inputs.product = rule.product;
  if (rule.territoryId !== undefined) inputs.territory = territoryId ?? "";

  const trace = makeTrace(
    `Overlay credit of deal ${deal.deal.id} to ${rule.repId}`,
    amount,
    "whole deal amount to the overlay specialist, in addition to the primary credit",
    inputs,
  );
  return credit(deal, rule.repId, amount, "overlay", rule.id, trace);
}
