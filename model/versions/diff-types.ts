import type { Override } from "../overrides.ts";
import type { PlanningInputs } from "../planning/inputs.ts";

/** A territory or region of one plan as the difference needs it. */
export interface DiffTerritoryInput {
  id: string;
  name: string;
  color: string;
  kind: "territory" | "region";
  parentId: string | null;
}

/** One plan, read out of its document as plain data. */
export interface DiffPlanInput {
  /** The plan's name, which names the company node of its quota tree. */
  name: string;
  territories: readonly DiffTerritoryInput[];
  /** Unit id -> territory id. */
  assignments: ReadonlyMap<string, string>;
  overrides: readonly Override[];
  planning: PlanningInputs;
}

/** An account of the accounts dataset, which the plan document does not contain. */
export interface DiffAccount {
  id: string;
  name: string;
  unitId: string;
  /** Potential as an exact decimal string, such as "1250.00". */
  potential: string;
}

/**
 * Data the difference reads besides the two plans. Both plans are measured
 * with the same accounts: a version that named another accounts dataset is
 * still measured with these.
 */
export interface DiffOptions {
  accounts: readonly DiffAccount[];
  /** Date whose named-account overrides in effect apply, as `YYYY-MM-DD`. */
  asOf: string;
  /** County names by unit id, for the CSV. A county without one has an empty name. */
  unitNames?: ReadonlyMap<string, string>;
}

/** DiffOptions with the fiscal year of a plan document that has not chosen one. */
export interface DiffData extends DiffOptions {
  fallbackYear: number;
}

/** A territory as one plan names and colours it. */
export interface DiffTerritory {
  id: string;
  name: string;
  color: string;
}

/** A county whose territory differs: `from` in plan A, `to` in plan B, null when unassigned. */
export interface CountyChange {
  unitId: string;
  name: string;
  from: DiffTerritory | null;
  to: DiffTerritory | null;
}

/** An account whose territory on the as-of date differs, counting overrides in effect. */
export interface AccountMove {
  accountId: string;
  name: string;
  unitId: string;
  from: DiffTerritory | null;
  to: DiffTerritory | null;
}

export type TerritoryChangeKind = "added" | "removed" | "renamed";

/** A territory or region that only one plan has, or that the plans name differently. */
export interface TerritoryChange {
  kind: TerritoryChangeKind;
  id: string;
  /** Name in plan A, or null when A has no territory with the id. */
  from: string | null;
  to: string | null;
}

/** A figure of one node (a territory or a rep) that differs between the plans. */
export interface FigureChange {
  id: string;
  /** Name in plan A, or in plan B for a node only B has. */
  name: string;
  /** Plan A's figure as an exact decimal string, or null when A has none. */
  a: string | null;
  b: string | null;
  /** B minus A, exact, or null when a side has no figure. */
  difference: string | null;
}

/** The reason one plan has no quota or capacity figures, such as an error in its inputs. */
export interface MissingFigures {
  section: "quota" | "capacity";
  side: "a" | "b";
  message: string;
}

/** The changes from plan A to plan B. Every list is sorted by id. */
export interface PlanDiff {
  asOf: string;
  counties: CountyChange[];
  accounts: AccountMove[];
  territories: TerritoryChange[];
  /** Annual quota per territory, from the quota cascade. */
  territoryQuotas: FigureChange[];
  /** Annual quota per rep and open seat, from the quota cascade. */
  repQuotas: FigureChange[];
  /** Annual capacity per rep: the sum of the rep's monthly capacity. */
  repCapacity: FigureChange[];
  missing: MissingFigures[];
  counts: DiffCounts;
}

export interface DiffCounts {
  counties: number;
  accounts: number;
  territoriesAdded: number;
  territoriesRemoved: number;
  territoriesRenamed: number;
  territoryQuotas: number;
  repQuotas: number;
  repCapacity: number;
}
