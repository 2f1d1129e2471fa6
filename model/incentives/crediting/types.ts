import type { Override } from "../../overrides.ts";
import type { Trace } from "../../trace.ts";

/** An effective-dated record. Both ends are inclusive ISO dates, and null leaves that end open. */
export interface EffectivePeriod {
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

/** One rep's share of a deal, as a percent written as a decimal string such as "33.34". */
export interface DealSplit {
  repId: string;
  percent: string;
}

/** A closed deal to credit. The amount is in plan currency as a decimal string. */
export interface CreditDeal {
  id: string;
  accountId: string;
  amount: string;
  closeDate: string;
  product: string;
  /** NOTE: checked as a non-empty id, but no rule credits the owner yet. */
  ownerRepId: string;
  splits?: DealSplit[];
}

/** The home territory of an account over a period, from the territory history. */
export interface AccountTerritoryPeriod extends EffectivePeriod {
  accountId: string;
  territoryId: string;
}

/** A rep assigned to a territory over a period. */
export interface TerritoryRepAssignment extends EffectivePeriod {
  territoryId: string;
  repId: string;
}

/** A rep's manager over a period. */
export interface ManagerLink extends EffectivePeriod {
  repId: string;
  managerId: string;
}

/** Credits the deal's splits to the split reps. */
export interface SplitRule extends EffectivePeriod {
  id: string;
  kind: "split";
}

/** Credits a deal of the account to the named rep. */
export interface NamedAccountRule extends EffectivePeriod {
  id: string;
  kind: "named-account";
  accountId: string;
  repId: string;
}

/** Credits a deal to the reps of the account's territory on the close date. */
export interface TerritoryRule extends EffectivePeriod {
  id: string;
  kind: "territory";
}

/**
 * Credits a specialist with the whole deal in addition to the primary
 * credit. The rule matches a deal when every criterion it sets matches.
 */
export interface OverlayRule extends EffectivePeriod {
  id: string;
  kind: "overlay";
  repId: string;
  product?: string;
  territoryId?: string;
}

/** Credits each manager above a direct or split rep with that rep's credit. */
export interface RollupRule extends EffectivePeriod {
  id: string;
  kind: "rollup";
}

export type CreditingRule =
  SplitRule | NamedAccountRule | TerritoryRule | OverlayRule | RollupRule;

/** Returns the home territory id of an account on a date, or null when it has none. */
export type TerritoryLookup = (
  accountId: string,
  date: string,
) => string | null;

export interface CreditingInput {
  deals: readonly CreditDeal[];
  /** Home territory history, as a table or a lookup function. */
  territoryHistory: readonly AccountTerritoryPeriod[] | TerritoryLookup;
  /** Named-account territory overrides. An override in effect wins over the history. */
  overrides?: readonly Override[];
  territoryReps: readonly TerritoryRepAssignment[];
  managers?: readonly ManagerLink[];
  rules: readonly CreditingRule[];
}

export type CreditKind = "direct" | "split" | "overlay" | "rollup";

/** One rep's credit for one deal, with the rule that produced it. */
export interface Credit {
  dealId: string;
  repId: string;
  /** Credited amount as a decimal string to the cent, such as "1250.00". */
  amount: string;
  kind: CreditKind;
  ruleId: string;
  trace: Trace;
}

/** One invalid row of the input, with its list, 1-based line, field, value and reason. */
export interface CreditingProblem {
  list: string;
  line: number;
  field: string;
  value: string;
  reason: string;
}
