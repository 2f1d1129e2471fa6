import { amountLimitProblem } from "../amount-limit.ts";
import type Decimal from "decimal.js";
import { MoneyDecimal } from "../../money.ts";
import type { PayoutProblem } from "./errors.ts";

/** Largest rate a plan may use, so that rate x credit stays a safe sum of cents. */
export const MAX_RATE = 10;

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Field checks that append a problem instead of raising. */
export class ProblemList {
  readonly problems: PayoutProblem[] = [];

  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  /** Returns the parsed value, or undefined after recording a problem. */
  decimal(
    field: string,
    value: unknown,
    minimum: "any" | "zeroOrMore" | "positive" = "zeroOrMore",
  ): Decimal | undefined {
    if (typeof value !== "string" || !DECIMAL_PATTERN.test(value)) {
      this.add(
        field,
        `invalid number ${JSON.stringify(value)}. Write a decimal string such as "0.05" or "1250.00".`,
      );
      return undefined;
    }
    const parsed = new MoneyDecimal(value);
    if (minimum === "zeroOrMore" && parsed.isNegative()) {
      this.add(field, `is negative: ${value}. Use zero or more.`);
      return undefined;
    }
    if (minimum === "positive" && !parsed.greaterThan(0)) {
      this.add(field, `must be greater than zero, got ${value}.`);
      return undefined;
    }
    const limit = amountLimitProblem(value);
    if (limit !== null) {
      this.add(field, `${limit}.`);
      return undefined;
    }
    return parsed;
  }

  /** Checks a rate: a decimal fraction from 0 to MAX_RATE ("0.05" is 5%). */
  rate(field: string, value: unknown): Decimal | undefined {
    const parsed = this.decimal(field, value);
    if (parsed === undefined || parsed.lessThanOrEqualTo(MAX_RATE)) {
      return parsed;
    }
    this.add(
      field,
      `is ${String(value)}, above the largest rate ${MAX_RATE} (1,000%). Rates are fractions: write "0.05" for 5%.`,
    );
    return undefined;
  }

  /** Returns the day number of a "YYYY-MM-DD" date, or undefined. */
  date(field: string, value: unknown): number | undefined {
    const day = typeof value === "string" ? dayNumber(value) : undefined;
    if (day === undefined) {
      this.add(
        field,
        `invalid date ${JSON.stringify(value)}. Write a calendar date such as "2027-03-31".`,
      );
    }
    return day;
  }

  text(field: string, value: unknown): void {
    if (typeof value !== "string" || value.trim() === "") {
      this.add(field, `missing text, got ${JSON.stringify(value)}.`);
    }
  }
}

/** Tells whether text is a plain decimal number such as "-0.5" or "12". */
export function isDecimalText(text: string): boolean {
  return DECIMAL_PATTERN.test(text);
}

/** Days since 1970-01-01 for a valid "YYYY-MM-DD" date, else undefined. */
export function dayNumber(text: string): number | undefined {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return undefined;

  const [year, month, day] = match.slice(1).map(Number);
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return undefined;
  }
  return time / MS_PER_DAY;
}
