import type { PlanningIssue, PlanningModel } from "./derive.ts";

/** An edit of planning inputs that was rejected, with the problem it would cause. */
export class PlanningEditError extends Error {
  override name = "PlanningEditError";

  constructor(readonly issue: PlanningIssue) {
    super(issue.message);
  }
}

/**
 * Returns the first issue of `after` that `before` did not have, or null.
 * An edit is rejected only for a problem it causes, so a plan that already
 * has a problem (say, from an offline merge) can still be edited to fix it.
 */
export function newIssue(
  before: PlanningModel,
  after: PlanningModel,
): PlanningIssue | null {
  const known = new Set(before.issues.map((i) => `${i.section}\n${i.message}`));
  return (
    after.issues.find((i) => !known.has(`${i.section}\n${i.message}`)) ?? null
  );
}
