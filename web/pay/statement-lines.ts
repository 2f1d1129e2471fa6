/**
 * The lines of a statement's detail, each with a stable id that disputes
 * name, and the rules for who may submit, approve and dispute it.
 */
import type { CreditKind } from "../../model/incentives/crediting/types.ts";
import type { Deal } from "../../model/incentives/deals/types.ts";
import type { Statement } from "../../model/incentives/statements/types.ts";
import { centsToString, parseMoney, toCents } from "../../model/money.ts";
import type { Trace } from "../../model/trace.ts";
import { formatMoney } from "../format.ts";
import type { PayAccess, StatementStatus } from "./types.ts";

/** One credit of the statement with its deal's account and amount. */
export interface CreditRow {
  /** Key of the credit in the table, unique in the statement. */
  lineId: string;
  dealId: string;
  /** Account id of the deal, or "–" when the deal is not in the reply. */
  account: string;
  product: string;
  closeDate: string;
  amount: string;
  kind: CreditKind;
  ruleId: string;
  trace: Trace;
}

/** One money line of the statement: a payout line, a ledger adjustment, the draw or the payable. */
export interface PayRow {
  /** Component id of the line, which a dispute names, or "payable" for the payable. */
  lineId: string;
  section: "payout" | "adjustment" | "draw" | "payable";
  label: string;
  amount: string;
  trace: Trace;
}

export const KIND_LABELS: Record<CreditKind, string> = {
  direct: "Direct",
  split: "Split",
  overlay: "Overlay",
  rollup: "Manager roll-up",
};

/**
 * Lists the credits of a statement, each with the account of its deal. Two
 * credits of one deal and kind, such as the roll-ups of two team members,
 * get ids numbered from the second on.
 */
export function creditRows(
  statement: Statement,
  deals: readonly Deal[],
): CreditRow[] {
  const byId = new Map(deals.map((deal) => [deal.id, deal]));
  const seen = new Map<string, number>();
  return statement.credits.map((credit) => {
    const base = `credit:${credit.dealId}:${credit.kind}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const deal = byId.get(credit.dealId);
    return {
      lineId: count === 1 ? base : `${base}:${count}`,
      dealId: credit.dealId,
      account: deal?.account ?? "–",
      product: deal?.product ?? "–",
      closeDate: deal?.closeDate ?? "–",
      amount: credit.amount,
      kind: credit.kind,
      ruleId: credit.ruleId,
      trace: credit.trace,
    };
  });
}

/** Lists the payout lines, the ledger adjustments, the draw and the payable, in that order. */
export function payRows(statement: Statement): PayRow[] {
  const rows: PayRow[] = statement.lines.map((line) => ({
    lineId: line.componentId,
    section: "payout",
    label: line.label,
    amount: line.amount,
    trace: line.trace,
  }));
  for (const line of statement.adjustments) {
    rows.push({
      lineId: line.componentId,
      section: "adjustment",
      label: line.label,
      amount: line.amount,
      trace: line.trace,
    });
  }
  rows.push({
    lineId: statement.draw.componentId,
    section: "draw",
    label: statement.draw.label,
    amount: statement.draw.amount,
    trace: statement.draw.trace,
  });
  rows.push({
    lineId: "payable",
    section: "payable",
    label: "Payable",
    amount: statement.payable,
    trace: statement.payableTrace,
  });
  return rows;
}

const SECTION_NOTES: Partial<Record<PayRow["section"], string>> = {
  adjustment: "Adjustment",
  draw: "Draw",
};

/**
 * Returns the word that marks an adjustment or draw row, or null for other
 * rows and for a label that starts with that word already.
 */
export function sectionNote(row: PayRow): string | null {
  const note = SECTION_NOTES[row.section];
  if (note === undefined) return null;
  return row.label.toLowerCase().startsWith(note.toLowerCase()) ? null : note;
}

/** Names a line of the statement for a dispute, or returns the id when the line is gone. */
export function lineLabel(lineId: string, pays: readonly PayRow[]): string {
  const pay = pays.find((row) => row.lineId === lineId);
  return pay ? pay.label : lineId;
}

/** Returns true when the person may submit the statement for approval: an admin, on a draft or void one. */
export function canSubmit(access: PayAccess, status: StatementStatus): boolean {
  return access.admin && (status === "draft" || status === "void");
}

/**
 * Decides whether the approve button shows for a rep's statement and, when
 * it is disabled, why. Admins and the rep's managers approve, never the rep.
 */
export function approveState(
  access: PayAccess,
  repId: string,
  status: StatementStatus,
): { shown: boolean; disabledReason: string | null } {
  const manager =
    access.repId !== null &&
    access.repId !== repId &&
    access.visibleRepIds.includes(repId);
  if (status === "approved" || !(access.admin || manager)) {
    return { shown: false, disabledReason: null };
  }
  if (status === "void") {
    return {
      shown: true,
      disabledReason:
        "The submission is void because the figures changed after it. Submit it again to approve the current figures.",
    };
  }
  if (status === "draft") {
    return {
      shown: true,
      disabledReason: access.admin
        ? "Submit the statement first, so that its figures are fixed for approval."
        : "An incentives administrator has not submitted this statement yet.",
    };
  }
  return { shown: true, disabledReason: null };
}

/** Returns true when the person may raise a dispute on the statement, which only its rep may. */
export function canDispute(access: PayAccess, repId: string): boolean {
  return access.repId === repId;
}

/** Returns `after - before` as a decimal string with a sign, such as "+125.00" or "-3.10". */
export function payableDifference(before: string, after: string): string {
  const cents = toCents(parseMoney(after)) - toCents(parseMoney(before));
  const text = centsToString(cents);
  return cents > 0 ? `+${text}` : text;
}

const GROUPED_PATTERN = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * Checks a typed amount of money and returns it as a decimal string to the
 * cent, or raises MoneyFormatError naming the field. Thousands separators
 * and a leading "$" are accepted, because people paste amounts so.
 */
export function readAmount(text: string, field: string): string {
  const unsigned = text.trim().replace(/^(-?)\$/, "$1");
  if (unsigned.includes(",") && !GROUPED_PATTERN.test(unsigned)) {
    throw new RangeError(
      `Invalid ${field}: ${JSON.stringify(text)}. Commas may only separate thousands, such as "1,250.50".`,
    );
  }
  const amount = parseMoney(unsigned.replace(/,/g, ""), field);
  if (amount.decimalPlaces() > 2) {
    throw new RangeError(
      `Invalid ${field}: ${JSON.stringify(text)} has more than two decimals. Enter whole cents, such as "125.50".`,
    );
  }
  return amount.toFixed(2);
}

/** Formats a signed difference such as "+125.00" as "+$125.00", keeping "-" and zero as they are. */
export function differenceText(difference: string, currency: string): string {
  return difference.startsWith("+")
    ? `+${formatMoney(difference.slice(1), currency)}`
    : formatMoney(difference, currency);
}
