import type { CapacityResult } from "../capacity/capacity.ts";
import type { HirePlan } from "../capacity/hires.ts";
import type { FiscalYear } from "../plan/periods.ts";
import type { QuotaCascadeResult } from "../quota/types.ts";

/**
 * Value type of a column. `money` values are decimal strings to the cent,
 * and `number` values are decimal strings such as "4.9500".
 */
export type ColumnKind = "text" | "money" | "number";

export interface TableColumn {
  /** Machine name such as "annual_quota", unique in the table and written as the CSV header. */
  key: string;
  /** Name for people such as "Annual quota", written as the spreadsheet header. */
  header: string;
  kind: ColumnKind;
}

/** One row: column key -> value, or null for an empty cell. */
export type TableRow = Readonly<Record<string, string | null>>;

/** A table of planning figures that CSV and spreadsheet writers share. */
export interface PlanningTable {
  /** Name such as "Quotas", used as the spreadsheet's sheet name. */
  name: string;
  columns: TableColumn[];
  rows: TableRow[];
}

const MONTHS = 12;

/**
 * Builds one row per node of a quota cascade, parents before children, with
 * the annual quota, its source and the twelve monthly quotas. Month columns
 * are headed by the fiscal month labels of `year` when it is given, such as
 * "Feb 2026", and by "Month 1" to "Month 12" otherwise.
 */
export function quotaTable(
  result: QuotaCascadeResult,
  year?: FiscalYear,
): PlanningTable {
  const monthColumns = Array.from({ length: MONTHS }, (_, index) => ({
    key: `month_${index + 1}`,
    header: year?.months[index].label ?? `Month ${index + 1}`,
    kind: "money" as const,
  }));
  const columns: TableColumn[] = [
    { key: "node_id", header: "Node id", kind: "text" },
    { key: "level", header: "Level", kind: "text" },
    { key: "name", header: "Name", kind: "text" },
    { key: "parent_id", header: "Parent id", kind: "text" },
    { key: "annual_quota", header: "Annual quota", kind: "money" },
    { key: "source", header: "Source", kind: "text" },
    ...monthColumns,
  ];

  const rows = result.quotas.map((quota) => {
    const row: Record<string, string | null> = {
      node_id: quota.nodeId,
      level: quota.level,
      name: quota.name,
      parent_id: quota.parentId,
      annual_quota: quota.annual,
      source: quota.source,
    };
    for (const month of quota.months) {
      row[`month_${month.month}`] = month.amount;
    }
    return row;
  });
  return { name: "Quotas", columns, rows };
}

/** A role's id and the name that headers show. */
export interface RoleLabel {
  id: string;
  name: string;
}

/**
 * Builds one row per fiscal month of a capacity result: expected headcount,
 * capacity and cost of sales per role, then the totals, the target and the
 * gap (target - capacity). Target and gap are empty without targets. Role
 * columns follow the order of the result and are headed by the names in
 * `roles`, or by the role id for a role missing from it.
 */
export function capacityTable(
  result: CapacityResult,
  roles: readonly RoleLabel[] = [],
): PlanningTable {
  const names = new Map(roles.map((role) => [role.id, role.name]));
  const roleIds = result.months[0]?.roles.map((role) => role.roleId) ?? [];
  const roleColumns = roleIds.flatMap((id): TableColumn[] => {
    const name = names.get(id) ?? id;
    return [
      { key: `headcount_${id}`, header: `${name} headcount`, kind: "number" },
      { key: `capacity_${id}`, header: `${name} capacity`, kind: "money" },
      {
        key: `cost_of_sales_${id}`,
        header: `${name} cost of sales`,
        kind: "money",
      },
    ];
  });
  const columns: TableColumn[] = [
    { key: "period", header: "Period", kind: "text" },
    { key: "month", header: "Month", kind: "text" },
    ...roleColumns,
    { key: "total_headcount", header: "Total headcount", kind: "number" },
    { key: "total_capacity", header: "Total capacity", kind: "money" },
    { key: "total_cost_of_sales", header: "Cost of sales", kind: "money" },
    { key: "target", header: "Target", kind: "money" },
    { key: "gap", header: "Gap", kind: "money" },
  ];

  const rows = result.months.map((month) => {
    const row: Record<string, string | null> = {
      period: month.monthId,
      month: month.label,
    };
    for (const role of month.roles) {
      row[`headcount_${role.roleId}`] = role.headcount;
      row[`capacity_${role.roleId}`] = role.capacity.amount;
      row[`cost_of_sales_${role.roleId}`] = role.costOfSales.amount;
    }
    row.total_headcount = month.headcount;
    row.total_capacity = month.capacity.amount;
    row.total_cost_of_sales = month.costOfSales.amount;
    row.target = month.target?.amount ?? null;
    row.gap = month.gap?.amount ?? null;
    return row;
  });
  return { name: "Capacity", columns, rows };
}

/**
 * Builds one row per shortfall month of a hire plan for role `roleId`: the
 * recommended hires, or, for a shortfall that no hire can close, empty
 * counts and the reason in the note. Rows are in month order, and a month
 * with both keeps the recommendation first.
 */
export function hirePlanTable(plan: HirePlan, roleId: string): PlanningTable {
  const columns: TableColumn[] = [
    { key: "gap_period", header: "Shortfall period", kind: "text" },
    { key: "role", header: "Role", kind: "text" },
    { key: "hires", header: "Hires", kind: "number" },
    { key: "start_period", header: "Start period", kind: "text" },
    { key: "capacity_per_hire", header: "Capacity per hire", kind: "money" },
    { key: "note", header: "Note", kind: "text" },
  ];

  const recommended: TableRow[] = plan.recommendations.map((hire) => ({
    gap_period: hire.gapMonthId,
    role: hire.roleId,
    hires: String(hire.count),
    start_period: hire.startMonthId,
    capacity_per_hire: hire.capacityPerHire,
    note: null,
  }));
  const unclosable: TableRow[] = plan.unclosable.map((gap) => ({
    gap_period: gap.monthId,
    role: roleId,
    hires: null,
    start_period: null,
    capacity_per_hire: null,
    note: `unclosable shortfall of ${gap.gap}: ${gap.reason}`,
  }));

  // Period ids such as "FY2027-M03" sort as text; the sort is stable.
  const rows = [...recommended, ...unclosable].sort((a, b) =>
    (a.gap_period ?? "").localeCompare(b.gap_period ?? ""),
  );
  return { name: "Hires needed", columns, rows };
}
