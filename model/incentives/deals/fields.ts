import { amountLimitProblem } from "../amount-limit.ts";
import { MoneyDecimal } from "../../money.ts";
import { calendarDateIn, parseTimestamp } from "./time-zone.ts";
import type { DealSplit } from "./types.ts";

// Validators for single deal fields. Each returns the reason a value is
// invalid, phrased so that it can follow the value in a message, or null.

const AMOUNT_PATTERN = /^-?\d+(\.\d{1,2})?$/;
const CURRENCY_PATTERN = /^[A-Z]{3}$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERCENT_PATTERN = /^\d+(\.\d{1,2})?$/;

/** Returns why an amount is invalid: not a decimal with at most 2 decimals, or zero. */
export function amountProblem(text: string): string | null {
  if (!AMOUNT_PATTERN.test(text)) {
    return 'is not a decimal amount with at most 2 decimals. Write it as "1250.50", without currency signs or thousands separators';
  }
  if (new MoneyDecimal(text).isZero()) {
    return "is zero. Remove the row, or give the amount the deal closed for";
  }
  const limit = amountLimitProblem(text);
  if (limit !== null) return `${limit}. Check the amount`;
  return null;
}

/** Formats a valid amount to two decimals, such as "1250" to "1250.00". */
export function normalizeAmount(text: string): string {
  return new MoneyDecimal(text).toFixed(2);
}

/** Returns why a currency code is invalid, or null. */
export function currencyProblem(text: string): string | null {
  if (CURRENCY_PATTERN.test(text)) return null;
  return 'is not a 3-letter ISO 4217 currency code. Write it in capitals, such as "EUR"';
}

/** Returns true for a real calendar date written "YYYY-MM-DD". */
export function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return false;

  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** A close date cell read as a calendar date, or why it cannot be one. */
export type CloseDateResult = { date: string } | { problem: string };

/**
 * Reads a close date: a calendar date "YYYY-MM-DD" as written, or an ISO
 * 8601 timestamp with an offset or Z, converted to its calendar date in
 * `timeZone`. The zone must be valid (see timeZoneProblem).
 */
export function readCloseDate(text: string, timeZone: string): CloseDateResult {
  if (isCalendarDate(text)) return { date: text };

  const timestamp = parseTimestamp(text);
  if ("epochMs" in timestamp) {
    return { date: calendarDateIn(timestamp.epochMs, timeZone) };
  }
  if ("problem" in timestamp) return timestamp;
  return {
    problem:
      'is not a calendar date or a timestamp. Write it as YYYY-MM-DD, such as "2026-03-31", or with a time and offset, such as "2026-03-31T17:00:00-08:00"',
  };
}

/** Splits parsed from a "rep-a:60;rep-b:40" cell, or the reason they are invalid. */
export type SplitsResult = { splits: DealSplit[] } | { problem: string };

/**
 * Parses a splits cell: "rep:percent" parts separated by ";", each percent
 * above 0 with at most 2 decimals, no rep twice, adding up to exactly 100.
 */
export function parseSplits(text: string): SplitsResult {
  const splits: DealSplit[] = [];
  const reps = new Set<string>();
  let total = new MoneyDecimal(0);

  for (const part of text.split(";")) {
    const colon = part.lastIndexOf(":");
    const rep = colon < 0 ? "" : part.slice(0, colon).trim();
    const percent = colon < 0 ? "" : part.slice(colon + 1).trim();
    if (rep === "" || !PERCENT_PATTERN.test(percent)) {
      return {
        problem: `has the part "${part}", which is not rep:percent. Write the splits as "rep-a:60;rep-b:40"`,
      };
    }
    if (new MoneyDecimal(percent).isZero()) {
      return { problem: `gives rep "${rep}" 0 percent. Remove that rep` };
    }
    if (reps.has(rep)) {
      return {
        problem: `names rep "${rep}" twice. Give each rep one share`,
      };
    }
    reps.add(rep);
    total = total.plus(percent);
    splits.push({ rep, percent: new MoneyDecimal(percent).toFixed() });
  }

  if (!total.equals(100)) {
    return {
      problem: `adds up to ${total.toFixed()} percent, not 100. Change the shares so they add up to exactly 100`,
    };
  }
  return { splits };
}
