import { divideHalfEven, tenthsToString } from "../../model/coverage.ts";
import type { RepPayFigure } from "../../model/insights/types.ts";

/** A band of attainment, from `low` percent up to but not including `high`. */
export interface AttainmentBand {
  key: string;
  label: string;
  /** Lower bound in whole percent, inclusive. */
  low: number;
  /** Upper bound in whole percent, exclusive, or null for no bound. */
  high: number | null;
  reps: { repId: string; name: string; attainmentPercent: string }[];
}

/** Reps by attainment band, with the reps left out because they have no quota. */
export interface AttainmentHistogram {
  bands: AttainmentBand[];
  /** Names of reps with a zero quota, whose attainment is undefined. */
  withoutQuota: string[];
}

/** Band edges in whole percent of quota; the last band is open above. */
export const BAND_EDGES = [0, 50, 75, 90, 100, 110, 125, 150] as const;

/**
 * Counts reps by attainment band, attainment being credited / quota. The
 * comparison with each edge is exact in integer cents (credited x 100
 * against edge x quota), so a rep at exactly 100% lands in 100–110%.
 * Negative attainment, after clawbacks, counts in the first band.
 */
export function attainmentHistogram(
  reps: readonly RepPayFigure[],
): AttainmentHistogram {
  const bands: AttainmentBand[] = BAND_EDGES.map((low, index) => {
    const high = BAND_EDGES[index + 1] ?? null;
    return {
      key: `band-${low}`,
      label: high === null ? `${low}%+` : `${low}–${high}%`,
      low,
      high,
      reps: [],
    };
  });
  const withoutQuota: string[] = [];

  for (const rep of reps) {
    if (rep.quotaCents <= 0) {
      withoutQuota.push(rep.name);
      continue;
    }
    const credited = BigInt(rep.creditedCents) * 100n;
    const quota = BigInt(rep.quotaCents);
    let index = 0;
    for (let i = BAND_EDGES.length - 1; i > 0; i--) {
      if (credited >= BigInt(BAND_EDGES[i]) * quota) {
        index = i;
        break;
      }
    }
    bands[index].reps.push({
      repId: rep.repId,
      name: rep.name,
      attainmentPercent: attainmentPercent(rep),
    });
  }
  return { bands, withoutQuota };
}

/** Returns credited / quota as a percent to one decimal, rounded half-even, such as "104.2". */
export function attainmentPercent(rep: RepPayFigure): string {
  return tenthsToString(
    divideHalfEven(BigInt(rep.creditedCents) * 1000n, BigInt(rep.quotaCents)),
  );
}
