import { MoneyDecimal, toCents, centsToString } from "../../money.ts";
import { makeTrace, type MoneyFigure } from "../../trace.ts";
import {
  MissingRateError,
  RateTableError,
  type MissingRate,
} from "./errors.ts";
import { isCalendarDate } from "./fields.ts";
import type { Deal } from "./types.ts";

/** Rate from one currency to the plan currency, in force from a date on. */
export interface RateEntry {
  currency: string;
  /** First calendar day "YYYY-MM-DD" the rate applies to. */
  effectiveFrom: string;
  /** Plan-currency units per unit of `currency`, as a decimal string such as "1.0825". */
  rate: string;
}

export type RateTable = readonly RateEntry[];

/** Deal amount in the plan currency, with the rate used. */
export interface ConvertedDeal {
  dealId: string;
  currency: string;
  planCurrency: string;
  rate: string;
  /** Start of the rate used, or null when the deal is in the plan currency. */
  rateEffectiveFrom: string | null;
  amount: MoneyFigure;
}

const RATE_PATTERN = /^\d+(\.\d+)?$/;

/** Raises a RateTableError on the first invalid or repeated entry. */
export function validateRateTable(table: RateTable): void {
  const seen = new Set<string>();
  for (const entry of table) {
    const where = `Rate for ${entry.currency} from ${entry.effectiveFrom}`;
    if (!/^[A-Z]{3}$/.test(entry.currency)) {
      throw new RateTableError(
        `Invalid currency in rate table: "${entry.currency}". Use a 3-letter ISO 4217 code such as "EUR".`,
      );
    }
    if (!isCalendarDate(entry.effectiveFrom)) {
      throw new RateTableError(
        `${where} has an invalid effectiveFrom. Write it as YYYY-MM-DD.`,
      );
    }
    if (
      !RATE_PATTERN.test(entry.rate) ||
      new MoneyDecimal(entry.rate).isZero()
    ) {
      throw new RateTableError(
        `${where} has an invalid rate "${entry.rate}". Write a positive decimal such as "1.0825".`,
      );
    }
    const key = `${entry.currency} ${entry.effectiveFrom}`;
    if (seen.has(key)) {
      throw new RateTableError(
        `${where} appears twice. Keep one rate for each currency and date.`,
      );
    }
    seen.add(key);
  }
}

/** Returns the latest entry for the currency in force on the date, or null. */
export function findRate(
  table: RateTable,
  currency: string,
  date: string,
): RateEntry | null {
  let best: RateEntry | null = null;
  for (const entry of table) {
    if (entry.currency !== currency || entry.effectiveFrom > date) continue;
    if (best === null || entry.effectiveFrom > best.effectiveFrom) best = entry;
  }
  return best;
}

/**
 * Converts a deal's amount to the plan currency with the latest rate whose
 * effectiveFrom is on or before the close date, rounded half-even to the
 * cent. Raises MissingRateError when no rate applies.
 */
export function convert(
  deal: Deal,
  table: RateTable,
  planCurrency: string,
): ConvertedDeal {
  validateRateTable(table);
  validatePlanCurrency(planCurrency);
  const result = convertOne(deal, table, planCurrency);
  if ("missing" in result) {
    throw new MissingRateError([result.missing], planCurrency);
  }
  return result.converted;
}

/** Converts every deal, or raises one MissingRateError naming every deal without a rate. */
export function convertAll(
  deals: readonly Deal[],
  table: RateTable,
  planCurrency: string,
): ConvertedDeal[] {
  validateRateTable(table);
  validatePlanCurrency(planCurrency);
  const converted: ConvertedDeal[] = [];
  const missing: MissingRate[] = [];
  for (const deal of deals) {
    const result = convertOne(deal, table, planCurrency);
    if ("missing" in result) missing.push(result.missing);
    else converted.push(result.converted);
  }
  if (missing.length > 0) throw new MissingRateError(missing, planCurrency);
  return converted;
}

function validatePlanCurrency(planCurrency: string): void {
  if (/^[A-Z]{3}$/.test(planCurrency)) return;
  throw new RateTableError(
    `Invalid plan currency "${planCurrency}". Use a 3-letter ISO 4217 code such as "USD".`,
  );
}

type ConvertResult = { converted: ConvertedDeal } | { missing: MissingRate };

function convertOne(
  deal: Deal,
  table: RateTable,
  planCurrency: string,
): ConvertResult {
  if (deal.currency === planCurrency) {
    return { converted: buildConverted(deal, planCurrency, "1", null) };
  }
  const entry = findRate(table, deal.currency, deal.closeDate);
  if (entry === null) {
    const { id: dealId, currency, closeDate } = deal;
    return { missing: { dealId, currency, closeDate } };
  }
  const converted = buildConverted(
    deal,
    planCurrency,
    entry.rate,
    entry.effectiveFrom,
  );
  return { converted };
}

function buildConverted(
  deal: Deal,
  planCurrency: string,
  rate: string,
  rateEffectiveFrom: string | null,
): ConvertedDeal {
  const exact = new MoneyDecimal(deal.amount).times(rate);
  const cents = toCents(exact);
  const amount = centsToString(cents);
  const formula =
    rateEffectiveFrom === null
      ? "amount, already in the plan currency"
      : "amount x rate, rounded half-even to the cent";
  const trace = makeTrace(
    `Deal ${deal.id} in ${planCurrency}`,
    amount,
    formula,
    {
      amount: `${deal.amount} ${deal.currency}`,
      rate,
      "rate effective from": rateEffectiveFrom ?? "none needed",
      "close date": deal.closeDate,
      "exact product": exact.toFixed(),
    },
  );
  return {
    dealId: deal.id,
    currency: deal.currency,
    planCurrency,
    rate,
    rateEffectiveFrom,
    amount: { cents, amount, trace },
  };
}
