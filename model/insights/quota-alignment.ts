import { centsToString, parseMoney, toCents } from "../money.ts";
import { makeTrace } from "../trace.ts";
import { percentOf } from "./arithmetic.ts";
import {
  NOT_AVAILABLE,
  type Kpi,
  type KpiBreakdownRow,
  type PlanKpiInput,
  type QuotaFigure,
} from "./types.ts";

/**
 * Trace input that counts rep-level quota nodes. Planned hires have such
 * nodes, so the count differs from the reps that accounts per rep divides by.
 */
export const REP_NODES_INPUT = "rep-level quota nodes, planned hires included";

function quotaCents(figure: QuotaFigure): number {
  return toCents(parseMoney(figure.annual, `quota of "${figure.name}"`));
}

/** Computes the company quota against the year's revenue target, as percent above the target. */
export function quotaOverTarget(input: PlanKpiInput): Kpi {
  const company = input.quotas.find((q) => q.level === "company");
  const target = input.companyTargetCents;
  const definition =
    "Percent by which the company's annual quota exceeds the year's revenue target.";
  const base = {
    id: "quota-over-target",
    label: "Quota over target",
    unit: "percent" as const,
    definition,
    breakdown: [],
  };
  if (company === undefined || target === null) {
    const missing = company === undefined ? "company quota" : "revenue target";
    return {
      ...base,
      value: NOT_AVAILABLE,
      trace: makeTrace(base.label, NOT_AVAILABLE, `missing ${missing}`, {}),
    };
  }

  const quota = quotaCents(company);
  const value = percentOf(quota - target, target) ?? NOT_AVAILABLE;
  const trace = makeTrace(
    base.label,
    value,
    "(company quota - target) / target x 100",
    { "company quota": company.annual, target: centsToString(target) },
  );
  return { ...base, value, trace };
}

/**
 * Computes over-assignment at every level: for each node with children, the percent
 * by which its children's quotas together exceed its own. The headline is
 * the quotas of every rep-level node together against the company quota.
 * The cascade gives planned hires rep-level nodes too, so this count can
 * exceed the people that accounts per rep divides by.
 */
export function quotaOverAssignment(input: PlanKpiInput): Kpi {
  const label = "Quota over-assignment";
  const cents = new Map(input.quotas.map((q) => [q.nodeId, quotaCents(q)]));
  const childSums = new Map<string, number>();
  for (const figure of input.quotas) {
    if (figure.parentId === null) continue;
    const sum = childSums.get(figure.parentId) ?? 0;
    childSums.set(figure.parentId, sum + cents.get(figure.nodeId)!);
  }

  const breakdown: KpiBreakdownRow[] = [];
  for (const figure of input.quotas) {
    const children = childSums.get(figure.nodeId);
    if (children === undefined) continue;
    const own = cents.get(figure.nodeId)!;
    const value = percentOf(children - own, own) ?? NOT_AVAILABLE;
    breakdown.push({
      level: figure.level,
      id: figure.nodeId,
      name: figure.name,
      parentId: figure.parentId,
      value,
      trace: makeTrace(
        `${label} ${figure.name}`,
        value,
        "(children's quotas - own quota) / own quota x 100",
        {
          "own quota": figure.annual,
          "children's quotas": centsToString(children),
        },
      ),
    });
  }

  const company = input.quotas.find((q) => q.level === "company");
  const repNodes = input.quotas.filter((q) => q.level === "rep");
  const repSum = repNodes.reduce((sum, q) => sum + cents.get(q.nodeId)!, 0);
  const companyCents = company === undefined ? 0 : cents.get(company.nodeId)!;
  const value =
    company === undefined || repNodes.length === 0
      ? NOT_AVAILABLE
      : (percentOf(repSum - companyCents, companyCents) ?? NOT_AVAILABLE);
  const trace = makeTrace(
    label,
    value,
    "(sum of rep-level quotas - company quota) / company quota x 100",
    {
      "company quota": centsToString(companyCents),
      "sum of rep-level quotas": centsToString(repSum),
      [REP_NODES_INPUT]: String(repNodes.length),
    },
  );
  return {
    id: "quota-over-assignment",
    label,
    value,
    unit: "percent",
    definition:
      "Percent by which the quotas one level down exceed the quota they split, from the company to the reps.",
    trace,
    breakdown,
  };
}

/** Computes territory quota as a percent of the territory's potential. */
export function quotaToPotential(input: PlanKpiInput): Kpi {
  const label = "Quota to potential";
  const byId = new Map(input.quotas.map((q) => [q.nodeId, q]));
  let quotaSum = 0;
  let potentialSum = 0;

  const breakdown: KpiBreakdownRow[] = [];
  for (const territory of input.territories) {
    const figure = byId.get(territory.id);
    if (figure === undefined) continue;
    const quota = quotaCents(figure);
    quotaSum += quota;
    potentialSum += territory.potentialCents;
    const value = percentOf(quota, territory.potentialCents) ?? NOT_AVAILABLE;
    breakdown.push({
      level: "territory",
      id: territory.id,
      name: territory.name,
      parentId: territory.regionId,
      value,
      trace: makeTrace(
        `${label} ${territory.name}`,
        value,
        "quota / potential x 100",
        {
          quota: figure.annual,
          potential: centsToString(territory.potentialCents),
        },
      ),
    });
  }

  const value = percentOf(quotaSum, potentialSum) ?? NOT_AVAILABLE;
  return {
    id: "quota-to-potential",
    label,
    value,
    unit: "percent",
    definition:
      "Territory quotas as a percent of the potential of the accounts the territories cover.",
    trace: makeTrace(
      label,
      value,
      "sum of territory quotas / sum of territory potential x 100",
      {
        "territory quotas": centsToString(quotaSum),
        "territory potential": centsToString(potentialSum),
      },
      breakdown.map((row) => row.trace),
    ),
    breakdown,
  };
}
