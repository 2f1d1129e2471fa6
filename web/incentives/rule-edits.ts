import type {
  CreditingRule,
  EffectivePeriod,
} from "../../model/incentives/crediting/types.ts";

export type RuleKind = CreditingRule["kind"];

/** Each kind of crediting rule, with its name and what it credits. */
export const RULE_KINDS: { kind: RuleKind; label: string; help: string }[] = [
  {
    kind: "territory",
    label: "Territory",
    help: "Credits a deal to the reps of the account's territory on the close date.",
  },
  {
    kind: "split",
    label: "Split",
    help: "Credits a deal's splits to the reps named in them.",
  },
  {
    kind: "named-account",
    label: "Named account",
    help: "Credits every deal of one account to one rep.",
  },
  {
    kind: "overlay",
    label: "Overlay",
    help: "Credits a specialist with the whole deal as well, for deals that match its product and territory.",
  },
  {
    kind: "rollup",
    label: "Manager roll-up",
    help: "Credits each manager above a credited rep with that rep's credit.",
  },
];

/** Text fields of a rule that the rules table edits. */
export interface RuleFields {
  kind: RuleKind;
  accountId: string;
  repId: string;
  product: string;
  territoryId: string;
  effectiveFrom: string;
  effectiveTo: string;
}

/** Returns the name of a rule kind, such as "Named account". */
export function ruleKindLabel(kind: RuleKind): string {
  return RULE_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

/** Reads a rule into the text of its form fields, blank where the rule sets none. */
export function ruleFields(rule: CreditingRule): RuleFields {
  return {
    kind: rule.kind,
    accountId: rule.kind === "named-account" ? rule.accountId : "",
    repId:
      rule.kind === "named-account" || rule.kind === "overlay"
        ? rule.repId
        : "",
    product: rule.kind === "overlay" ? (rule.product ?? "") : "",
    territoryId: rule.kind === "overlay" ? (rule.territoryId ?? "") : "",
    effectiveFrom: rule.effectiveFrom ?? "",
    effectiveTo: rule.effectiveTo ?? "",
  };
}

/**
 * Builds a rule from form text. Blank dates leave that end open, and a
 * blank product or territory on an overlay matches any. Ids are passed on
 * as typed, so the document's check names a missing one.
 */
export function buildRule(id: string, fields: RuleFields): CreditingRule {
  const period: EffectivePeriod = {
    effectiveFrom: blankToNull(fields.effectiveFrom),
    effectiveTo: blankToNull(fields.effectiveTo),
  };
  switch (fields.kind) {
    case "named-account":
      return {
        id,
        kind: "named-account",
        accountId: fields.accountId.trim(),
        repId: fields.repId,
        ...period,
      };
    case "overlay": {
      const rule: CreditingRule = {
        id,
        kind: "overlay",
        repId: fields.repId,
        ...period,
      };
      if (fields.product.trim() !== "") rule.product = fields.product.trim();
      if (fields.territoryId !== "") rule.territoryId = fields.territoryId;
      return rule;
    }
    case "territory":
    case "split":
    case "rollup":
      return { id, kind: fields.kind, ...period };
  }
}

/** Returns fields blank for a new rule of the kind. */
export function emptyRuleFields(kind: RuleKind): RuleFields {
  return {
    kind,
    accountId: "",
    repId: "",
    product: "",
    territoryId: "",
    effectiveFrom: "",
    effectiveTo: "",
  };
}

/** Describes the dates a rule is in effect, such as "from 2027-02-01" or "always". */
export function periodText(rule: EffectivePeriod): string {
  const { effectiveFrom: from, effectiveTo: to } = rule;
  if (from === null && to === null) return "always";
  if (to === null) return `from ${from}`;
  if (from === null) return `until ${to}`;
  return `${from} to ${to}`;
}

function blankToNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}
