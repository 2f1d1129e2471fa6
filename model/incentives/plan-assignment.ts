import { MoneyDecimal } from "../money.ts";
import { makeTrace, type Trace } from "../trace.ts";
import type { CompPlanRecord, IncentiveInputs } from "./plan-inputs.ts";

/**
 * Returns the comp plan that pays a rep: the first plan, by name then id,
 * whose roleIds contain the rep's role, or null when no plan does.
 */
export function compPlanFor(
  inputs: IncentiveInputs,
  rep: { id: string; roleId: string },
): CompPlanRecord | null {
  const plans = [...inputs.compPlans].sort(
    (a, b) => compare(a.name, b.name) || compare(a.id, b.id),
  );
  return plans.find((plan) => plan.roleIds.includes(rep.roleId)) ?? null;
}

/**
 * Returns every rep whose manager chain reaches `repId`, without `repId`
 * itself, sorted. A chain that loops (two replicas can merge one) stops
 * where it repeats.
 */
export function teamOf(
  managers: Record<string, string>,
  repId: string,
): string[] {
  const managerOf = new Map(Object.entries(managers));
  const team: string[] = [];
  for (const member of managerOf.keys()) {
    if (member !== repId && reportsTo(managerOf, member, repId)) {
      team.push(member);
    }
  }
  return team.sort(compare);
}

/** A quota per period id, with the trace of each period's amount. */
export interface TracedQuota {
  months: Record<string, string>;
  traces: Record<string, Trace>;
}

/**
 * Computes the quota of a rep who has none of their own but manages a team:
 * per period, the sum of the quotas of every rep in `teamOf(managers,
 * repId)` who has one in `quotas`. Team members without a quota, such as
 * managers below the rep, add nothing, so no quota is counted twice.
 * Returns null when no team member has a quota. Sums are exact.
 */
export function teamQuota(
  managers: Record<string, string>,
  repId: string,
  quotas: ReadonlyMap<string, Record<string, string>>,
  periodIds: readonly string[],
): TracedQuota | null {
  const members = teamOf(managers, repId).filter((id) => quotas.has(id));
  if (members.length === 0) return null;

  const months: Record<string, string> = {};
  const traces: Record<string, Trace> = {};
  for (const periodId of periodIds) {
    let sum = new MoneyDecimal(0);
    const parts: Trace[] = [];
    for (const member of members) {
      const amount = quotas.get(member)?.[periodId] ?? "0";
      sum = sum.plus(amount);
      parts.push(
        makeTrace(
          `Quota ${member} ${periodId}`,
          amount,
          "monthly quota of the team member from the quota cascade",
          { rep: member, period: periodId },
        ),
      );
    }
    const amount = sum.decimalPlaces() <= 2 ? sum.toFixed(2) : sum.toFixed();
    months[periodId] = amount;
    traces[periodId] = makeTrace(
      `Quota ${repId} ${periodId}`,
      amount,
      "sum of the monthly quotas of the rep's team, because the rep manages a team and has no quota of their own",
      { rep: repId, period: periodId, team: members.join(", ") },
      parts,
    );
  }
  return { months, traces };
}

function reportsTo(
  managerOf: ReadonlyMap<string, string>,
  member: string,
  repId: string,
): boolean {
  const seen = new Set([member]);
  let current = managerOf.get(member);
  while (current !== undefined && !seen.has(current)) {
    if (current === repId) return true;
    seen.add(current);
    current = managerOf.get(current);
  }
  return false;
}

function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
