import Decimal from "decimal.js";
import { MONTHS_PER_YEAR } from "../../model/quota/seasonality.ts";
import {
  CHILD_LEVELS,
  type QuotaSettings,
} from "../../model/planning/inputs.ts";
import type {
  ChildLevel,
  LevelRule,
  WeightBasis,
} from "../../model/quota/types.ts";
import { parseAmountText } from "./quota-amount-text.ts";

/** Allocation methods as the settings form names them. */
export const METHOD_LABELS: Record<LevelRule["method"], string> = {
  even: "Even",
  potential: "Potential",
  priorBookings: "Prior-year bookings",
  blend: "Blend",
};

export const WEIGHT_LABELS: Record<WeightBasis, string> = {
  even: "Even",
  potential: "Potential",
  priorBookings: "Prior-year bookings",
};

const BASES: readonly WeightBasis[] = ["even", "potential", "priorBookings"];

/** A level rule's fields as typed into the settings form. */
export interface LevelRuleForm {
  method: LevelRule["method"];
  weights: Record<WeightBasis, string>;
  overAssignmentPercent: string;
}

/** Form fields that can carry an error message. */
export type LevelRuleField = "weights" | "overAssignmentPercent";

export type FormResult<T, F extends string> =
  { ok: true; value: T } | { ok: false; errors: Partial<Record<F, string>> };

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** Fills the settings form from a stored rule. */
export function levelRuleForm(rule: LevelRule): LevelRuleForm {
  const weights = { even: "0", potential: "0", priorBookings: "0" };
  for (const basis of BASES) {
    weights[basis] = rule.blendWeights?.[basis] ?? "0";
  }
  return {
    method: rule.method,
    weights,
    overAssignmentPercent: rule.overAssignmentPercent,
  };
}

/**
 * Checks a level rule form: the over-assignment is a percent of 0 or more,
 * and a blend's weights are each from 0 to 1 and sum to exactly 1.
 */
export function parseLevelRuleForm(
  form: LevelRuleForm,
): FormResult<LevelRule, LevelRuleField> {
  const errors: Partial<Record<LevelRuleField, string>> = {};
  const percent = form.overAssignmentPercent.trim();
  if (!DECIMAL_PATTERN.test(percent) || percent.startsWith("-")) {
    errors.overAssignmentPercent = `Over-assignment '${form.overAssignmentPercent}' is not a percent of 0 or more; type a number such as 10.`;
  }

  const rule: LevelRule = {
    method: form.method,
    overAssignmentPercent: percent,
  };
  if (form.method === "blend") {
    const weights = parseWeights(form.weights);
    if (typeof weights === "string") errors.weights = weights;
    else rule.blendWeights = weights;
  }
  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, value: rule };
}

function parseWeights(
  texts: Record<WeightBasis, string>,
): Partial<Record<WeightBasis, string>> | string {
  const weights: Partial<Record<WeightBasis, string>> = {};
  let sum = new Decimal(0);
  for (const basis of BASES) {
    const text = texts[basis].trim() || "0";
    if (!DECIMAL_PATTERN.test(text)) {
      return `Weight of ${WEIGHT_LABELS[basis]} '${texts[basis]}' is not a number; type a value from 0 to 1 such as 0.5.`;
    }
    const weight = new Decimal(text);
    if (weight.isNegative() || weight.greaterThan(1)) {
      return `Weight of ${WEIGHT_LABELS[basis]} is ${text}; use a value from 0 to 1.`;
    }
    weights[basis] = text;
    sum = sum.plus(weight);
  }
  if (!sum.equals(1)) {
    return `The weights sum to ${sum.toFixed()}; they must sum to exactly 1.`;
  }
  return weights;
}

/**
 * Checks twelve monthly percents: each a number of 0 or more, summing to
 * exactly 100. Returns the error of each bad month, or of the sum.
 */
export function parseSeasonalityForm(
  texts: readonly string[],
):
  | { ok: true; value: string[] }
  | { ok: false; months: (string | null)[]; sum: string | null } {
  const months = texts.map((text) => {
    const trimmed = text.trim();
    if (!DECIMAL_PATTERN.test(trimmed)) return `'${text}' is not a number.`;
    if (trimmed.startsWith("-"))
      return `${trimmed} is negative; use 0 or more.`;
    return null;
  });
  if (texts.length !== MONTHS_PER_YEAR) {
    return {
      ok: false,
      months,
      sum: `Give ${MONTHS_PER_YEAR} monthly percents.`,
    };
  }
  if (months.some((m) => m !== null)) return { ok: false, months, sum: null };

  const total = texts.reduce((acc, t) => acc.plus(t.trim()), new Decimal(0));
  if (!total.equals(100)) {
    return {
      ok: false,
      months,
      sum: `The percents sum to ${total.toFixed()}; they must sum to exactly 100.`,
    };
  }
  return { ok: true, value: texts.map((t) => t.trim()) };
}

/** Checks an entered company quota: an amount of 0 or more. */
export function parseCompanyQuota(
  text: string,
): { ok: true; value: string } | { ok: false; reason: string } {
  const parsed = parseAmountText(text);
  if (!parsed.ok) {
    return {
      ok: false,
      reason: `${parsed.reason}; type an amount such as 12000000.`,
    };
  }
  if (parsed.value === null) {
    return {
      ok: false,
      reason: "Type the company quota, or choose to follow the targets.",
    };
  }
  return { ok: true, value: parsed.value };
}

/**
 * Describes the cascade settings in one line for the closed settings
 * panel, such as "Regions: Potential +10% · Reps: Even · Seasonality:
 * follows the targets".
 */
export function settingsSummary(quota: QuotaSettings): string {
  const levels = CHILD_LEVELS.map((level) => {
    const rule = quota.levels[level];
    const over =
      rule.overAssignmentPercent === "0"
        ? ""
        : ` +${rule.overAssignmentPercent}%`;
    return `${LEVEL_NAMES[level]}: ${methodText(rule)}${over}`;
  });
  const company =
    quota.companyQuota === null
      ? "Company quota: follows the targets"
      : "Company quota: entered";
  const seasonality =
    quota.seasonality === null
      ? "Seasonality: follows the targets"
      : "Seasonality: entered";
  return [company, ...levels, seasonality].join(" · ");
}

/** Level names as the settings show them. */
export const LEVEL_NAMES: Record<ChildLevel, string> = {
  region: "Regions",
  territory: "Territories",
  rep: "Reps",
};

function methodText(rule: LevelRule): string {
  if (rule.method !== "blend") return METHOD_LABELS[rule.method];
  const parts = BASES.filter(
    (basis) => (rule.blendWeights?.[basis] ?? "0") !== "0",
  ).map((basis) => `${WEIGHT_LABELS[basis]} ${rule.blendWeights![basis]}`);
  return `Blend (${parts.join(", ")})`;
}
