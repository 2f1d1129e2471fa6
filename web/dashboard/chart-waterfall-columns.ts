import type { Column } from "../charts/column-layout.ts";
import { compactMoney, exactMoney } from "../charts/chart-money.ts";
import type { WaterfallStep } from "./chart-waterfall.ts";

/**
 * Turns waterfall steps into columns: a total rises from zero, and a step
 * runs from the running total before it to the total after it. Positions
 * are in currency units. Labels are compact and tooltips exact.
 */
export function waterfallColumns(
  steps: readonly WaterfallStep[],
  currency: string,
): Column[] {
  let running = 0;
  return steps.map((step) => {
    const from = step.total ? 0 : running;
    const to = step.total ? step.cents : running + step.cents;
    running = to;
    const sign = !step.total && step.cents > 0 ? "+" : "";
    return {
      key: step.key,
      label: step.label,
      from: from / 100,
      to: to / 100,
      kind: columnKind(step),
      valueLabel: `${sign}${compactMoney(step.cents, currency)}`,
      tooltip: `${step.label}: ${sign}${exactMoney(step.cents, currency)}. ${step.explanation}.`,
    };
  });
}

function columnKind(step: WaterfallStep): string {
  if (step.total) return step.key === "target" ? "target" : "total";
  if (step.key === "gap") return step.cents >= 0 ? "gap" : "surplus";
  return step.cents >= 0 ? "increase" : "decrease";
}
