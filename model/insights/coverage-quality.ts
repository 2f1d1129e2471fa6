import { tenthsToString } from "../coverage.ts";
import { centsToString } from "../money.ts";
import { makeTrace } from "../trace.ts";
import { deviationSpread, percentOf, ratioOf } from "./arithmetic.ts";
import {
  NOT_AVAILABLE,
  type Kpi,
  type KpiBreakdownRow,
  type PlanKpiInput,
  type TerritoryFigure,
} from "./types.ts";

type Measure = "potential" | "workload";

function measureOf(territory: TerritoryFigure, measure: Measure): number {
  return measure === "potential"
    ? territory.potentialCents
    : territory.workloadTenths;
}

function measureText(measure: Measure, value: number): string {
  return measure === "potential"
    ? centsToString(value)
    : tenthsToString(BigInt(value));
}

/**
 * Computes the spread of potential or workload over territories: the max absolute and
 * the population standard deviation of each territory's percent deviation
 * from the mean. The breakdown lists each territory's deviation.
 */
export function deviationKpis(input: PlanKpiInput, measure: Measure): Kpi[] {
  const territories = input.territories;
  const values = territories.map((t) => measureOf(t, measure));
  const sum = values.reduce((a, b) => a + b, 0);
  const spread = deviationSpread(values);
  const inputs = {
    territories: String(territories.length),
    [`total ${measure}`]: measureText(measure, sum),
  };

  const breakdown: KpiBreakdownRow[] = territories.map((territory, i) => {
    const value =
      percentOf(values[i] * territories.length - sum, sum) ?? NOT_AVAILABLE;
    return {
      level: "territory",
      id: territory.id,
      name: territory.name,
      parentId: territory.regionId,
      value,
      trace: makeTrace(
        `${measure === "potential" ? "Potential" : "Workload"} deviation ${territory.name}`,
        value,
        `(${measure} x territories - total) / total x 100`,
        { [measure]: measureText(measure, values[i]), ...inputs },
      ),
    };
  });

  const max = spread?.max ?? NOT_AVAILABLE;
  const deviation = spread?.standardDeviation ?? NOT_AVAILABLE;
  const parts = breakdown.map((row) => row.trace);
  return [
    {
      id: `${measure}-deviation-max`,
      label: `Max ${measure} deviation`,
      value: max,
      unit: "percent",
      definition: `Largest absolute percent deviation of a territory's ${measure} from the mean over territories.`,
      trace: makeTrace(
        `Max ${measure} deviation`,
        max,
        "max over territories of |deviation|",
        inputs,
        parts,
      ),
      breakdown,
    },
    {
      id: `${measure}-deviation-sd`,
      label: `Standard deviation of ${measure} deviation`,
      value: deviation,
      unit: "percent",
      definition: `Population standard deviation of the territories' percent deviations of ${measure} from the mean.`,
      trace: makeTrace(
        `Standard deviation of ${measure} deviation`,
        deviation,
        "sqrt(sum of deviation^2 / territories)",
        inputs,
        parts,
      ),
      breakdown,
    },
  ];
}

/** Computes accounts and potential per rep over all territories. */
export function perRepKpis(input: PlanKpiInput): Kpi[] {
  let reps = 0;
  let accounts = 0;
  let potential = 0;
  const accountRows: KpiBreakdownRow[] = [];
  const potentialRows: KpiBreakdownRow[] = [];

  for (const t of input.territories) {
    reps += t.reps;
    accounts += t.accounts;
    potential += t.potentialCents;
    const row = { level: "territory" as const, id: t.id, name: t.name };
    const perAccount = ratioOf(t.accounts, t.reps, 1) ?? NOT_AVAILABLE;
    accountRows.push({
      ...row,
      parentId: t.regionId,
      value: perAccount,
      trace: makeTrace(
        `Accounts per rep ${t.name}`,
        perAccount,
        "accounts / reps",
        {
          accounts: String(t.accounts),
          reps: String(t.reps),
        },
      ),
    });
    const perPotential = centsPerRep(t.potentialCents, t.reps);
    potentialRows.push({
      ...row,
      parentId: t.regionId,
      value: perPotential,
      trace: makeTrace(
        `Potential per rep ${t.name}`,
        perPotential,
        "potential / reps",
        {
          potential: centsToString(t.potentialCents),
          reps: String(t.reps),
        },
      ),
    });
  }

  const accountsValue = ratioOf(accounts, reps, 1) ?? NOT_AVAILABLE;
  const potentialValue = centsPerRep(potential, reps);
  const totals = { reps: String(reps) };
  return [
    {
      id: "accounts-per-rep",
      label: "Accounts per rep",
      value: accountsValue,
      unit: "ratio",
      definition:
        "Accounts in all territories divided by all reps who carry a territory's quota.",
      trace: makeTrace("Accounts per rep", accountsValue, "accounts / reps", {
        accounts: String(accounts),
        ...totals,
      }),
      breakdown: accountRows,
    },
    {
      id: "potential-per-rep",
      label: "Potential per rep",
      value: potentialValue,
      unit: "currency",
      definition:
        "Potential of the accounts in all territories divided by all reps who carry a territory's quota.",
      trace: makeTrace(
        "Potential per rep",
        potentialValue,
        "potential / reps",
        {
          potential: centsToString(potential),
          ...totals,
        },
      ),
      breakdown: potentialRows,
    },
  ];
}

function centsPerRep(cents: number, reps: number): string {
  if (reps === 0) return NOT_AVAILABLE;
  return ratioOf(cents, reps * 100) ?? NOT_AVAILABLE;
}

/** Returns the potential of accounts in units that no territory covers. */
export function unassignedPotential(input: PlanKpiInput): Kpi {
  const assigned = input.territories.reduce((a, t) => a + t.potentialCents, 0);
  const value = centsToString(input.unassignedPotentialCents);
  const total = assigned + input.unassignedPotentialCents;
  return {
    id: "unassigned-potential",
    label: "Unassigned potential",
    value,
    unit: "currency",
    definition:
      "Potential of the accounts whose unit no territory covers and that no override pins.",
    trace: makeTrace(
      "Unassigned potential",
      value,
      "sum of unassigned account potential",
      {
        "unassigned potential": value,
        "total potential": centsToString(total),
        "share of total percent":
          percentOf(input.unassignedPotentialCents, total) ?? NOT_AVAILABLE,
      },
    ),
    breakdown: [],
  };
}

/** Counts open seats placed in territories that cover at least one account. */
export function openHeadcount(input: PlanKpiInput): Kpi {
  const covered = input.territories.filter((t) => t.accounts > 0);
  const seats = covered.reduce((a, t) => a + t.openSeats, 0);
  const value = String(seats);
  const breakdown: KpiBreakdownRow[] = covered
    .filter((t) => t.openSeats > 0)
    .map((t) => ({
      level: "territory",
      id: t.id,
      name: t.name,
      parentId: t.regionId,
      value: String(t.openSeats),
      trace: makeTrace(
        `Open headcount ${t.name}`,
        String(t.openSeats),
        "open seats",
        {
          accounts: String(t.accounts),
          "open seats": String(t.openSeats),
        },
      ),
    }));
  return {
    id: "open-headcount",
    label: "Open headcount on covered territories",
    value,
    unit: "count",
    definition:
      "Planned hires not yet filled in territories that cover at least one account.",
    trace: makeTrace(
      "Open headcount on covered territories",
      value,
      "sum of open seats over covered territories",
      { "covered territories": String(covered.length) },
      breakdown.map((row) => row.trace),
    ),
    breakdown,
  };
}
