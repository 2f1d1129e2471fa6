import Decimal from "decimal.js";
import { MoneyDecimal } from "../../model/money.ts";
import type {
  ComparedValue,
  TargetPeriod,
} from "../../model/planning/compare.ts";
import { groupDecimal } from "../format.ts";

/** Kind of figure: money shown in whole dollars, or a headcount. */
export type FigureKind = "money" | "headcount";

/** Direction of B against A, which picks the colour of a difference. */
export type DifferenceTone = "higher" | "lower" | "same" | "missing";

/** A difference as a table cell shows it. */
export interface DifferenceCell {
  /** Short text with its sign, such as "+$60,000" or "−2.50". */
  text: string;
  tone: DifferenceTone;
  /** Sentence for screen readers, such as "Scenario is $60,000.00 higher". */
  label: string;
  /** Exact figures for the tooltip. */
  exact: string;
}

const MINUS = "\u2212";

/** Formats a figure for a table cell, such as "$1,234,567" or "4.50", or "–" for none. */
export function formatFigure(value: string | null, kind: FigureKind): string {
  if (value === null) return "–";
  const amount = new MoneyDecimal(value);
  const text = roundedText(amount.abs(), kind);
  const sign = amount.lt(0) ? "-" : "";
  return kind === "money" ? `${sign}$${text}` : `${sign}${text}`;
}

/**
 * Describes B minus A for a cell: text with a sign, a tone and a sentence
 * that gives the same without colour. `bName` names plan B in the sentence.
 */
export function describeDifference(
  value: ComparedValue,
  kind: FigureKind,
  bName: string,
): DifferenceCell {
  const exact = `${value.a ?? "none"} → ${value.b ?? "none"}`;
  if (value.difference === null) {
    if (!value.changed) {
      return {
        text: "–",
        tone: "same",
        label: "No figure in either plan",
        exact,
      };
    }
    const added = value.a === null;
    return {
      text: added ? "added" : "removed",
      tone: "missing",
      label: added ? `Figure only in ${bName}` : `Figure not in ${bName}`,
      exact,
    };
  }
  if (!value.changed) {
    return { text: "=", tone: "same", label: "No change", exact };
  }

  const amount = new MoneyDecimal(value.difference);
  const size = amount.abs();
  const rounded = roundedText(size, kind);
  const unit = kind === "money" ? "$" : "";
  const higher = amount.isPositive();
  const words =
    kind === "money" ? `$${groupDecimal(size.toFixed(2))}` : size.toFixed();
  return {
    text: `${higher ? "+" : MINUS}${unit}${rounded}`,
    tone: higher ? "higher" : "lower",
    label: `${bName} is ${words} ${higher ? "higher" : "lower"}`,
    exact: `${exact} (${value.difference})`,
  };
}

// Money shows whole dollars, rounded half-even, unless that would hide a
// difference below one dollar. Headcounts show two digits.
function roundedText(size: Decimal, kind: FigureKind): string {
  if (kind === "headcount") return size.toFixed(2, Decimal.ROUND_HALF_EVEN);
  const whole = size.toFixed(0, Decimal.ROUND_HALF_EVEN);
  if (whole === "0" && !size.isZero()) return size.toFixed(2);
  return groupDecimal(whole);
}

/** Returns the rows that changed when `onlyDifferences` is set, else all rows. */
export function visibleRows<Row extends { changed: boolean }>(
  rows: readonly Row[],
  onlyDifferences: boolean,
): Row[] {
  return onlyDifferences ? rows.filter((row) => row.changed) : [...rows];
}

/** Label of a target period: "Q1" to "Q4", or "Year". */
export function periodLabel(period: TargetPeriod): string {
  return period === "year" ? "Year" : period;
}

/** Label of a target segment, where null stands for every segment. */
export function segmentLabel(segment: string | null): string {
  return segment ?? "All segments";
}

/** Default name offered for a duplicate of `planName`. */
export function scenarioNameFor(planName: string): string {
  const name = `${planName} (scenario)`;
  return [...name].length <= 100 ? name : [...name].slice(0, 100).join("");
}
