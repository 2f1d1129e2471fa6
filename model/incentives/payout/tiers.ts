import type Decimal from "decimal.js";
import { MoneyDecimal } from "../../money.ts";
import { makeTrace, type Trace } from "../../trace.ts";
import type { TierBand, TierMode } from "./plan.ts";

/** Exact earnings of a rate table, with one trace part per band used. */
export interface TierResult {
  amount: Decimal;
  parts: Trace[];
}

/**
 * Applies a rate table to `credited` against `quota`. Bands must already be
 * valid (see checkBands). Marginal: each band's rate applies to the credit
 * that falls in the band. Retroactive: the rate of the band that contains
 * the attainment applies to all credit.
 */
export function applyTiers(
  mode: TierMode,
  bands: TierBand[],
  credited: Decimal,
  quota: Decimal,
): TierResult {
  return mode === "marginal"
    ? applyMarginal(bands, credited, quota)
    : applyRetroactive(bands, credited, quota);
}

function applyMarginal(
  bands: TierBand[],
  credited: Decimal,
  quota: Decimal,
): TierResult {
  let amount = new MoneyDecimal(0);
  const parts: Trace[] = [];

  for (const band of bands) {
    const low = quota.times(band.from);
    const high = band.to === undefined ? credited : quota.times(band.to);
    const inBand = MoneyDecimal.min(credited, high).minus(low);
    if (!inBand.greaterThan(0)) break;

    const earned = inBand.times(band.rate);
    amount = amount.plus(earned);
    parts.push(
      makeTrace(
        `Band ${bandName(band)}`,
        earned.toFixed(),
        "credit in band x band rate",
        { "credit in band": inBand.toFixed(), "band rate": band.rate },
      ),
    );
  }
  return { amount, parts };
}

function applyRetroactive(
  bands: TierBand[],
  credited: Decimal,
  quota: Decimal,
): TierResult {
  const attainment = credited.dividedBy(quota);
  const band = findBand(bands, attainment);
  const amount = credited.times(band.rate);
  const part = makeTrace(
    `Band ${bandName(band)}`,
    amount.toFixed(),
    "credited amount x rate of the band reached",
    { credited: credited.toFixed(), "band rate": band.rate },
  );
  return { amount, parts: [part] };
}

/** Returns the band whose range contains the attainment. */
function findBand(bands: TierBand[], attainment: Decimal): TierBand {
  const found = bands.find(
    (b) => b.to === undefined || attainment.lessThan(b.to),
  );
  // The last band is open above, so find always returns a band.
  return found ?? bands[bands.length - 1];
}

function bandName(band: TierBand): string {
  return band.to === undefined ? `${band.from}+` : `${band.from}-${band.to}`;
}
