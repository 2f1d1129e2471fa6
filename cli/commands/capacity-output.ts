import type { CapacityResult } from "../../model/capacity/capacity.ts";
import type { HirePlan } from "../../model/capacity/hires.ts";
import { formatTableCsv } from "../../model/io/planning-table-csv.ts";
import {
  capacityTable,
  hirePlanTable,
  type PlanningTable,
  type RoleLabel,
} from "../../model/io/planning-tables.ts";
import {
  describeTrace,
  type MoneyFigure,
  type Trace,
} from "../../model/trace.ts";

/** Capacity of the planned team, and hires needed when targets and a role were given. */
export interface CapacityReport {
  result: CapacityResult;
  /** Roles of the input file in file order, for column headers. */
  roles: RoleLabel[];
  /** Hires of one role that close the shortfalls, or null without targets. */
  hires: { roleId: string; plan: HirePlan } | null;
}

/**
 * Builds the tables of a report: the months, then the hires needed when
 * the report has a hire plan. CSV and XLSX output write these tables.
 */
export function capacityTables(report: CapacityReport): PlanningTable[] {
  const tables = [capacityTable(report.result, report.roles)];
  if (report.hires !== null) {
    tables.push(hirePlanTable(report.hires.plan, report.hires.roleId));
  }
  return tables;
}

/**
 * Formats the months as CSV, one row a month. Target and gap are empty
 * without targets. The hires-needed table follows after a blank line.
 */
export function formatCapacityCsv(report: CapacityReport): string {
  return capacityTables(report)
    .map((table) => formatTableCsv(table))
    .join("\n");
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
