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
