import type Decimal from "decimal.js";
import { formatMoney, MoneyDecimal } from "../money.ts";
import { fiscalMonthSerial, type FiscalYear } from "../plan/periods.ts";
import { makeTrace, type Trace } from "../trace.ts";
import type { Cohort } from "./headcount.ts";
import { rampPercent, type Role } from "./roles.ts";

/** Exact expected figures of one role in one month, before rounding to cents. */
export interface RoleMonth {
  monthId: string;
  /** Expected seats filled during the month. */
  headcount: Decimal;
  /** Expected leavers at the end of the month. */
  leavers: Decimal;
  /** Expected backfills whose tenure month 1 is this month. */
  backfillsStarting: Decimal;
  capacity: Decimal;
  cost: Decimal;
  /** One capacity trace per cohort counted in the month. */
  parts: Trace[];
}

/** Digits kept for expected headcounts in outputs and traces. */
export const HEADCOUNT_DIGITS = 4;

/**
 * Runs one role's cohorts through the fiscal year. Each month a cohort
 * counts its expected weight, then loses weight x annual attrition / 12 at
 * the month's end, and that lost weight starts again as a backfill cohort
 * (tenure month 1) after the role's backfill months. Reps who started
 * before the plan enter month 1 with weight 1: attrition before the plan
 * is not modelled.
 */
export function simulateRole(
  year: FiscalYear,
  role: Role,
  cohorts: readonly Cohort[],
): RoleMonth[] {
  const lastSerial = fiscalMonthSerial(year.months[11]);
  const active = cohorts
    .filter((c) => c.roleId === role.id && c.startSerial <= lastSerial)
    .map((c) => ({ ...c }));
  const monthlyRate = role.annualAttritionPercent.dividedBy(100).dividedBy(12);
  const backfills = new Map<number, Cohort>();

  return year.months.map((month) => {
    const serial = fiscalMonthSerial(month);
    const starting = backfills.get(serial);
    if (starting !== undefined) active.push(starting);

    const result: RoleMonth = {
      monthId: month.id,
      headcount: new MoneyDecimal(0),
      leavers: new MoneyDecimal(0),
      backfillsStarting: starting?.weight ?? new MoneyDecimal(0),
      capacity: new MoneyDecimal(0),
      cost: new MoneyDecimal(0),
      parts: [],
    };
    for (const cohort of active) {
      if (cohort.startSerial > serial || cohort.weight.isZero()) continue;
      countCohort(result, role, cohort, serial, month.id);

      const leavers = cohort.weight.times(monthlyRate);
      cohort.weight = cohort.weight.minus(leavers);
      result.leavers = result.leavers.plus(leavers);
      scheduleBackfill(backfills, role, serial, leavers);
    }
    return result;
  });
}

function countCohort(
  result: RoleMonth,
  role: Role,
  cohort: Cohort,
  serial: number,
  monthId: string,
): void {
  const tenure = serial - cohort.startSerial + 1;
  const ramp = rampPercent(role, tenure);
  const capacity = cohort.weight
    .times(role.annualProductivity)
    .dividedBy(12)
    .times(ramp)
    .dividedBy(100);

  result.headcount = result.headcount.plus(cohort.weight);
  result.capacity = result.capacity.plus(capacity);
  result.cost = result.cost.plus(
    cohort.weight.times(role.loadedCost).dividedBy(12),
  );
  result.parts.push(
    makeTrace(
      `Capacity ${monthId} ${role.name}, ${cohort.source}`,
      formatMoney(capacity),
      "headcount x annual productivity / 12 x ramp percent / 100",
      {
        headcount: cohort.weight.toFixed(HEADCOUNT_DIGITS),
        "annual productivity": role.annualProductivity.toFixed(2),
        "tenure month": String(tenure),
        "ramp percent": ramp.toFixed(),
      },
    ),
  );
}

function scheduleBackfill(
  backfills: Map<number, Cohort>,
  role: Role,
  serial: number,
  leavers: Decimal,
): void {
  if (leavers.isZero()) return;
  const startSerial = serial + 1 + role.backfillMonths;
  const existing = backfills.get(startSerial);
  if (existing !== undefined) {
    existing.weight = existing.weight.plus(leavers);
    return;
  }
  backfills.set(startSerial, {
    roleId: role.id,
    startSerial,
    weight: leavers,
    source: "backfills",
  });
}
