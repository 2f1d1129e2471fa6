import { MoneyDecimal } from "../../money.ts";
import type { Deal, DealRowError } from "./types.ts";

interface ParsedRow {
  line: number;
  deal: Deal;
}

/**
 * Checks the rules for cancellations. A negative amount must name, in the
 * `cancels` column, an earlier positive deal in the same file with the same
 * account and currency. The cancellations of one deal may not add up to
 * more than its amount, and a positive amount may not name a deal to cancel.
 */
export function checkCancellations(
  parsed: readonly ParsedRow[],
  errors: DealRowError[],
): void {
  const byId = new Map<string, Deal>();
  for (const { deal } of parsed) {
    if (!byId.has(deal.id)) byId.set(deal.id, deal);
  }
  const cancelled = new Map<string, MoneyDecimal>();

  for (const { line, deal } of parsed) {
    const reason = cancellationProblem(deal, byId);
    if (reason !== null) {
      const field = reason.field;
      const value = field === "amount" ? deal.amount : (deal.cancels ?? "");
      errors.push({ line, field, value, reason: reason.text });
      continue;
    }
    if (deal.cancels === undefined) continue;

    const total = (cancelled.get(deal.cancels) ?? new MoneyDecimal(0)).plus(
      new MoneyDecimal(deal.amount).negated(),
    );
    cancelled.set(deal.cancels, total);
    const original = byId.get(deal.cancels);
    if (original !== undefined && total.greaterThan(original.amount)) {
      errors.push({
        line,
        field: "amount",
        value: deal.amount,
        reason: `brings the cancellations of deal "${original.id}" to ${total.toFixed(2)}, more than its amount ${original.amount}. Cancel at most the deal's amount`,
      });
    }
  }
}

interface Problem {
  field: "amount" | "cancels";
  text: string;
}

function cancellationProblem(
  deal: Deal,
  byId: ReadonlyMap<string, Deal>,
): Problem | null {
  const negative = deal.amount.startsWith("-");
  if (deal.cancels === undefined) {
    if (!negative) return null;
    return {
      field: "amount",
      text: "is negative but the row cancels no deal. Put the id of the cancelled deal in the cancels column, or make the amount positive",
    };
  }
  if (!negative) {
    return {
      field: "cancels",
      text: "names a deal to cancel but the amount is positive. Write the cancelled amount as a negative number, or clear the cancels column",
    };
  }

  const original = byId.get(deal.cancels);
  if (original === undefined || original.id === deal.id) {
    return {
      field: "cancels",
      text: "is not the id of another deal in this file. Include the cancelled deal in the same file",
    };
  }
  return mismatchProblem(deal, original);
}

// Compares a cancellation with the deal it cancels.
function mismatchProblem(deal: Deal, original: Deal): Problem | null {
  const text = (what: string): Problem => ({
    field: "cancels",
    text: `names deal "${original.id}", ${what}`,
  });
  if (original.cancels !== undefined) {
    return text("which is itself a cancellation. Name the original deal");
  }
  if (original.account !== deal.account) {
    return text(
      `which belongs to account "${original.account}", not "${deal.account}". Use the same account`,
    );
  }
  if (original.currency !== deal.currency) {
    return text(
      `which is in ${original.currency}, not ${deal.currency}. Use the same currency`,
    );
  }
  if (original.closeDate > deal.closeDate) {
    return text(
      `which closed on ${original.closeDate}, after this cancellation's ${deal.closeDate}. Date the cancellation on or after the deal`,
    );
  }
  return null;
}
