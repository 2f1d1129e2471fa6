/**
 * The monthly capacity figures as table rows: one row per measure, one
 * cell per fiscal month, each cell with the trace that explains it.
 */

import type {
  CapacityInput,
  CapacityResult,
} from "../../model/capacity/capacity.ts";
import type { CapacityMonth } from "../charts/capacity-layout.ts";
import type { PlanningModel } from "../../model/planning/derive.ts";
import type { PlanningInputs } from "../../model/planning/inputs.ts";
import { MoneyDecimal } from "../../model/money.ts";
import { makeTrace, type MoneyFigure, type Trace } from "../../model/trace.ts";
import { formatMoney, groupDecimal } from "../format.ts";

/** One cell: the exact value (a decimal string) and its trace. */
export interface FigureCell {
  value: string;
  kind: "money" | "count";
  trace: Trace;
}

/** One row of the monthly table. */
export interface FigureRow {
  key: string;
  label: string;
  /** Rows of one role sit under the totals, indented. */
  roleId: string | null;
  /** One cell per fiscal month; null where the plan has no targets. */
  cells: (FigureCell | null)[];
}

function money(figure: MoneyFigure): FigureCell {
  return { value: figure.amount, kind: "money", trace: figure.trace };
}

/** Builds the rows: totals first, then headcount, capacity and cost per role. */
export function capacityRows(
  result: CapacityResult,
  roleNames: ReadonlyMap<string, string>,
): FigureRow[] {
  const months = result.months;
  const nameOf = (id: string) => roleNames.get(id) ?? id;

  const rows: FigureRow[] = [
    {
      key: "headcount",
      label: "Headcount",
      roleId: null,
      cells: months.map((month) => ({
        value: month.headcount,
        kind: "count",
        trace: makeTrace(
          `Headcount ${month.monthId}`,
          month.headcount,
          "sum of expected headcount over roles",
          Object.fromEntries(
            month.roles.map((r) => [nameOf(r.roleId), r.headcount]),
          ),
        ),
      })),
    },
    {
      key: "capacity",
      label: "Capacity",
      roleId: null,
      cells: months.map((m) => money(m.capacity)),
    },
    {
      key: "target",
      label: "Target",
      roleId: null,
      cells: months.map((m) => (m.target ? money(m.target) : null)),
    },
    {
      key: "gap",
      label: "Gap (target − capacity)",
      roleId: null,
      cells: months.map((m) => (m.gap ? money(m.gap) : null)),
    },
    {
      key: "cost",
      label: "Cost of sales",
      roleId: null,
      cells: months.map((m) => money(m.costOfSales)),
    },
  ];

  const roleIds = months[0]?.roles.map((r) => r.roleId) ?? [];
  for (const [index, roleId] of roleIds.entries()) {
    const name = nameOf(roleId);
    const of = (month: (typeof months)[number]) => month.roles[index];
    rows.push(
      {
        key: `headcount:${roleId}`,
        label: `${name}: headcount`,
        roleId,
        cells: months.map((month) => ({
          value: of(month).headcount,
          kind: "count",
          trace: makeTrace(
            `Headcount ${month.monthId} ${name}`,
            of(month).headcount,
            "expected filled seats: reps and hires still in the seat after monthly attrition, plus backfills that have started",
            {
              "expected leavers at month end": of(month).expectedLeavers,
              "backfills starting": of(month).backfillsStarting,
            },
          ),
        })),
      },
      {
        key: `capacity:${roleId}`,
        label: `${name}: capacity`,
        roleId,
        cells: months.map((month) => money(of(month).capacity)),
      },
      {
        key: `cost:${roleId}`,
        label: `${name}: cost of sales`,
        roleId,
        cells: months.map((month) => money(of(month).costOfSales)),
      },
    );
  }
  return rows;
}

/** Converts the result into the months the capacity chart draws. */
export function chartMonths(result: CapacityResult): CapacityMonth[] {
  return result.months.map((month) => ({
    label: month.label,
    capacity: month.capacity.amount,
    target: month.target?.amount ?? null,
    gap: month.gap?.amount ?? null,
  }));
}

/**
 * Builds the input of `recommendHires` from the plan, as derivePlanning
 * builds the input of computeCapacity (reps named in traces by name).
 * Returns null while the year or the targets have an issue.
 */
export function hiringInput(
  inputs: PlanningInputs,
  model: PlanningModel,
): CapacityInput | null {
  if (model.year === null || model.targets === null) return null;
  return {
    year: model.year,
    roles: inputs.roles,
    reps: inputs.reps.map((rep) => ({ ...rep, id: rep.name })),
    hires: inputs.hires,
    targets: model.targets,
  };
}

/**
 * Formats an exact amount for a grid cell in whole currency units, such as
 * "$1,234,568", while the trace keeps the cents. Rounds half-even like the model.
 */
export function gridMoney(amount: string, currency: string): string {
  const whole = new MoneyDecimal(amount).toFixed(0);
  return formatMoney(whole === "-0" ? "0" : whole, currency);
}

/** Formats an expected headcount such as "4.9500" to two decimals: "4.95". */
export function gridCount(headcount: string): string {
  return groupDecimal(new MoneyDecimal(headcount).toFixed(2));
}

/** Formats a cell of the monthly table. */
export function cellText(cell: FigureCell, currency: string): string {
  return cell.kind === "money"
    ? gridMoney(cell.value, currency)
    : gridCount(cell.value);
}

/** Groups a decimal trace value ("2090000.00" to "2,090,000.00") and keeps other text as it is. */
export function traceValueText(value: string): string {
  return /^-?\d+(\.\d+)?$/.test(value) ? groupDecimal(value) : value;
}
