import type Decimal from "decimal.js";
import { MoneyDecimal } from "../money.ts";
import { parseDecimal } from "./amounts.ts";
import { QuotaInputError } from "./errors.ts";
import type { ChildLevel, LevelRule, WeightBasis } from "./types.ts";

export const WEIGHT_BASES: readonly WeightBasis[] = [
  "even",
  "potential",
  "priorBookings",
];

/** A level rule with its numbers parsed: the weight of each basis and the over-assignment. */
export interface ParsedLevelRule {
  level: ChildLevel;
  method: LevelRule["method"];
  /** Weight of each basis; a single method has weight 1 on its basis. */
  basisWeights: ReadonlyMap<WeightBasis, Decimal>;
  overAssignmentPercent: Decimal;
}

/** Parses and checks one level's rule, raising QuotaInputError that names the level and field. */
export function parseLevelRule(
  level: ChildLevel,
  rule: LevelRule | undefined,
): ParsedLevelRule {
  if (rule === undefined) {
    throw new QuotaInputError(
      `The ${level} level has no rule; give its method and overAssignmentPercent.`,
    );
  }

  const overAssignmentPercent = parseDecimal(
    rule.overAssignmentPercent,
    `overAssignmentPercent of the ${level} level`,
  );
  if (overAssignmentPercent.isNegative()) {
    throw new QuotaInputError(
      `overAssignmentPercent of the ${level} level is ${rule.overAssignmentPercent}; use 0 or more.`,
    );
  }

  const basisWeights = parseBasisWeights(level, rule);
  return { level, method: rule.method, basisWeights, overAssignmentPercent };
}

function parseBasisWeights(
  level: ChildLevel,
  rule: LevelRule,
): Map<WeightBasis, Decimal> {
  if (WEIGHT_BASES.includes(rule.method as WeightBasis)) {
    return new Map([[rule.method as WeightBasis, new MoneyDecimal(1)]]);
  }
  if (rule.method !== "blend") {
    throw new QuotaInputError(
      `Method of the ${level} level is ${JSON.stringify(rule.method)}; use even, potential, priorBookings or blend.`,
    );
  }
  if (rule.blendWeights === undefined) {
    throw new QuotaInputError(
      `The ${level} level blends but has no blendWeights; give weights for even, potential and priorBookings that sum to 1.`,
    );
  }
  return parseBlendWeights(level, rule.blendWeights);
}

function parseBlendWeights(
  level: ChildLevel,
  blendWeights: Partial<Record<WeightBasis, string>>,
): Map<WeightBasis, Decimal> {
  const weights = new Map<WeightBasis, Decimal>();
  let sum: Decimal = new MoneyDecimal(0);

  for (const [basis, text] of Object.entries(blendWeights)) {
    if (!WEIGHT_BASES.includes(basis as WeightBasis)) {
      throw new QuotaInputError(
        `Blend weight "${basis}" of the ${level} level is unknown; use even, potential or priorBookings.`,
      );
    }
    const weight = parseDecimal(
      text!,
      `blend weight ${basis} of the ${level} level`,
    );
    if (weight.isNegative() || weight.greaterThan(1)) {
      throw new QuotaInputError(
        `Blend weight ${basis} of the ${level} level is ${text}; use a value from 0 to 1.`,
      );
    }
    if (!weight.isZero()) weights.set(basis as WeightBasis, weight);
    sum = sum.plus(weight);
  }

  if (!sum.equals(1)) {
    throw new QuotaInputError(
      `Blend weights of the ${level} level sum to ${sum.toFixed()}; they must sum to exactly 1.`,
    );
  }
  return weights;
}
