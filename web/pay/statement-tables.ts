/** Tables of statements for the XLSX export, in the shape the workbook writer takes. */
import type { PlanningTable } from "../../model/io/planning-tables.ts";
import type { Statement } from "../../model/incentives/statements/types.ts";
import type { Deal } from "../../model/incentives/deals/types.ts";
import { creditRows, KIND_LABELS, payRows } from "./statement-lines.ts";
import { STATUS_LABELS } from "./statement-rows.ts";
import type { StatementStatus, StatementSummary } from "./types.ts";

/** Builds one row per rep and period with the figures of the statement list. */
export function summaryTable(rows: readonly StatementSummary[]): PlanningTable {
  return {
    name: "Statements",
    columns: [
      { key: "period_id", header: "Period", kind: "text" },
      { key: "rep_id", header: "Rep id", kind: "text" },
      { key: "rep_name", header: "Rep", kind: "text" },
      { key: "credited", header: "Credited", kind: "money" },
      { key: "quota", header: "Quota", kind: "money" },
      { key: "attainment", header: "Attainment", kind: "number" },
      { key: "payable", header: "Payable", kind: "money" },
      { key: "status", header: "Status", kind: "text" },
    ],
    rows: rows.map((row) => ({
      period_id: row.periodId,
      rep_id: row.repId,
      rep_name: row.repName,
      credited: row.credited,
      quota: row.quota,
      attainment: row.attainment,
      payable: row.payable,
      status: STATUS_LABELS[row.status],
    })),
  };
}

/**
 * Builds the open statement's two sheets: its credits, and its payout lines
 * with the draw, the adjustments and the payable.
 */
export function detailTables(
  statement: Statement,
  status: StatementStatus,
  deals: readonly Deal[],
): PlanningTable[] {
  const credits: PlanningTable = {
    name: "Credits",
    columns: [
      { key: "deal_id", header: "Deal", kind: "text" },
      { key: "account", header: "Account", kind: "text" },
      { key: "close_date", header: "Close date", kind: "text" },
      { key: "amount", header: "Credited", kind: "money" },
      { key: "kind", header: "Kind", kind: "text" },
      { key: "rule_id", header: "Rule", kind: "text" },
    ],
    rows: creditRows(statement, deals).map((row) => ({
      deal_id: row.dealId,
      account: row.account,
      close_date: row.closeDate,
      amount: row.amount,
      kind: KIND_LABELS[row.kind],
      rule_id: row.ruleId,
    })),
  };
  const lines: PlanningTable = {
    name: "Payout",
    columns: [
      { key: "rep_id", header: "Rep id", kind: "text" },
      { key: "period_id", header: "Period", kind: "text" },
      { key: "line", header: "Line", kind: "text" },
      { key: "amount", header: "Amount", kind: "money" },
      { key: "explanation", header: "How it is computed", kind: "text" },
    ],
    rows: [
      ...payRows(statement).map((row) => ({
        rep_id: statement.repId,
        period_id: statement.periodId,
        line: row.label,
        amount: row.amount,
        explanation: row.trace.formula,
      })),
      {
        rep_id: statement.repId,
        period_id: statement.periodId,
        line: "Status",
        amount: null,
        explanation: STATUS_LABELS[status],
      },
    ],
  };
  return [credits, lines];
}
