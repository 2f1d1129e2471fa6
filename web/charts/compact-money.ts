import { MoneyDecimal } from "../../model/money.ts";

const UNITS = [
  { suffix: "T", exponent: 12 },
  { suffix: "B", exponent: 9 },
  { suffix: "M", exponent: 6 },
  { suffix: "K", exponent: 3 },
] as const;

/** Significant digits a compact amount keeps, so "$1.23M" but "$123M". */
const SIGNIFICANT_DIGITS = 3;

/**
 * Formats an amount for a chart label in at most three significant digits
 * with a K, M, B or T suffix: "1234567.89" becomes "$1.23M" and "950.40"
 * becomes "$950". The amount is a decimal string or a number (an axis tick),
 * and rounding is half-even. Currencies other than USD follow the amount, as in
 * "1.23M EUR".
 */
export function formatCompactMoney(
  amount: string | number,
  currency = "USD",
): string {
  const value = new MoneyDecimal(amount);
  const negative = value.isNegative() && !value.isZero();
  const text = compactMagnitude(value.abs());

  const withCurrency = currency === "USD" ? `$${text}` : `${text} ${currency}`;
  return negative ? `-${withCurrency}` : withCurrency;
}

function compactMagnitude(value: MoneyDecimal): string {
  const whole = value.toDecimalPlaces(0, MoneyDecimal.ROUND_HALF_EVEN);
  if (whole.lessThan(1000)) return whole.toFixed(0);

  // Larger units come first, and rounding happens before the check, so
  // 999,950 reads "1M" rather than "1000K".
  for (const unit of UNITS) {
    const scaled = roundSignificant(value.dividedBy(10 ** unit.exponent));
    if (scaled.greaterThanOrEqualTo(1))
      return `${scaled.toFixed()}${unit.suffix}`;
  }
  return whole.toFixed(0);
}

function roundSignificant(value: MoneyDecimal): MoneyDecimal {
  return value.toSignificantDigits(
    SIGNIFICANT_DIGITS,
    MoneyDecimal.ROUND_HALF_EVEN,
  );
}
