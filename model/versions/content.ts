/** A JSON value in the canonical content. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One top-level map of the plan document: key -> stored value as plain JSON. */
export type ContentMap = Record<string, JsonValue>;

/**
 * Every decision of a plan document as plain JSON, one field per top-level
 * shared type, in the order of the document layout. Values are the stored
 * values, not a reader's interpretation, so an entry that a reader skips as
 * invalid still counts. Left out: the `cellHistory` log (a record of edits,
 * not a decision) and the `planId` and `scenarioOf` meta keys (the plan's
 * identity, which differs between a plan and its scenario copy).
 */
export interface PlanContent {
  /** Meta keys other than `planId` and `scenarioOf`: schemaVersion, name, currency, datasets. */
  meta: ContentMap;
  territories: ContentMap;
  /** Unit id -> territory id, the right-most entry of the array winning as YKeyValue reads it. */
  assignments: ContentMap;
  overrides: ContentMap;
  planning: ContentMap;
  targets: ContentMap;
  roles: ContentMap;
  reps: ContentMap;
  hires: ContentMap;
  quotas: ContentMap;
  priorBookings: ContentMap;
  compPlans: ContentMap;
  creditingRules: ContentMap;
  rates: ContentMap;
  managers: ContentMap;
  incentiveSettings: ContentMap;
}
