import { divideHalfEven, tenthsToString } from "../coverage.ts";
import { BalanceInputError } from "./errors.ts";

/**
 * Exact balance arithmetic. With n territories and a grand total S, a
 * territory with total T has the offset n*T - S, and its deviation from the
 * mean is offset / S. Offsets are integers, so every comparison against the
 * tolerance is exact, and percentages are rounded only for display.
 */

/** Basis points (hundredths of a percent) in one whole: 100% = 10,000. */
const BASIS_POINTS_PER_WHOLE = 10_000n;

const TOLERANCE_PATTERN = /^\d+(\.\d{1,2})?$/;

/**
 * Parses a tolerance in percent, such as "5" or "2.5", into basis points.
 * At most two decimals are kept exactly, so 2.25 is 225 basis points.
 */
export function parseTolerancePercent(value: string | number): number {
  const text = typeof value === "number" ? String(value) : value.trim();
  if (!TOLERANCE_PATTERN.test(text)) {
    throw new BalanceInputError(
      `Invalid tolerance ${JSON.stringify(String(value))}: write a percentage from 0 to 1000 with at most two decimals, such as 5 or 2.5.`,
    );
  }
  const [whole, fraction = ""] = text.split(".");
  const basisPoints = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (basisPoints > 100_000) {
    throw new BalanceInputError(
      `Tolerance ${text}% is above 1000%. Write a percentage from 0 to 1000.`,
    );
  }
  return basisPoints;
}

/**
 * Returns the largest offset magnitude within the tolerance:
 * |n*T - S| <= floor(bp * S / 10,000) exactly when |deviation| <= bp / 100 percent,
 * because offsets are integers.
 */
export function allowedOffset(
  toleranceBasisPoints: number,
  total: number,
): number {
  return Number(
    (BigInt(toleranceBasisPoints) * BigInt(total)) / BASIS_POINTS_PER_WHOLE,
  );
}

/** Formats an offset as a percent of the total with one decimal, rounded half-even; null for a zero total. */
export function offsetPercent(offset: number, total: number): string | null {
  if (total === 0) return null;
  return tenthsToString(divideHalfEven(BigInt(offset) * 1000n, BigInt(total)));
}
