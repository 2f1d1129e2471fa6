import { CoverageIndex } from "./coverage.ts";
import {
  addTotals,
  emptyMetricTotals,
  type MetricIndex,
  type MetricTotals,
} from "./metrics.ts";
import { parseMoney, toCents } from "./money.ts";
import { DEFAULT_WORKLOAD_WEIGHTS, weightTenths } from "./workload.ts";
import type { WorkloadWeights } from "./workload.ts";

/**
 * Named-account overrides as plain data. An override pins one account to a
 * territory regardless of the territory of its county. It runs from
 * `effectiveFrom` to `effectiveTo`, both inclusive ISO dates
 * (`YYYY-MM-DD`), and null leaves that end open. An override in effect takes
 * the account's figures out of its county and adds them to the override
 * territory, so repainting the county never moves a pinned account.
 */
export interface Override {
  accountId: string;
  territoryId: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

/** Status of an override on a date. */
export type OverrideStatus = "in-effect" | "not-yet" | "ended";

/** An account as the override figures need it. */
export interface OverrideAccount {
  id: string;
  unitId: string;
  potential: string;
  segment: string;
}

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as `YYYY-MM-DD`, such as 2027-01-01. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/**
 * Returns the status of an override on `asOf`: not yet when it starts later,
 * ended when it ended earlier, otherwise in effect. ISO dates compare as
 * strings, so both ends are inclusive.
 */
export function overrideStatus(
  override: Pick<Override, "effectiveFrom" | "effectiveTo">,
  asOf: string,
): OverrideStatus {
  if (override.effectiveFrom !== null && asOf < override.effectiveFrom)
    return "not-yet";
  if (override.effectiveTo !== null && asOf > override.effectiveTo)
    return "ended";
  return "in-effect";
}

/** Returns the overrides in effect on `asOf`, in the order given. */
export function effectiveOverrides<T extends Override>(
  overrides: readonly T[],
  asOf: string,
): T[] {
  return overrides.filter((o) => overrideStatus(o, asOf) === "in-effect");
}

/** Per-unit figures without the pinned accounts, and what the pins add to each territory. */
export interface OverrideFigures {
  /** The unit index with every applied override's account taken out of its county. */
  index: MetricIndex;
  /** Territory id -> accounts, potential and workload of its pinned accounts; units and population stay 0. */
  base: Map<string, MetricTotals>;
  /** The overrides that changed the figures. */
  applied: Override[];
  /** Overrides left out: the account is not in the dataset, or the territory is not a territory of the plan. */
  ignored: {
    override: Override;
    reason: "unknown-account" | "unknown-territory";
  }[];
}

/**
 * Moves the accounts of `overrides` out of their counties and into a
 * per-territory base. Pass only the overrides in effect. The result's index
 * is a copy, so `index` stays the figures of every account by county.
 * Totals stay integers (cents and tenths), so sums remain exact.
 */
export function applyOverrides(
  index: MetricIndex,
  accounts: ReadonlyMap<string, OverrideAccount>,
  overrides: readonly Override[],
  territoryIds: ReadonlySet<string>,
  weights: WorkloadWeights = DEFAULT_WORKLOAD_WEIGHTS,
): OverrideFigures {
  const coverage = copyCoverage(index.coverage);
  const workloadTenths = Float64Array.from(index.workloadTenths);
  const base = new Map<string, MetricTotals>();
  const applied: Override[] = [];
  const ignored: OverrideFigures["ignored"] = [];

  for (const override of overrides) {
    const account = accounts.get(override.accountId);
    const i = account ? coverage.indexOf.get(account.unitId) : undefined;
    if (!account || i === undefined) {
      ignored.push({ override, reason: "unknown-account" });
      continue;
    }
    if (!territoryIds.has(override.territoryId)) {
      ignored.push({ override, reason: "unknown-territory" });
      continue;
    }

    const figures = accountFigures(account, weights);
    coverage.accounts[i] -= 1;
    coverage.potentialCents[i] -= figures.potentialCents;
    workloadTenths[i] -= figures.workloadTenths;

    let totals = base.get(override.territoryId);
    if (!totals) {
      totals = emptyMetricTotals();
      base.set(override.territoryId, totals);
    }
    totals.accounts += 1;
    totals.potentialCents += figures.potentialCents;
    totals.workloadTenths += figures.workloadTenths;
    applied.push(override);
  }
  return { index: { coverage, workloadTenths }, base, applied, ignored };
}

/** Returns one account's potential in cents and workload in tenths. */
export function accountFigures(
  account: OverrideAccount,
  weights: WorkloadWeights = DEFAULT_WORKLOAD_WEIGHTS,
): { potentialCents: number; workloadTenths: number } {
  const potentialCents = toCents(
    parseMoney(account.potential, `potential of account "${account.id}"`),
  );
  const weight = weights.segments[account.segment] ?? weights.other;
  return {
    potentialCents,
    workloadTenths: weightTenths(weight, account.segment),
  };
}

/**
 * Returns the base of each territory as the optimizer's `baseWeight`: the
 * metric its pinned accounts add apart from its units. Population has no
 * base, because an account does not move the people of its county.
 */
export function baseWeights(
  base: ReadonlyMap<string, MetricTotals>,
  metric: "population" | "potential" | "accounts",
): Map<string, number> {
  const weights = new Map<string, number>();
  for (const [territoryId, totals] of base) {
    if (metric === "potential") weights.set(territoryId, totals.potentialCents);
    else if (metric === "accounts") weights.set(territoryId, totals.accounts);
    else weights.set(territoryId, 0);
  }
  return weights;
}

/**
 * Returns per-territory sums with each territory's base added, as new
 * objects, so sums kept between calls stay untouched. A base of a
 * territory missing from `sums` is left out.
 */
export function withBase<T extends { territories: Map<string, MetricTotals> }>(
  sums: T,
  base: ReadonlyMap<string, MetricTotals>,
): T {
  if (base.size === 0) return sums;
  const territories = new Map<string, MetricTotals>();
  for (const [id, totals] of sums.territories) {
    const sum = { ...totals };
    const extra = base.get(id);
    if (extra) addTotals(sum, extra);
    territories.set(id, sum);
  }
  return { ...sums, territories };
}

// A CoverageIndex over the same units with copies of the per-unit sums.
function copyCoverage(index: CoverageIndex): CoverageIndex {
  const copy = new CoverageIndex(
    index.unitIds.map((id, i) => ({ id, population: index.population[i] })),
    [],
  );
  copy.accounts.set(index.accounts);
  copy.potentialCents.set(index.potentialCents);
  return copy;
}
