import type Decimal from "decimal.js";
import { MoneyDecimal } from "../money.ts";
import { CapacityInputError } from "./errors.ts";

/** A sales role as entered, with money and percents as decimal strings. */
export interface RoleInput {
  id: string;
  name: string;
  /** Annual on-target earnings, such as "160000.00". */
  onTargetEarnings: string;
  /** Annual loaded cost of one seat (pay, benefits, tools), such as "210000.00". */
  loadedCost: string;
  /** Annual bookings of one fully ramped rep, such as "800000.00". */
  annualProductivity: string;
  /** Percent of productivity by month of tenure, each 0-100, the last exactly 100. */
  rampPercents: string[];
  /** Expected share of seats that leave in a year, in percent, such as "12". */
  annualAttritionPercent: string;
  /** Months a seat stays empty after a rep leaves before the backfill starts. */
  backfillMonths: number;
}

/** A validated role with exact numbers. */
export interface Role {
  id: string;
  name: string;
  onTargetEarnings: Decimal;
  loadedCost: Decimal;
  annualProductivity: Decimal;
  rampPercents: Decimal[];
  annualAttritionPercent: Decimal;
  backfillMonths: number;
}

const NUMBER_PATTERN = /^-?\d+(\.\d+)?$/;

/**
 * Upper bound of a role's money figures. A trillion a year keeps every
 * monthly sum over thousands of seats well inside safe integer cents.
 */
const MAX_ROLE_FIGURE = 1e12;

/** Validates roles and indexes them by id. */
export function parseRoles(inputs: readonly RoleInput[]): Map<string, Role> {
  const roles = new Map<string, Role>();
  for (const input of inputs) {
    if (roles.has(input.id)) {
      throw new CapacityInputError(
        `Role id ${JSON.stringify(input.id)} is used twice. Give each role its own id.`,
      );
    }
    roles.set(input.id, parseRole(input));
  }
  return roles;
}

/** Validates one role and raises a CapacityInputError that names the invalid field. */
export function parseRole(input: RoleInput): Role {
  const label = `role "${input.name}"`;
  const money = (field: keyof RoleInput) =>
    parseNonNegative(input[field], `${field} of ${label}`);

  const rampPercents = parseRamp(input, label);
  const annualAttritionPercent = parseNonNegative(
    input.annualAttritionPercent,
    `annualAttritionPercent of ${label}`,
  );
  if (annualAttritionPercent.greaterThan(100)) {
    throw new CapacityInputError(
      `annualAttritionPercent of ${label} is ${input.annualAttritionPercent}. Enter a percent from 0 to 100.`,
    );
  }
  const backfill = input.backfillMonths;
  if (!Number.isInteger(backfill) || backfill < 0) {
    throw new CapacityInputError(
      `backfillMonths of ${label} is ${JSON.stringify(backfill)}. Enter a whole number of months, 0 or more.`,
    );
  }

  return {
    id: input.id,
    name: input.name,
    onTargetEarnings: money("onTargetEarnings"),
    loadedCost: money("loadedCost"),
    annualProductivity: money("annualProductivity"),
    rampPercents,
    annualAttritionPercent,
    backfillMonths: backfill,
  };
}

function parseRamp(input: RoleInput, label: string): Decimal[] {
  const ramp = input.rampPercents;
  if (!Array.isArray(ramp) || ramp.length === 0) {
    throw new CapacityInputError(
      `Ramp curve of ${label} is empty. Enter one percent per month of tenure, ending at 100, such as ["25", "50", "100"].`,
    );
  }
  const percents = ramp.map((value, i) => {
    const percent = parseNonNegative(
      value,
      `Ramp percent for month ${i + 1} of ${label}`,
    );
    if (percent.greaterThan(100)) {
      throw new CapacityInputError(
        `Ramp percent for month ${i + 1} of ${label} is ${value}%, which is above 100. Enter a percent from 0 to 100.`,
      );
    }
    return percent;
  });
  const last = percents[percents.length - 1];
  if (!last.equals(100)) {
    throw new CapacityInputError(
      `Ramp curve of ${label} ends at ${ramp[ramp.length - 1]}%; the last month must reach 100%.`,
    );
  }
  return percents;
}

function parseNonNegative(value: unknown, field: string): Decimal {
  const text = typeof value === "string" ? value.trim() : "";
  if (!NUMBER_PATTERN.test(text)) {
    throw new CapacityInputError(
      `${field} is not a number: ${JSON.stringify(value)}. Write a decimal string such as "12.5".`,
    );
  }
  const number = new MoneyDecimal(text);
  if (number.isNegative()) {
    throw new CapacityInputError(
      `${field} is negative: ${text}. Enter zero or more.`,
    );
  }
  if (number.greaterThanOrEqualTo(MAX_ROLE_FIGURE)) {
    throw new CapacityInputError(
      `${field} is ${text}, which is too large. Enter an amount below 1,000,000,000,000.`,
    );
  }
  return number;
}

/** Returns the ramp percent for a month of tenure (1 is the first month), or 100 after the curve ends. */
export function rampPercent(role: Role, tenureMonth: number): Decimal {
  const curve = role.rampPercents;
  if (tenureMonth > curve.length) return curve[curve.length - 1];
  return curve[tenureMonth - 1];
}
