import type Decimal from "decimal.js";
import { centsToString, MoneyDecimal } from "../money.ts";
import type { ParsedLevelRule } from "./rules.ts";
import type { SplitPart } from "./split.ts";
import { groupThousands, type QuotaTrace } from "./trace.ts";
import { describeNode } from "./tree.ts";
import type { ChildLevel, QuotaNode } from "./types.ts";

const money = (cents: number): string => groupThousands(centsToString(cents));

const PLURALS: Record<ChildLevel, string> = {
  region: "regions",
  territory: "territories",
  rep: "reps",
};

/** Writes a share as a percent with up to four decimals, such as "33.3333%". */
export function formatPercent(share: Decimal): string {
  return `${share.times(100).toDecimalPlaces(4).toFixed()}%`;
}

export function companyTrace(node: QuotaNode, cents: number): QuotaTrace {
  const label = `Quota of ${describeNode(node)}`;
  return {
    label,
    formula: "company quota, as given",
    inputs: [{ name: "companyQuota", value: centsToString(cents) }],
    text: `${label} = ${money(cents)} (input)`,
  };
}

export function poolTrace(
  node: QuotaNode,
  annualCents: number,
  rule: ParsedLevelRule,
  poolCents: number,
): QuotaTrace {
  const label = `Pool of ${describeNode(node)} for its ${PLURALS[rule.level]}`;
  const percent = rule.overAssignmentPercent.toFixed();
  return {
    label,
    formula:
      "annual quota x (1 + over-assignment percent / 100), half-even to the cent",
    inputs: [
      { name: "annualQuota", value: centsToString(annualCents) },
      { name: "overAssignmentPercent", value: percent },
    ],
    text: `${label} = ${money(annualCents)} x (1 + ${percent}%) = ${money(poolCents)}`,
  };
}

export function childTrace(
  parent: QuotaNode,
  part: SplitPart,
  rule: ParsedLevelRule,
  poolCents: number,
): QuotaTrace {
  const node = part.child.node;
  const label = `Quota of ${describeNode(node)}`;
  const inputs = [
    { name: "parentPool", value: centsToString(poolCents) },
    { name: "method", value: rule.method },
    { name: "weight", value: shareText(part.child.weight) },
    ...basisInputs(part),
  ];

  if (part.source === "adjusted amount") {
    return {
      label,
      formula: "manual amount, kept when the cascade re-runs",
      inputs: [
        ...inputs,
        { name: "cascadeShare", value: centsToString(part.shareCents) },
      ],
      text: `${label} = ${money(part.cents)} (manual amount; the cascade share would be ${money(part.shareCents)})`,
    };
  }
  if (part.source === "adjusted delta") {
    const delta = part.cents - part.shareCents;
    return {
      label,
      formula: "cascade share of the pool + manual delta",
      inputs: [
        ...inputs,
        { name: "cascadeShare", value: centsToString(part.shareCents) },
        { name: "delta", value: centsToString(delta) },
      ],
      text: `${label} = ${money(part.shareCents)} + ${money(delta)} (manual delta) = ${money(part.cents)}`,
    };
  }
  return cascadeTrace(parent, part, rule, poolCents, inputs);
}

function cascadeTrace(
  parent: QuotaNode,
  part: SplitPart,
  rule: ParsedLevelRule,
  poolCents: number,
  inputs: QuotaTrace["inputs"],
): QuotaTrace {
  const label = `Quota of ${describeNode(part.child.node)}`;
  const adjusted = part.remainderCents !== poolCents;
  const share = part.remainderShare ?? new MoneyDecimal(0);
  const base = adjusted
    ? `the ${money(part.remainderCents)} left of the pool of ${describeNode(parent)} after adjustments`
    : `the pool of ${describeNode(parent)}, ${money(poolCents)}`;

  return {
    label,
    formula:
      "share of the parent's pool (less adjusted siblings) by weight, largest remainder to the cent",
    inputs: adjusted
      ? [
          ...inputs,
          {
            name: "remainderAfterAdjustments",
            value: centsToString(part.remainderCents),
          },
        ]
      : inputs,
    text: adjusted
      ? `${label} = ${formatPercent(share)} of ${base}, its weight by ${describeWeight(part, rule)} rescaled over the siblings without adjustments = ${money(part.cents)}`
      : `${label} = ${formatPercent(share)} of ${base}, by ${describeWeight(part, rule)} = ${money(part.cents)}`,
  };
}

export function monthTrace(
  node: QuotaNode,
  month: number,
  annualCents: number,
  percent: Decimal,
  cents: number,
): QuotaTrace {
  const label = `Quota of ${describeNode(node)}, month ${month}`;
  return {
    label,
    formula:
      "annual quota x month percent / 100, largest remainder across the 12 months",
    inputs: [
      { name: "annualQuota", value: centsToString(annualCents) },
      { name: "monthPercent", value: percent.toFixed() },
    ],
    text: `${label} = ${money(annualCents)} x ${percent.toFixed()}% = ${money(cents)}`,
  };
}

/** Digits after the point that a share shows in a trace. */
const SHARE_DIGITS = 10;

/**
 * Writes a share for a trace: exact when it has few digits, such as
 * "0.625", and otherwise rounded to ten decimals with "≈", because a
 * third would print forty digits.
 */
function shareText(share: Decimal): string {
  if (share.decimalPlaces() <= SHARE_DIGITS) return share.toFixed();
  return `≈${share.toDecimalPlaces(SHARE_DIGITS).toFixed()}`;
}

function basisInputs(part: SplitPart): QuotaTrace["inputs"] {
  const inputs: QuotaTrace["inputs"] = [];
  for (const [basis, share] of part.child.shares) {
    inputs.push({ name: `${basis}Share`, value: shareText(share) });
    const figure = part.child.figures.get(basis);
    if (figure !== undefined) {
      inputs.push({ name: basis, value: centsToString(figure) });
    }
  }
  return inputs;
}

function describeWeight(part: SplitPart, rule: ParsedLevelRule): string {
  const terms = [...rule.basisWeights].map(([basis, weight]) => {
    const share = formatPercent(part.child.shares.get(basis)!);
    return rule.method === "blend"
      ? `${weight.toFixed()} x ${basis} ${share}`
      : `${basis} ${share}`;
  });
  return rule.method === "blend" ? `blend ${terms.join(" + ")}` : terms[0];
}
