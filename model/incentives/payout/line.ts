import type Decimal from "decimal.js";
import { centsToString, MoneyDecimal, toCents } from "../../money.ts";
import { makeTrace, type Trace } from "../../trace.ts";

/**
 * One line of a payout. Every line is rounded half-even to the cent when it
 * is made, and a payable is the exact sum of its lines' cents.
 */
export interface PayoutLine {
  componentId: string;
  label: string;
  /** Decimal string to the cent, such as "1250.00". */
  amount: string;
  cents: number;
  trace: Trace;
}

/** Rounds an exact amount to the cent and labels it as a payout line. */
export function roundedLine(
  componentId: string,
  label: string,
  exact: Decimal,
  trace: Trace,
): PayoutLine {
  const cents = toCents(exact);
  const amount = centsToString(cents);
  return {
    componentId,
    label,
    amount,
    cents,
    trace: { ...trace, value: amount },
  };
}

/** Adds line cents exactly. */
export function sumCents(lines: readonly PayoutLine[]): number {
  return lines.reduce((sum, line) => sum + line.cents, 0);
}

/** Makes a line of zero, such as the draw of a period that needs none. */
export function zeroLine(componentId: string, label: string): PayoutLine {
  const trace = makeTrace(label, "0.00", "none due this period", {});
  return roundedLine(componentId, label, new MoneyDecimal(0), trace);
}
