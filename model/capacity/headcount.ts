import type Decimal from "decimal.js";
import { MoneyDecimal } from "../money.ts";
import {
  fiscalMonthSerial,
  monthSerial,
  type FiscalYear,
} from "../plan/periods.ts";
import { CapacityInputError } from "./errors.ts";
import type { Role } from "./roles.ts";

/** A rep already on the team. */
export interface RepInput {
  id: string;
  roleId: string;
  /** Start date as "YYYY-MM-DD". Tenure month 1 is the month that contains it. */
  startDate: string;
}

/** Planned hires of one role starting in one fiscal month. */
export interface HireInput {
  roleId: string;
  /** Fiscal month id such as "FY2027-M04". */
  monthId: string;
  count: number;
}

/**
 * A group of seats of one role that started in the same month, with the
 * expected number of them still in the seat at the start of the plan or
 * of their first month.
 */
export interface Cohort {
  roleId: string;
  /** Month serial (see monthSerial) of tenure month 1. */
  startSerial: number;
  weight: Decimal;
  /** Label of the cohort in traces, such as "rep r-17", "2 planned hires" or "backfills". */
  source: string;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Turns reps and planned hires into cohorts, checking roles, dates and months. */
export function buildCohorts(
  year: FiscalYear,
  roles: ReadonlyMap<string, Role>,
  reps: readonly RepInput[],
  hires: readonly HireInput[],
): Cohort[] {
  const cohorts: Cohort[] = [];
  for (const rep of reps) {
    checkRole(roles, rep.roleId, `rep ${JSON.stringify(rep.id)}`);
    cohorts.push({
      roleId: rep.roleId,
      startSerial: parseStartDate(rep),
      weight: new MoneyDecimal(1),
      source: `rep ${rep.id}`,
    });
  }

  for (const hire of hires) {
    const hireLabel = `hire of role ${JSON.stringify(hire.roleId)} in ${hire.monthId}`;
    checkRole(roles, hire.roleId, hireLabel);
    const month = year.months.find((m) => m.id === hire.monthId);
    if (month === undefined) {
      throw new CapacityInputError(
        `Month ${JSON.stringify(hire.monthId)} of a ${hireLabel} is not in ${year.id}. Use an id such as "${year.id}-M01".`,
      );
    }
    if (!Number.isInteger(hire.count) || hire.count < 1) {
      throw new CapacityInputError(
        `Count of ${hireLabel} is ${JSON.stringify(hire.count)}. Enter a whole number of 1 or more.`,
      );
    }
    cohorts.push({
      roleId: hire.roleId,
      startSerial: fiscalMonthSerial(month),
      weight: new MoneyDecimal(hire.count),
      source: `${hire.count} planned hire${hire.count === 1 ? "" : "s"}`,
    });
  }
  return cohorts;
}

function checkRole(
  roles: ReadonlyMap<string, Role>,
  roleId: string,
  owner: string,
): void {
  if (!roles.has(roleId)) {
    throw new CapacityInputError(
      `Role ${JSON.stringify(roleId)} of ${owner} is not defined. Add the role or correct the role id.`,
    );
  }
}

function parseStartDate(rep: RepInput): number {
  const match = DATE_PATTERN.exec(String(rep.startDate));
  const year = match ? Number(match[1]) : NaN;
  const month = match ? Number(match[2]) : NaN;
  const day = match ? Number(match[3]) : NaN;
  const valid =
    match !== null &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month);
  if (!valid) {
    throw new CapacityInputError(
      `Start date of rep ${JSON.stringify(rep.id)} is invalid: ${JSON.stringify(rep.startDate)}. Write a date as YYYY-MM-DD, such as "2026-03-15".`,
    );
  }
  return monthSerial(year, month);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return days[month - 1];
}
