import type Decimal from "decimal.js";
import { formatMoney, MoneyDecimal } from "../money.ts";
import { makeTrace, type Trace } from "../trace.ts";
import {
  computeCapacity,
  type CapacityInput,
  type CapacityResult,
} from "./capacity.ts";
import { CapacityInputError } from "./errors.ts";
import type { HireInput } from "./headcount.ts";
import { parseRoles, rampPercent, type Role } from "./roles.ts";

/** Hires recommended to close the shortfall of one month. */
export interface HireRecommendation {
  /** Month whose shortfall the hires close. */
  gapMonthId: string;
  roleId: string;
  count: number;
  /** Month the hires must start in. */
  startMonthId: string;
  /** Expected capacity one such hire adds in the gap month. */
  capacityPerHire: string;
  trace: Trace;
}

/** A shortfall that no hire starting inside the fiscal year can close. */
export interface UnclosableGap {
  monthId: string;
  gap: string;
  reason: string;
}

export interface HirePlan {
  recommendations: HireRecommendation[];
  unclosable: UnclosableGap[];
  /** Capacity with the planned and the recommended hires. */
  result: CapacityResult;
}

/**
 * Recommends hires of one role, greedily month by month. For each month
 * that still has a shortfall, hires start early enough to be fully ramped
 * in it (ramp length - 1 months before), but not before the first month of
 * the year. The count is the shortfall divided by the expected capacity of
 * one hire in that month, rounded up. Later months see the hires already
 * added. Docs: docs/CAPACITY.md.
 */
export function recommendHires(input: CapacityInput, roleId: string): HirePlan {
  if (input.targets === undefined) {
    throw new CapacityInputError(
      "Targets are missing, and hires are recommended against them. Pass a target table built with buildTargets.",
    );
  }
  const role = parseRoles(input.roles).get(roleId);
  if (role === undefined) {
    throw new CapacityInputError(
      `Role ${JSON.stringify(roleId)} chosen for hiring is not defined. Choose one of the plan's roles.`,
    );
  }

  const hires: HireInput[] = [...input.hires];
  const recommendations: HireRecommendation[] = [];
  const unclosable: UnclosableGap[] = [];
  let result = computeCapacity({ ...input, hires });

  for (let index = 0; index < 12; index++) {
    const gapCents = result.months[index].gap!.cents;
    if (gapCents <= 0) continue;

    const startIndex = Math.max(0, index - (role.rampPercents.length - 1));
    const perHire = capacityPerHire(role, index - startIndex);
    const monthId = result.months[index].monthId;
    if (perHire.isZero()) {
      unclosable.push({
        monthId,
        gap: result.months[index].gap!.amount,
        reason: noCapacityReason(role, index - startIndex + 1, monthId),
      });
      continue;
    }

    const startMonthId = input.year.months[startIndex].id;
    const gap = new MoneyDecimal(gapCents).dividedBy(100);
    let count = gap.dividedBy(perHire).ceil().toNumber();
    hires.push({ roleId, monthId: startMonthId, count });
    result = computeCapacity({ ...input, hires });

    // Rounding each role to the cent can leave a one-cent shortfall.
    while (result.months[index].gap!.cents > 0) {
      hires.push({ roleId, monthId: startMonthId, count: 1 });
      count += 1;
      result = computeCapacity({ ...input, hires });
    }
    recommendations.push(
      recommendation(monthId, role, count, startMonthId, perHire, gap),
    );
  }
  return { recommendations, unclosable, result };
}

function noCapacityReason(
  role: Role,
  tenureMonth: number,
  monthId: string,
): string {
  if (role.annualProductivity.isZero()) {
    return `Role "${role.name}" has zero annual productivity, so its hires add no capacity. Choose another role.`;
  }
  return `Role "${role.name}" ramps at 0% in tenure month ${tenureMonth}, so no hire starting in this fiscal year adds capacity in ${monthId}. Plan earlier hires as existing reps or choose another role.`;
}

/** Expected capacity of one hire `monthsSinceStart` months after its start. */
function capacityPerHire(role: Role, monthsSinceStart: number): Decimal {
  const survival = new MoneyDecimal(1)
    .minus(role.annualAttritionPercent.dividedBy(100).dividedBy(12))
    .pow(monthsSinceStart);
  return survival
    .times(role.annualProductivity)
    .dividedBy(12)
    .times(rampPercent(role, monthsSinceStart + 1))
    .dividedBy(100);
}

function recommendation(
  gapMonthId: string,
  role: Role,
  count: number,
  startMonthId: string,
  perHire: Decimal,
  gap: Decimal,
): HireRecommendation {
  const trace = makeTrace(
    `Hires for ${gapMonthId}`,
    String(count),
    "ceiling(shortfall / capacity per hire), plus one hire while rounding to the cent leaves a shortfall",
    {
      shortfall: formatMoney(gap),
      "capacity per hire": formatMoney(perHire),
      role: role.name,
      "start month": startMonthId,
    },
  );
  return {
    gapMonthId,
    roleId: role.id,
    count,
    startMonthId,
    capacityPerHire: formatMoney(perHire),
    trace,
  };
}
