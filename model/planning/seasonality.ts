import { allocateCents, MoneyDecimal } from "../money.ts";

/** Hundredths of a basis point: seasonality percents carry four decimals. */
const PERCENT_UNITS = 1_000_000;

/**
 * Seasonality that follows the shape of the monthly targets: each month's
 * share of the year's total, as percents with four decimals that sum to
 * exactly 100 by the largest-remainder rule. Without any target the year
 * is split evenly.
 */
export function seasonalityFromTargets(
  monthCents: readonly number[],
): string[] {
  const total = monthCents.reduce((sum, cents) => sum + cents, 0);
  const weights = monthCents.map(
    (cents) => new MoneyDecimal(total === 0 ? 1 : cents),
  );
  return allocateCents(PERCENT_UNITS, weights).map((units) =>
    new MoneyDecimal(units).dividedBy(10_000).toFixed(4),
  );
}
