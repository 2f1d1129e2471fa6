import { centsToString, MoneyDecimal, toCents } from "../money.ts";
import type { FiscalYear } from "../plan/periods.ts";
import { monthTarget, type TargetTable } from "../plan/targets.ts";
import { makeTrace, type MoneyFigure, type Trace } from "../trace.ts";
import { buildCohorts, type HireInput, type RepInput } from "./headcount.ts";
import { parseRoles, type RoleInput } from "./roles.ts";
import { HEADCOUNT_DIGITS, simulateRole, type RoleMonth } from "./simulate.ts";

export interface CapacityInput {
  year: FiscalYear;
  roles: readonly RoleInput[];
  reps: readonly RepInput[];
  hires: readonly HireInput[];
  /** Targets to compare with. Without them, months carry no target or gap. */
  targets?: TargetTable;
}

export interface RoleMonthFigures {
  roleId: string;
  /** Expected filled seats, such as "4.9500". */
  headcount: string;
  /** Expected leavers at the end of the month. */
  expectedLeavers: string;
  /** Expected backfills starting this month. */
  backfillsStarting: string;
  capacity: MoneyFigure;
  costOfSales: MoneyFigure;
}

export interface MonthFigures {
  monthId: string;
  label: string;
  roles: RoleMonthFigures[];
  headcount: string;
  capacity: MoneyFigure;
  costOfSales: MoneyFigure;
  target: MoneyFigure | null;
  /** Target minus capacity: positive is a shortfall, negative a surplus. */
  gap: MoneyFigure | null;
}

export interface CapacityResult {
  year: FiscalYear;
  months: MonthFigures[];
}

/**
 * Computes capacity, cost of sales and the gap to target for each month of
 * a fiscal year. Role figures are rounded half-even to the cent and the
 * month totals are sums of those rounded role figures.
 */
export function computeCapacity(input: CapacityInput): CapacityResult {
  const roles = parseRoles(input.roles);
  const cohorts = buildCohorts(input.year, roles, input.reps, input.hires);
  const perRole = [...roles.values()].map((role) => ({
    role,
    months: simulateRole(input.year, role, cohorts),
  }));

  const months = input.year.months.map((month, index) => {
    const roleFigures = perRole.map(({ role, months: list }) =>
      roleMonthFigures(role.id, role.name, list[index]),
    );
    return monthFigures(month.id, month.label, roleFigures, input.targets);
  });
  return { year: input.year, months };
}

function roleMonthFigures(
  roleId: string,
  roleName: string,
  month: RoleMonth,
): RoleMonthFigures {
  const capacityCents = toCents(month.capacity);
  const capacity = figure(
    capacityCents,
    makeTrace(
      `Capacity ${month.monthId} ${roleName}`,
      centsToString(capacityCents),
      "sum over cohorts of headcount x annual productivity / 12 x ramp percent / 100, rounded half-even to the cent",
      { "expected headcount": month.headcount.toFixed(HEADCOUNT_DIGITS) },
      month.parts,
    ),
  );
  const costCents = toCents(month.cost);
  const costOfSales = figure(
    costCents,
    makeTrace(
      `Cost of sales ${month.monthId} ${roleName}`,
      centsToString(costCents),
      "expected headcount x loaded cost / 12, rounded half-even to the cent",
      { "expected headcount": month.headcount.toFixed(HEADCOUNT_DIGITS) },
    ),
  );
  return {
    roleId,
    headcount: month.headcount.toFixed(HEADCOUNT_DIGITS),
    expectedLeavers: month.leavers.toFixed(HEADCOUNT_DIGITS),
    backfillsStarting: month.backfillsStarting.toFixed(HEADCOUNT_DIGITS),
    capacity,
    costOfSales,
  };
}

function monthFigures(
  monthId: string,
  label: string,
  roles: RoleMonthFigures[],
  targets: TargetTable | undefined,
): MonthFigures {
  const capacity = sumFigures(
    `Capacity ${monthId}`,
    roles.map((r) => r.capacity),
  );
  const costOfSales = sumFigures(
    `Cost of sales ${monthId}`,
    roles.map((r) => r.costOfSales),
  );
  const headcount = roles
    .reduce((sum, r) => sum.plus(r.headcount), new MoneyDecimal(0))
    .toFixed(HEADCOUNT_DIGITS);

  const target = targets ? monthTarget(targets, monthId) : null;
  const gap = target ? gapFigure(monthId, target, capacity) : null;
  return {
    monthId,
    label,
    roles,
    headcount,
    capacity,
    costOfSales,
    target,
    gap,
  };
}

function gapFigure(
  monthId: string,
  target: MoneyFigure,
  capacity: MoneyFigure,
): MoneyFigure {
  const cents = target.cents - capacity.cents;
  return figure(
    cents,
    makeTrace(
      `Gap ${monthId}`,
      centsToString(cents),
      "target - capacity (positive is a shortfall)",
      { target: target.amount, capacity: capacity.amount },
      [target.trace, capacity.trace],
    ),
  );
}

function sumFigures(name: string, parts: MoneyFigure[]): MoneyFigure {
  const cents = parts.reduce((sum, part) => sum + part.cents, 0);
  const traces: Trace[] = parts.map((part) => part.trace);
  return figure(
    cents,
    makeTrace(name, centsToString(cents), "sum over roles", {}, traces),
  );
}

function figure(cents: number, trace: Trace): MoneyFigure {
  return { cents, amount: centsToString(cents), trace };
}
