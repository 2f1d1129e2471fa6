import type Decimal from "decimal.js";
import { allocateCents, MoneyDecimal } from "../money.ts";
import { parseDecimal } from "./amounts.ts";
import { QuotaInputError } from "./errors.ts";

export const MONTHS_PER_YEAR = 12;

/** Parses a seasonality profile: twelve monthly percents, each 0 or more, summing to exactly 100. */
export function parseSeasonality(profile: readonly string[]): Decimal[] {
  if (!Array.isArray(profile) || profile.length !== MONTHS_PER_YEAR) {
    throw new QuotaInputError(
      `The seasonality profile has ${Array.isArray(profile) ? profile.length : "no"} months; give exactly 12 monthly percents.`,
    );
  }

  const percents = profile.map((text, i) =>
    parseDecimal(text, `seasonality percent of month ${i + 1}`),
  );
  percents.forEach((percent, i) => {
    if (percent.isNegative()) {
      throw new QuotaInputError(
        `Seasonality percent of month ${i + 1} is ${profile[i]}; use 0 or more.`,
      );
    }
  });

  const sum = percents.reduce((acc, p) => acc.plus(p), new MoneyDecimal(0));
  if (!sum.equals(100)) {
    throw new QuotaInputError(
      `Seasonality percents sum to ${sum.toFixed()}; they must sum to exactly 100.`,
    );
  }
  return percents;
}

/** Splits an annual amount in cents by month, largest remainder, so the months sum exactly to it. */
export function splitByMonth(
  annualCents: number,
  percents: readonly Decimal[],
): number[] {
  return allocateCents(annualCents, percents);
}
