import type { AccountTerritory } from "./territory.ts";
import type {
  CreditingRule,
  ManagerLink,
  TerritoryRepAssignment,
} from "./types.ts";
import type { Resolved } from "./periods.ts";

/** Inputs of the crediting steps for one deal, besides the deal itself. */
export interface DealContext {
  /** Rules in effect on the deal's close date, in input order. */
  rules: readonly CreditingRule[];
  /** The account's home territory on the close date. */
  territory: Resolved<AccountTerritory>;
  territoryReps: readonly TerritoryRepAssignment[];
  managers: readonly ManagerLink[];
}
