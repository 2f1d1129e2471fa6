import type { QuotaAdjustment } from "../../model/quota/types.ts";

/**
 * Parsing of what a person types or pastes into the quota grid's editable
 * cells. Amounts stay decimal strings: the text is only checked and
 * stripped of a "$" and of thousands separators, never passed through a
 * floating-point number.
 */

/** A parsed cell value: a value to store, null to clear the cell, or the reason it is invalid. */
export type ParsedCell<T> =
  { ok: true; value: T | null } | { ok: false; reason: string };

// "1250", "1,250", "1250.5", "$1,250.50": an optional "$", digits grouped by
// three with commas or not grouped at all, and at most two decimals.
const AMOUNT_PATTERN = /^\$?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/;

/**
 * Parses an adjustment: "150000" sets the annual amount, "+2000" or "-2000"
 * adds a delta to the cascade share, and empty text clears the adjustment.
 */
export function parseAdjustmentText(text: string): ParsedCell<QuotaAdjustment> {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: null };

  const sign = trimmed[0];
  if (sign === "+" || sign === "-") {
    const amount = plainAmount(trimmed.slice(1).trim());
    if (amount === null) return notAnAmount(text);
    const delta = sign === "-" && !isZero(amount) ? `-${amount}` : amount;
    return { ok: true, value: { delta } };
  }

  const amount = plainAmount(trimmed);
  if (amount === null) return notAnAmount(text);
  return { ok: true, value: { amount } };
}

/** Parses an amount of zero or more, such as prior-year bookings; empty text clears it. */
export function parseAmountText(text: string): ParsedCell<string> {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: null };
  const amount = plainAmount(trimmed);
  if (amount === null) return notAnAmount(text);
  return { ok: true, value: amount };
}

/** Writes an adjustment as a person types it: "150000" or "+2000" / "-2000". */
export function adjustmentInputText(adjustment: QuotaAdjustment): string {
  if ("amount" in adjustment) return adjustment.amount;
  return adjustment.delta.startsWith("-")
    ? adjustment.delta
    : `+${adjustment.delta}`;
}

function plainAmount(text: string): string | null {
  if (!AMOUNT_PATTERN.test(text)) return null;
  return text.replace("$", "").replaceAll(",", "");
}

function isZero(amount: string): boolean {
  return /^0+(\.0+)?$/.test(amount);
}

function notAnAmount(text: string): { ok: false; reason: string } {
  return {
    ok: false,
    reason: `'${text}' is not an amount`,
  };
}
