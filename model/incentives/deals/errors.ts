/** Invalid rate table entry. The message names the entry and the fix. */
export class RateTableError extends Error {
  override name = "RateTableError";
}

/** One deal that no exchange rate applies to. */
export interface MissingRate {
  dealId: string;
  currency: string;
  closeDate: string;
}

/**
 * Deals whose currency has no rate in effect on their close date. The
 * message names each deal, currency and date, and the rate to add.
 */
export class MissingRateError extends Error {
  override name = "MissingRateError";

  constructor(
    readonly missing: readonly MissingRate[],
    readonly planCurrency: string,
  ) {
    super(describeMissing(missing, planCurrency));
  }
}

/**
 * A time zone, given to read close dates, that this engine's Intl
 * rejects. The message names the zone and how to write one.
 */
export class TimeZoneError extends Error {
  override name = "TimeZoneError";

  constructor(
    readonly zone: string,
    reason: string,
  ) {
    super(`The time zone ${JSON.stringify(zone)} ${reason}.`);
  }
}

/** Invalid generator input. The message names the field, the value and the fix. */
export class DealGeneratorInputError extends Error {
  override name = "DealGeneratorInputError";
}

function describeMissing(
  missing: readonly MissingRate[],
  planCurrency: string,
): string {
  const lines = missing.map(
    (m) =>
      `deal "${m.dealId}" in ${m.currency} closed on ${m.closeDate}: add a ${m.currency} rate to ${planCurrency} with effectiveFrom on or before ${m.closeDate}`,
  );
  const count = missing.length === 1 ? "1 deal" : `${missing.length} deals`;
  return `No exchange rate applies to ${count}. ${lines.join("; ")}.`;
}
