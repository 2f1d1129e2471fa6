import { MoneyDecimal } from "../money.ts";

/**
 * Largest absolute amount of one deal, adjustment or what-if deal, so that
 * every sum of a plan's pay stays a safe integer number of cents.
 */
export const MAX_PAY_AMOUNT = new MoneyDecimal("10000000000");

/** Returns the "too large" sentence for an amount at or above MAX_PAY_AMOUNT, or null. */
export function amountLimitProblem(amount: string): string | null {
  if (new MoneyDecimal(amount).abs().lessThan(MAX_PAY_AMOUNT)) return null;
  return `is ${amount}, which is too large; values must be below 10,000,000,000.00`;
}
