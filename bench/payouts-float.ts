// The payout rules of model/incentives re-implemented with plain JS numbers
// (binary floating point), as a baseline for the payout benchmark. The
// rules and rounding points are the model's: conversion rounded to the
// cent, split credit by the largest-remainder rule, each payout line
// rounded half-even to the cent, the payable the sum of the lines. Only the
// arithmetic differs, so every difference in the results comes from it.
import type { Deal } from "../model/incentives/deals/types.ts";
import type {
  CompPlan,
  PlanComponent,
  TierBand,
} from "../model/incentives/payout/index.ts";
import type { FiscalPeriod } from "../model/incentives/statements/types.ts";
import type { PayoutBenchInput } from "./payouts-data.ts";

/** One rep-period computed with floats, in plan-currency units. */
export interface FloatStatement {
  repId: string;
  periodId: string;
  credited: number;
  payable: number;
}

/**
 * Converts, credits and pays every deal of the input with floats: one
 * statement per rep with a quota and period, in the order of
 * buildStatements (reps sorted by id, then periods). Raises on a plan part
 * the re-implementation leaves out (SPIFs, draws, clawbacks, year-to-date
 * tables), so a changed benchmark plan cannot be compared silently.
 */
export function floatStatements(input: PayoutBenchInput): FloatStatement[] {
  const reps = Object.keys(input.quotas).sort();
  const credited = new Map<string, number[]>(
    reps.map((rep) => [rep, input.periods.map(() => 0)]),
  );

  for (const deal of input.deals) {
    const period = periodIndex(input.periods, deal.closeDate);
    if (period === -1) continue;
    const amount = convertFloat(deal, input);
    const shares = splitFloat(
      amount,
      deal.splits.map((split) => Number(split.percent)),
    );
    deal.splits.forEach((split, i) => {
      const sums = credited.get(split.rep);
      if (sums !== undefined) sums[period] += shares[i];
    });
  }

  return reps.flatMap((repId) => {
    const plan = input.plans[repId];
    checkPlan(plan, repId);
    const sums = credited.get(repId)!;
    return input.periods.map((period, i) => {
      const quota = Number(input.quotas[repId][period.id]);
      return {
        repId,
        periodId: period.id,
        credited: sums[i],
        payable: payableFloat(plan, sums[i], quota),
      };
    });
  });
}

/** Rounds half-even to the cent, deciding the tie on the float value itself. */
export function roundCentsFloat(amount: number): number {
  const scaled = amount * 100;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  if (fraction > 0.5) return (floor + 1) / 100;
  if (fraction < 0.5) return floor / 100;
  return (floor % 2 === 0 ? floor : floor + 1) / 100;
}

/** Converts a deal's amount to the plan currency with the latest rate in force on the close date. */
function convertFloat(deal: Deal, input: PayoutBenchInput): number {
  const amount = Number(deal.amount);
  if (deal.currency === input.planCurrency) return amount;

  let rate: number | null = null;
  let from = "";
  for (const entry of input.rates) {
    if (entry.currency !== deal.currency) continue;
    if (entry.effectiveFrom > deal.closeDate || entry.effectiveFrom < from) {
      continue;
    }
    rate = Number(entry.rate);
    from = entry.effectiveFrom;
  }
  if (rate === null) {
    throw new Error(
      `Missing rate for ${deal.currency} on ${deal.closeDate} (deal ${deal.id}). Add one to the benchmark's rate table.`,
    );
  }
  return roundCentsFloat(amount * rate);
}

/**
 * Splits an amount by percents into cents with the largest-remainder rule:
 * each share's exact amount rounded down to the cent, then one cent each
 * to the largest remainders, ties to the earlier share.
 */
export function splitFloat(amount: number, percents: number[]): number[] {
  const exact = percents.map((percent) => (amount * percent) / 100);
  const shares = exact.map((share) => Math.floor(share * 100) / 100);
  const floorSum = shares.reduce((sum, share) => sum + share, 0);
  let left = Math.round((amount - floorSum) * 100);

  const order = exact
    .map((share, index) => ({ index, remainder: share - shares[index] }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    shares[index] += 0.01;
    left -= 1;
  }
  return shares;
}

/** Sums the component lines, each rounded to the cent, and the total cap line when the cap applies. */
function payableFloat(plan: CompPlan, credited: number, quota: number): number {
  const attainment = credited / quota;
  const lines = plan.components.map((component) =>
    componentFloat(component, credited, quota, attainment),
  );
  const earned = lines.reduce((sum, line) => sum + line, 0);

  if (plan.totalCap !== undefined && earned > Number(plan.totalCap)) {
    lines.push(roundCentsFloat(Number(plan.totalCap) - earned));
  }
  return lines.reduce((sum, line) => sum + line, 0);
}

/** Computes one component's line: the rule's amount, then the gate, then the cap, then rounding. */
function componentFloat(
  component: PlanComponent,
  credited: number,
  quota: number,
  attainment: number,
): number {
  let amount: number;
  switch (component.type) {
    case "commission":
      amount = credited * Number(component.rate);
      break;
    case "tiered":
      amount =
        component.mode === "marginal"
          ? marginalFloat(component.bands, credited, quota)
          : retroactiveFloat(component.bands, credited, attainment);
      break;
    case "bonus":
      amount =
        attainment >= Number(component.threshold)
          ? Number(component.amount)
          : 0;
      break;
    case "spif":
      throw new Error(
        `The float payout leaves out SPIF component "${component.id}". Remove it from the benchmark plan.`,
      );
  }
  if (component.gate !== undefined && attainment < Number(component.gate)) {
    amount = 0;
  }
  if (component.cap !== undefined) {
    amount = Math.min(amount, Number(component.cap));
  }
  return roundCentsFloat(amount);
}

function marginalFloat(
  bands: TierBand[],
  credited: number,
  quota: number,
): number {
  let amount = 0;
  for (const band of bands) {
    const low = quota * Number(band.from);
    const high = band.to === undefined ? credited : quota * Number(band.to);
    const inBand = Math.min(credited, high) - low;
    if (inBand <= 0) break;
    amount += inBand * Number(band.rate);
  }
  return amount;
}

function retroactiveFloat(
  bands: TierBand[],
  credited: number,
  attainment: number,
): number {
  const band =
    bands.find((b) => b.to === undefined || attainment < Number(b.to)) ??
    bands[bands.length - 1];
  return credited * Number(band.rate);
}

function periodIndex(periods: readonly FiscalPeriod[], date: string): number {
  return periods.findIndex((p) => date >= p.start && date <= p.end);
}

function checkPlan(plan: CompPlan, repId: string): void {
  const yearToDate = plan.components.some(
    (c) => c.type === "tiered" && c.basis === "yearToDate",
  );
  if (plan.draw !== undefined || plan.clawback !== undefined || yearToDate) {
    throw new Error(
      `The plan of rep "${repId}" has a draw, a clawback or a year-to-date table, which the float payout leaves out. Remove them from the benchmark plan.`,
    );
  }
}
