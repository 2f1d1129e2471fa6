/**
 * The layout of a plan's Y.Doc. Only model/doc/ reads or writes these names;
 * everything else goes through the functions in plan-doc.ts.
 *
 * Version 1 holds, as top-level shared types:
 * - `meta` (Y.Map): schemaVersion, planId, name, currency, datasets (kind -> sha256),
 *   and `scenarioOf` (the source plan's id) in a plan duplicated as a scenario.
 * - `territories` (Y.Map of Y.Map): id -> name, color, parentId, ownerId, locked, kind,
 *   and `lockedUnits` (sorted unit ids the territory held when it was locked)
 *   while it is locked.
 * - `assignments` (Y.Array read through YKeyValue): unit id -> territory id.
 *   A YKeyValue keeps the document small under repeated repainting, because a
 *   repaint removes the old entry instead of leaving a Y.Map tombstone per key.
 * - `overrides` (Y.Map of Y.Map): account id -> territoryId, effectiveFrom, effectiveTo.
 * - `planning` (Y.Map): fiscalStartMonth, fiscalYear, companyQuota, seasonality
 *   and one `rule:<level>` per quota level (see planning-doc.ts).
 * - `targets` (Y.Map): `<segment>\n<period>` -> amount.
 * - `roles`, `reps`, `hires` (Y.Map of Y.Map by id): capacity inputs.
 * - `quotas` (Y.Map): quota node id -> manual adjustment `{amount}` or `{delta}`.
 * - `priorBookings` (Y.Map): quota node id -> prior-year bookings.
 * - `cellHistory` (Y.Array): one entry per edit of a planning input: cell,
 *   from, to, personId, name, at.
 * - `compPlans` (Y.Map of Y.Map by id): name, roleIds (array of planning role
 *   ids) and plan (the CompPlan as plain JSON). See incentives-doc.ts.
 * - `creditingRules` (Y.Map): rule id -> the CreditingRule as plain JSON.
 * - `rates` (Y.Map): rate id -> currency, effectiveFrom and rate as plain JSON.
 * - `managers` (Y.Map): rep id -> the rep id of that rep's manager.
 * - `incentiveSettings` (Y.Map): `timeZone`, the IANA time zone of the
 *   plan's pay dates (absent: UTC).
 * The review document (room `<planId>.review`) contains `comments`,
 * `decisions` and `proposals` (bottom-up quota counter-proposals).
 */
export const SCHEMA_VERSION = 1;

export const META = "meta";
export const TERRITORIES = "territories";
export const ASSIGNMENTS = "assignments";
export const OVERRIDES = "overrides";
/**
 * Field of a territory entry with its lock snapshot. Added within schema
 * version 1: a client that predates it ignores the field, and an edit it
 * makes to a locked territory shows as a lock violation.
 */
export const LOCKED_UNITS = "lockedUnits";
export const PLANNING = "planning";
export const TARGETS = "targets";
export const ROLES = "roles";
export const REPS = "reps";
export const HIRES = "hires";
export const QUOTA_ADJUSTMENTS = "quotas";
export const PRIOR_BOOKINGS = "priorBookings";
export const CELL_HISTORY = "cellHistory";
export const COMP_PLANS = "compPlans";
export const CREDITING_RULES = "creditingRules";
export const RATES = "rates";
export const MANAGERS = "managers";
/**
 * Top-level Y.Map of the plan's incentive settings, one key each, so two
 * people changing different settings merge into both edits.
 */
export const INCENTIVE_SETTINGS = "incentiveSettings";
/** Maps that every PlanDoc creates up front, so early readers see them. */
export const RESERVED_MAPS = [COMP_PLANS, CREDITING_RULES] as const;

export const REVIEW_COMMENTS = "comments";
export const REVIEW_DECISIONS = "decisions";
export const REVIEW_PROPOSALS = "proposals";

/** Suffix that turns a plan id into the room name of its review document. */
export const REVIEW_ROOM_SUFFIX = ".review";

/** Plan ids are URL-safe so that they can be room names and file names. */
export const PLAN_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export type TerritoryKind = "territory" | "region";

export interface Territory {
  id: string;
  name: string;
  color: string;
  parentId: string | null;
  ownerId: string | null;
  locked: boolean;
  kind: TerritoryKind;
}

export interface PlanMeta {
  schemaVersion: number;
  planId: string;
  name: string;
  currency: string;
  datasets: Record<string, string>;
  /** Id of the plan this one was duplicated from as a scenario, or null. */
  scenarioOf: string | null;
}

export interface AccountOverride {
  accountId: string;
  territoryId: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

/** A plan read out of its document as plain data for the model. */
export interface PlanSnapshot {
  meta: PlanMeta;
  territories: Territory[];
  assignments: Map<string, string>;
  overrides: AccountOverride[];
}
