import { divideHalfEven, tenthsToString } from "../coverage.ts";
import { MoneyDecimal } from "../money.ts";

/** Digits after the point of every percent and ratio a KPI reports. */
export const KPI_DIGITS = 1;

/**
 * Returns numerator / denominator x 100 rounded half-even to one decimal,
 * or null when the denominator is zero. Both are integers, so the quotient
 * is exact in BigInt until the one rounding.
 */
export function percentOf(numerator: number, denominator: number) {
  if (denominator === 0) return null;
  const tenths = divideHalfEven(BigInt(numerator) * 1000n, BigInt(denominator));
  return tenthsToString(tenths);
}

/** Returns numerator / denominator rounded half-even to `digits`, or null for a zero denominator. */
export function ratioOf(
  numerator: number | bigint,
  denominator: number | bigint,
  digits = 2,
) {
  if (BigInt(denominator) === 0n) return null;
  const scale = 10n ** BigInt(digits);
  const scaled = divideHalfEven(BigInt(numerator) * scale, BigInt(denominator));
  return fixedToString(scaled, digits);
}

/** Formats an integer count of 10^-digits as a decimal string, such as "-1.25". */
function fixedToString(value: bigint, digits: number): string {
  const negative = value < 0n;
  const text = (negative ? -value : value).toString().padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits);
  const fraction = digits === 0 ? "" : `.${text.slice(-digits)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/**
 * Returns the max absolute and the population standard deviation of each
 * value's percent deviation from the mean, one decimal each, or null when
 * there are no values or the mean is zero. With n values and total S, a
 * deviation is (v x n - S) / S x 100. The offsets v x n - S and their
 * squares are exact in BigInt. The standard deviation's division and
 * square root round at 40 significant digits before the final rounding.
 */
export function deviationSpread(
  values: readonly number[],
): { max: string; standardDeviation: string } | null {
  const n = BigInt(values.length);
  const sum = values.reduce((total, v) => total + BigInt(v), 0n);
  if (n === 0n || sum === 0n) return null;

  let maxOffset = 0n;
  let squares = 0n;
  for (const value of values) {
    const offset = BigInt(value) * n - sum;
    const magnitude = offset < 0n ? -offset : offset;
    if (magnitude > maxOffset) maxOffset = magnitude;
    squares += offset * offset;
  }

  const deviation = new MoneyDecimal(squares.toString())
    .dividedBy(n.toString())
    .sqrt()
    .times(100)
    .dividedBy(sum.toString());
  return {
    max: tenthsToString(divideHalfEven(maxOffset * 1000n, sum)),
    standardDeviation: deviation.toFixed(KPI_DIGITS),
  };
}
