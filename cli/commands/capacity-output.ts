import type {
  CapacityResult,
  MonthFigures,
} from "../../model/capacity/capacity.ts";
import type { HirePlan } from "../../model/capacity/hires.ts";
import { csvField } from "../../model/io/csv.ts";
import {
  describeTrace,
  type MoneyFigure,
  type Trace,
} from "../../model/trace.ts";

/** Capacity of the planned team, and hires needed when targets and a role were given. */
export interface CapacityReport {
  result: CapacityResult;
  roleIds: string[];
  /** Hires of one role that close the shortfalls, or null without targets. */
  hires: { roleId: string; plan: HirePlan } | null;
}

/**
 * Formats the months as CSV, one row a month. Target and gap are empty
 * without targets. The hires-needed section follows after a blank line.
 */
export function formatCapacityCsv(report: CapacityReport): string {
  const header = [
    "period",
    ...report.roleIds.map((id) => `capacity_${id}`),
    "total_capacity",
    "target",
    "gap",
    "cost_of_sales",
  ];
  const lines = [header.map(csvField).join(",")];
  for (const month of report.result.months) {
    lines.push(monthRow(month).map(csvField).join(","));
  }

  if (report.hires !== null) {
    lines.push("", "gap_period,role,hires,start_period,capacity_per_hire,note");
    for (const row of hireRows(report.hires.plan, report.hires.roleId)) {
      lines.push(row.map(csvField).join(","));
    }
  }
  return lines.join("\n") + "\n";
}

/** Lists recommended hires and unclosable shortfalls together, in month order. */
function hireRows(plan: HirePlan, roleId: string): string[][] {
  const rows = plan.recommendations.map((hire) => [
    hire.gapMonthId,
    hire.roleId,
    String(hire.count),
    hire.startMonthId,
    hire.capacityPerHire,
    "",
  ]);
  for (const gap of plan.unclosable) {
    const note = `unclosable shortfall of ${gap.gap}: ${gap.reason}`;
    rows.push([gap.monthId, roleId, "", "", "", note]);
  }
  return rows.sort((a, b) => a[0].localeCompare(b[0]));
}

function monthRow(month: MonthFigures): string[] {
  return [
    month.monthId,
    ...month.roles.map((role) => role.capacity.amount),
    month.capacity.amount,
    month.target?.amount ?? "",
    month.gap?.amount ?? "",
    month.costOfSales.amount,
  ];
}

/**
 * Formats the months and hires as JSON. Each money figure carries its trace
 * as one line of text and as the full tree with the traces of its parts.
 */
export function formatCapacityJson(report: CapacityReport): string {
  const months = report.result.months.map((month) => ({
    period: month.monthId,
    label: month.label,
    headcount: month.headcount,
    roles: month.roles.map((role) => ({
      roleId: role.roleId,
      headcount: role.headcount,
      expectedLeavers: role.expectedLeavers,
      backfillsStarting: role.backfillsStarting,
      capacity: figureJson(role.capacity),
      costOfSales: figureJson(role.costOfSales),
    })),
    capacity: figureJson(month.capacity),
    target: month.target === null ? null : figureJson(month.target),
    gap: month.gap === null ? null : figureJson(month.gap),
    costOfSales: figureJson(month.costOfSales),
  }));

  const hiresNeeded =
    report.hires === null
      ? null
      : hiresJson(report.hires.roleId, report.hires.plan);
  const body = { fiscalYear: report.result.year.id, months, hiresNeeded };
  return JSON.stringify(body, null, 2) + "\n";
}

function hiresJson(roleId: string, plan: HirePlan) {
  return {
    roleId,
    recommendations: plan.recommendations.map((hire) => ({
      gapPeriod: hire.gapMonthId,
      roleId: hire.roleId,
      count: hire.count,
      startPeriod: hire.startMonthId,
      capacityPerHire: hire.capacityPerHire,
      trace: describeTrace(hire.trace),
      traceDetail: hire.trace,
    })),
    unclosable: plan.unclosable.map((gap) => ({
      period: gap.monthId,
      gap: gap.gap,
      reason: gap.reason,
    })),
  };
}

function figureJson(figure: MoneyFigure): {
  amount: string;
  trace: string;
  traceDetail: Trace;
} {
  return {
    amount: figure.amount,
    trace: describeTrace(figure.trace),
    traceDetail: figure.trace,
  };
}
