/**
 * Logic of the statement list: the kind of pay access a person has, the
 * rows of one period, and text for attainment and status.
 */
import { MoneyDecimal } from "../../model/money.ts";
import type { PayAccess, StatementStatus, StatementSummary } from "./types.ts";

/** Pay a person may read: none, their own, their team's too, or everyone's. */
export type AccessKind = "none" | "rep" | "manager" | "admin";

export function accessKind(access: PayAccess): AccessKind {
  if (access.admin) return "admin";
  if (access.repId === null) return "none";
  const team = access.visibleRepIds.filter((id) => id !== access.repId);
  return team.length > 0 ? "manager" : "rep";
}

export const STATUS_LABELS: Record<StatementStatus, string> = {
  draft: "Draft",
  pending: "Pending approval",
  void: "Void",
  approved: "Approved",
};

/**
 * Returns the rows of one period, or of every period when `periodId` is
 * null, in period order and then by rep name.
 */
export function statementRows(
  statements: readonly StatementSummary[],
  periodIds: readonly string[],
  periodId: string | null,
): StatementSummary[] {
  const order = new Map(periodIds.map((id, index) => [id, index]));
  return statements
    .filter((row) => periodId === null || row.periodId === periodId)
    .sort(
      (a, b) =>
        (order.get(a.periodId) ?? order.size) -
          (order.get(b.periodId) ?? order.size) ||
        a.repName.localeCompare(b.repName) ||
        a.repId.localeCompare(b.repId),
    );
}

/** Formats an attainment ratio such as "0.8512" as a percent with one decimal: "85.1%". */
export function attainmentText(ratio: string): string {
  const percent = new MoneyDecimal(ratio)
    .times(100)
    .toFixed(1, MoneyDecimal.ROUND_HALF_EVEN);
  return `${percent}%`;
}

/** Key of a statement in the list, from its rep and period. */
export function statementKey(repId: string, periodId: string): string {
  return `${repId}\n${periodId}`;
}

/**
 * Returns the row index after a navigation key in a list of `count` rows,
 * or null for a key the list does not handle.
 */
export function nextRowIndex(
  key: string,
  index: number,
  count: number,
): number | null {
  if (count === 0) return null;
  switch (key) {
    case "ArrowDown":
      return Math.min(index + 1, count - 1);
    case "ArrowUp":
      return Math.max(index - 1, 0);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    case "PageDown":
      return Math.min(index + 10, count - 1);
    case "PageUp":
      return Math.max(index - 10, 0);
    default:
      return null;
  }
}
