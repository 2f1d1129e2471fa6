import type { PlanningInputs } from "../planning/inputs.ts";
import {
  entryChange,
  levelRuleChange,
  priorBookingsChange,
  seasonalityChange,
  settingChange,
  targetChange,
} from "./planning-edits.ts";
import type { PlanningDoc } from "./planning-doc.ts";

/** Planning inputs a new plan starts with; anything left out stays empty. */
export type PlanningSeed = Partial<Omit<PlanningInputs, "quota">> & {
  quota?: Partial<PlanningInputs["quota"]>;
};

/**
 * Writes the planning inputs of a new plan, without history entries. Only
 * `initPlan` calls it, on the server, when it creates a plan.
 */
export function seedPlanning(planning: PlanningDoc, seed: PlanningSeed): void {
  const changes = [
    ...(seed.fiscalStartMonth === undefined
      ? []
      : [settingChange(planning, "fiscalStartMonth", seed.fiscalStartMonth)]),
    ...(seed.fiscalYear === undefined
      ? []
      : [settingChange(planning, "fiscalYear", seed.fiscalYear)]),
    ...(seed.targets ?? []).map((t) =>
      targetChange(planning, t.segment, t.period, t.amount),
    ),
    ...(seed.roles ?? []).map((r) => entryChange(planning, "roles", r.id, r)),
    ...(seed.reps ?? []).map((r) => entryChange(planning, "reps", r.id, r)),
    ...(seed.hires ?? []).map((h) => entryChange(planning, "hires", h.id, h)),
    ...Object.entries(seed.priorBookings ?? {}).map(([id, amount]) =>
      priorBookingsChange(planning, id, amount),
    ),
    ...Object.entries(seed.quota?.levels ?? {}).map(([level, rule]) =>
      levelRuleChange(planning, level as "region", rule),
    ),
    ...(seed.quota?.seasonality
      ? [seasonalityChange(planning, seed.quota.seasonality)]
      : []),
    ...(seed.quota?.companyQuota
      ? [settingChange(planning, "companyQuota", seed.quota.companyQuota)]
      : []),
  ];
  for (const change of changes) change.write(planning);
}
