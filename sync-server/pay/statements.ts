import type { IncomingMessage } from "node:http";
import type { Deal } from "../../model/incentives/deals/types.ts";
import { csvCell } from "../../model/io/csv-cell.ts";
import type { StatementStatus } from "../../model/incentives/ledger/index.ts";
import type {
  FiscalPeriod,
  Statement,
} from "../../model/incentives/statements/types.ts";
import type { ApiContext } from "../api-auth.ts";
import { HttpError } from "../http-json.ts";
import { payCaller } from "./access.ts";
import { computePay } from "./compute.ts";
import { describeDispute, type Dispute } from "./disputes.ts";
import { repNames } from "./plan-data.ts";
import { accountSources } from "./sources.ts";
import { findVisibleStatement, visibleReps } from "./visible.ts";

/** One row of GET .../pay/statements. */
export interface StatementSummary {
  repId: string;
  repName: string;
  periodId: string;
  credited: string;
  quota: string;
  attainment: string;
  payable: string;
  status: StatementStatus;
}

/**
 * GET .../pay/statements: the statements of the reps the caller may read.
 * Problems may name any rep or deal, so only administrators get them.
 */
export async function listStatements(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
): Promise<{
  periods: FiscalPeriod[];
  statements: StatementSummary[];
  problems: string[];
}> {
  const { access } = await payCaller(context, request, planId);
  const pay = await computePay(
    context.storage,
    accountSources(context),
    planId,
  );
  const visible = visibleReps(access, pay);
  const names = repNames(pay.plan);
  const statements = pay.settled
    .filter((settled) => visible.has(settled.statement.repId))
    .map(({ statement, status }) => ({
      repId: statement.repId,
      repName: names.get(statement.repId) ?? statement.repId,
      periodId: statement.periodId,
      credited: statement.credited.amount,
      quota: statement.quota,
      attainment: statement.attainment,
      payable: statement.payable,
      status,
    }));
  return {
    periods: pay.periods,
    statements,
    problems: access.admin ? pay.problems : [],
  };
}

/** The reply of GET .../pay/statements/<repId>/<periodId>. */
export interface StatementDetail {
  statement: Statement;
  status: StatementStatus;
  approvedAt: number | null;
  approvedBy: string | null;
  /** Display name of the approver, or null when unknown. */
  approvedByName: string | null;
  submittedAt: number | null;
  /** The deals credited in the statement, cancelled ones included. */
  deals: Deal[];
  disputes: Dispute[];
}

/** GET .../pay/statements/<repId>/<periodId>: one statement the caller may read. */
export async function getStatement(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
  repId: string,
  periodId: string,
): Promise<StatementDetail> {
  const { access } = await payCaller(context, request, planId);
  const pay = await computePay(
    context.storage,
    accountSources(context),
    planId,
  );
  const settled = findVisibleStatement(access, pay, repId, periodId);
  const statement = settled.statement;
  const disputes = context.storage.pay.disputes
    .listOfStatement(planId, repId, periodId)
    .map((record) => describeDispute(context.storage, planId, record));
  return {
    statement,
    status: settled.status,
    approvedAt: settled.approvedAt,
    approvedBy: settled.approvedBy,
    approvedByName:
      settled.approvedBy === null
        ? null
        : (context.storage.people.get(planId, settled.approvedBy)?.name ??
          null),
    submittedAt: settled.submittedAt,
    deals: dealsOf(statement, pay.deals),
    disputes,
  };
}

/** Returns the deals a statement credits or cancels, in stored order. */
export function dealsOf(statement: Statement, deals: readonly Deal[]): Deal[] {
  const ids = new Set(statement.credits.map((credit) => credit.dealId));
  for (const cancellation of statement.cancellations ?? []) {
    ids.add(cancellation.dealId);
    ids.add(cancellation.cancellationId);
  }
  return deals.filter((deal) => ids.has(deal.id));
}

const CSV_HEADER = [
  "rep_id",
  "rep_name",
  "period_id",
  "status",
  "line",
  "label",
  "amount",
];

/**
 * GET .../pay/statements.csv?period=<periodId>: every line of the
 * statements the caller may read, one period or all, then each payable.
 */
export async function statementsCsv(
  context: ApiContext,
  request: IncomingMessage,
  planId: string,
  url: URL,
): Promise<{ filename: string; csv: string }> {
  const { access } = await payCaller(context, request, planId);
  const period = url.searchParams.get("period");
  const pay = await computePay(
    context.storage,
    accountSources(context),
    planId,
  );
  if (period !== null && !pay.periods.some((p) => p.id === period)) {
    throw new HttpError(
      400,
      "PERIOD_NOT_FOUND",
      `Period "${period}" is not a period of plan "${planId}". Use one of ${pay.periods.map((p) => p.id).join(", ") || "none"}, or leave "period" out for every period.`,
    );
  }

  const visible = visibleReps(access, pay);
  const names = repNames(pay.plan);
  const rows = [CSV_HEADER];
  for (const { statement, status } of pay.settled) {
    if (!visible.has(statement.repId)) continue;
    if (period !== null && statement.periodId !== period) continue;
    const lead = [
      statement.repId,
      names.get(statement.repId) ?? statement.repId,
      statement.periodId,
      status,
    ];
    const lines = [
      ...statement.lines,
      ...statement.adjustments,
      statement.draw,
    ];
    for (const line of lines) {
      rows.push([...lead, line.componentId, line.label, line.amount]);
    }
    rows.push([...lead, "payable", "Payable", statement.payable]);
  }
  const csv = rows.map((row) => row.map(csvCell).join(",")).join("\r\n");
  const filename = `statements-${planId}${period === null ? "" : `-${period}`}.csv`;
  return { filename, csv: `${csv}\r\n` };
}
