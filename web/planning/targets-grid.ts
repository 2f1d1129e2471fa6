/**
 * The targets grid as plain data: segments by quarters or months, the
 * amounts entered in each cell, the derived figures with their traces, and
 * the changes that rename or remove a segment. Totals are read from the
 * target table and never stored.
 */

import type { PlanningDoc } from "../../model/doc/planning-doc.ts";
import {
  targetChange,
  type PlanningChange,
} from "../../model/doc/planning-edits.ts";
import type { FiscalYear } from "../../model/plan/periods.ts";
import {
  monthTarget,
  quarterTarget,
  yearTarget,
  type TargetInput,
  type TargetTable,
} from "../../model/plan/targets.ts";
import type { MoneyFigure } from "../../model/trace.ts";
import { groupDecimal } from "../format.ts";
import {
  misplacedCommaMessage,
  withoutThousandsCommas,
  type FieldResult,
} from "./capacity-forms.ts";

/** Whether the grid shows a column per quarter or per month. */
export type PeriodMode = "quarter" | "month";

/** One column of the grid: a fiscal quarter or month. */
export interface TargetColumn {
  /** Period id such as "FY2027-Q1" or "FY2027-M01". */
  id: string;
  /** Heading such as "Q1" or "Feb 2026". */
  label: string;
  /** Months the column covers, such as "Feb–Apr 2026" for a quarter. */
  detail: string;
}

const AMOUNT_PATTERN = /^\d+(\.\d{1,2})?$/;

/** Lists the grid's columns for a fiscal year. */
export function targetColumns(
  year: FiscalYear,
  mode: PeriodMode,
): TargetColumn[] {
  if (mode === "month") {
    return year.months.map((month) => ({
      id: month.id,
      label: month.label,
      detail: month.id.slice(year.id.length + 1),
    }));
  }
  return year.quarters.map((quarter) => {
    const months = year.months.filter((m) => m.quarterId === quarter.id);
    const first = months[0].label.split(" ")[0];
    const last = months[months.length - 1].label;
    return {
      id: quarter.id,
      label: `Q${quarter.index}`,
      detail: `${first}–${last}`,
    };
  });
}

/**
 * Lists the segments to show, sorted and each once: those with a stored
 * target and those added on this page that have no amount yet.
 */
export function targetSegments(
  targets: readonly TargetInput[],
  added: readonly string[],
): string[] {
  const names = new Set(targets.map((t) => t.segment));
  for (const name of added) names.add(name);
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** Returns the amount entered for one segment and period, or null. */
export function enteredAmount(
  targets: readonly TargetInput[],
  segment: string,
  period: string,
): string | null {
  const entry = targets.find(
    (t) => t.segment === segment && t.period === period,
  );
  return entry?.amount ?? null;
}

/** Returns the amount entered for one cell with thousands commas, or "". */
export function enteredText(
  targets: readonly TargetInput[],
  segment: string,
  period: string,
): string {
  const amount = enteredAmount(targets, segment, period);
  return amount === null ? "" : groupDecimal(amount);
}

/**
 * Returns the derived target of one segment in one period, with its trace,
 * or null when the table has no such segment yet.
 */
export function segmentFigure(
  table: TargetTable,
  segment: string,
  period: string,
  mode: PeriodMode,
): MoneyFigure | null {
  if (!table.monthCents.has(segment)) return null;
  return mode === "month"
    ? monthTarget(table, period, segment)
    : quarterTarget(table, period, segment);
}

/** Returns the company target of one period, summed over segments. */
export function periodTotal(
  table: TargetTable,
  period: string,
  mode: PeriodMode,
): MoneyFigure {
  return mode === "month"
    ? monthTarget(table, period)
    : quarterTarget(table, period);
}

/** Returns a segment's year target, or the company's without a segment. */
export function yearTotal(
  table: TargetTable,
  segment?: string,
): MoneyFigure | null {
  if (segment !== undefined && !table.monthCents.has(segment)) return null;
  return yearTarget(table, segment);
}

/**
 * Parses a target amount as typed: an empty field clears the cell (null),
 * and thousands commas and a leading "$" are allowed.
 */
export function parseTargetAmount(text: string): FieldResult<string | null> {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: null };

  const plain = withoutThousandsCommas(trimmed.replace(/^\$/, ""));
  if (plain === null) {
    return { ok: false, message: misplacedCommaMessage("The target", trimmed) };
  }
  if (plain.startsWith("-") && AMOUNT_PATTERN.test(plain.slice(1))) {
    return {
      ok: false,
      message: `A target cannot be negative: ${trimmed}. Enter 0 or more, or clear the cell.`,
    };
  }
  if (!AMOUNT_PATTERN.test(plain)) {
    return {
      ok: false,
      message: `${JSON.stringify(trimmed)} is not an amount. Enter a number with at most two decimals, such as 250000.00, or clear the cell.`,
    };
  }
  return { ok: true, value: plain };
}

/**
 * Checks a segment name typed to add or rename a segment: not blank and
 * not the name of another segment.
 */
export function parseSegmentName(
  text: string,
  segments: readonly string[],
  current?: string,
): FieldResult<string> {
  const name = text.trim();
  if (name === "") {
    return { ok: false, message: "The segment name is empty. Enter a name." };
  }
  if (name !== current && segments.includes(name)) {
    return {
      ok: false,
      message: `A segment named "${name}" already exists. Choose another name.`,
    };
  }
  return { ok: true, value: name };
}

/** Builds the changes that move every target of segment `from` to `to`. */
export function renameSegmentChanges(
  doc: PlanningDoc,
  targets: readonly TargetInput[],
  from: string,
  to: string,
): PlanningChange[] {
  const own = targets.filter((t) => t.segment === from);
  return [
    ...own.map((t) => targetChange(doc, from, t.period, null)),
    ...own.map((t) => targetChange(doc, to, t.period, t.amount)),
  ];
}

/** Builds the changes that clear every target of a segment. */
export function removeSegmentChanges(
  doc: PlanningDoc,
  targets: readonly TargetInput[],
  segment: string,
): PlanningChange[] {
  return targets
    .filter((t) => t.segment === segment)
    .map((t) => targetChange(doc, segment, t.period, null));
}
