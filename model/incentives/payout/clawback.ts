import { MoneyDecimal } from "../../money.ts";
import { makeTrace } from "../../trace.ts";
import type { ClawbackRule, RepPeriodInput } from "./plan.ts";
import { dayNumber } from "./checks.ts";
import { roundedLine, type PayoutLine } from "./line.ts";

/**
 * Makes one negative line for each deal cancelled within the period whose
 * cancellation came at most `windowDays` after its close date. Input must
 * already be valid (see validateInput).
 */
export function clawbackLines(
  rule: ClawbackRule | undefined,
  input: RepPeriodInput,
): PayoutLine[] {
  if (rule === undefined) return [];
  const start = dayNumber(input.start) ?? 0;
  const end = dayNumber(input.end) ?? 0;
  const lines: PayoutLine[] = [];

  for (const row of input.cancellations ?? []) {
    const cancelled = dayNumber(row.cancelDate) ?? 0;
    const closed = dayNumber(row.closeDate) ?? 0;
    const daysHeld = cancelled - closed;
    if (cancelled < start || cancelled > end) continue;
    if (daysHeld > rule.windowDays) continue;

    const amount = new MoneyDecimal(row.paidAmount).negated();
    const trace = makeTrace(
      `Clawback ${row.dealId}`,
      amount.toFixed(),
      "minus the amount paid, because the deal was cancelled within the window",
      {
        "paid amount": row.paidAmount,
        "close date": row.closeDate,
        "cancel date": row.cancelDate,
        "days held": String(daysHeld),
        "window days": String(rule.windowDays),
      },
    );
    lines.push(
      roundedLine("clawback", `Clawback ${row.dealId}`, amount, trace),
    );
  }
  return lines;
}
