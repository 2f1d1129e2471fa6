import Decimal from "decimal.js";

/**
 * Exact money for Meridian.
 *
 * Amounts are decimal strings in documents, files and APIs, `Decimal` where
 * rates, splits and allocations are computed, and integer cents for bulk
 * sums over many accounts. Rounding is half-even (banker's rounding) to the
 * cent, the one rule every conversion below applies.
 */
export const MoneyDecimal = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -30,
  toExpPos: 40,
});
export type MoneyDecimal = Decimal;

/** Digits kept after the decimal point when an amount is stored. */
export const CENT_DIGITS = 2;

const MONEY_PATTERN = /^-?\d+(\.\d+)?$/;

export class MoneyFormatError extends Error {
  override name = "MoneyFormatError";
}

/** Parses a decimal string such as "1250.50"; raises on anything else. */
export function parseMoney(text: string, what = "amount"): Decimal {
  if (typeof text !== "string" || !MONEY_PATTERN.test(text.trim())) {
    throw new MoneyFormatError(
      `Invalid ${what}: ${JSON.stringify(text)}. Write a decimal number such as "1250.50", without currency signs or thousands separators.`,
    );
  }
  return new MoneyDecimal(text.trim());
}

/** Rounds an amount to whole cents, half-even, as a safe integer. */
export function toCents(amount: Decimal): number {
  const cents = amount.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
  const value = cents.toNumber();
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(
      `Amount ${amount.toFixed()} is too large to sum in integer cents.`,
    );
  }
  return value;
}

/** Converts integer cents to an exact decimal string with two digits after the point. */
export function centsToString(cents: number): string {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`Cents must be a safe integer, got ${cents}.`);
  }
  const negative = cents < 0;
  const digits = String(Math.abs(cents)).padStart(3, "0");
  const whole = digits.slice(0, -CENT_DIGITS);
  const fraction = digits.slice(-CENT_DIGITS);
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/** Converts integer cents to a Decimal amount. */
export function centsToDecimal(cents: number): Decimal {
  return new MoneyDecimal(centsToString(cents));
}

/** Formats an amount as a two-digit decimal string, rounding half-even. */
export function formatMoney(amount: Decimal): string {
  return amount.toFixed(CENT_DIGITS, Decimal.ROUND_HALF_EVEN);
}

/**
 * Splits a whole amount into parts proportional to the weights, in cents,
 * so that the parts add up exactly to the whole (largest-remainder rule).
 * Ties in the remainder go to the earlier part, so the result is stable.
 */
export function allocateCents(
  totalCents: number,
  weights: readonly Decimal[],
): number[] {
  if (!Number.isSafeInteger(totalCents)) {
    throw new RangeError(`Total must be whole cents, got ${totalCents}.`);
  }
  if (weights.length === 0) {
    throw new RangeError("Cannot allocate an amount over no parts.");
  }
  const weightSum = weights.reduce(
    (sum, w) => sum.plus(w),
    new MoneyDecimal(0),
  );
  for (const weight of weights) {
    if (weight.isNegative()) {
      throw new RangeError(
        `Allocation weight ${weight.toFixed()} is negative; weights must be zero or more.`,
      );
    }
  }
  if (weightSum.isZero()) {
    const even = weights.map(() => new MoneyDecimal(1));
    return allocateCents(totalCents, even);
  }

  const total = new MoneyDecimal(totalCents);
  const exact = weights.map((w) => total.times(w).dividedBy(weightSum));
  const floors = exact.map((x) => x.floor());
  let left = total
    .minus(floors.reduce((sum, f) => sum.plus(f), new MoneyDecimal(0)))
    .toNumber();

  const order = exact
    .map((x, index) => ({ index, remainder: x.minus(floors[index]) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  const parts = floors.map((f) => f.toNumber());
  for (const { index } of order) {
    if (left === 0) break;
    parts[index] += 1;
    left -= 1;
  }
  return parts;
}
