import { computeCapacity, type CapacityResult } from "../capacity/capacity.ts";
import { CapacityInputError } from "../capacity/errors.ts";
import { FiscalPeriodError, TargetError } from "../plan/errors.ts";
import { fiscalYear, type FiscalYear } from "../plan/periods.ts";
import { buildTargets, yearTarget, type TargetTable } from "../plan/targets.ts";
import { parseCents } from "../quota/amounts.ts";
import { cascadeQuotas } from "../quota/cascade.ts";
import { QuotaAdjustmentError, QuotaInputError } from "../quota/errors.ts";
import type { QuotaCascadeInput, QuotaCascadeResult } from "../quota/types.ts";
import type { PlanningInputs } from "./inputs.ts";
import {
  COMPANY_NODE_ID,
  planQuotaNodes,
  type PlanUnit,
} from "./quota-nodes.ts";
import { seasonalityFromTargets } from "./seasonality.ts";

/** Plan data outside the planning inputs that the derivation reads. */
export interface PlanningContext {
  planName: string;
  /** Territories and regions of the plan. */
  units: readonly PlanUnit[];
  /** Potential per territory id in integer cents, from the territory design. */
  potentialCents: Readonly<Record<string, number>>;
  /**
   * False while the accounts that give potential are still loading. The
   * quota section then waits instead of reporting missing potential.
   */
  potentialLoaded?: boolean;
}

/** Part of the planning model a problem belongs to. */
export type PlanningSection = "fiscal" | "targets" | "capacity" | "quota";

/** A problem that keeps one section from being computed. */
export interface PlanningIssue {
  section: PlanningSection;
  message: string;
  /** The quota node an adjustment problem names, when there is one. */
  nodeId?: string;
}

/** Every figure derived from a plan's planning inputs; a section with an issue is null. */
export interface PlanningModel {
  year: FiscalYear | null;
  targets: TargetTable | null;
  capacity: CapacityResult | null;
  quotaInput: QuotaCascadeInput | null;
  quota: QuotaCascadeResult | null;
  /** Source of the company quota. */
  companyQuotaSource: "entered" | "targets" | null;
  /** Whether the seasonality was entered or follows the targets. */
  seasonalitySource: "entered" | "targets" | null;
  issues: PlanningIssue[];
  /** True while quotas wait for the territory design's potential to load. */
  quotaWaiting: boolean;
}

/**
 * Derives targets, capacity and quotas from the stored inputs. Nothing
 * derived is stored, so two replicas with equal inputs show equal figures.
 * A problem in one section is reported as an issue and leaves the other
 * sections computed where they do not depend on it.
 */
export function derivePlanning(
  inputs: PlanningInputs,
  context: PlanningContext,
): PlanningModel {
  return deriveQuotas(inputs, context, deriveCapacity(inputs));
}

/** Figures that depend on the planning inputs alone: the year, targets and capacity. */
export interface CapacityModel {
  year: FiscalYear | null;
  targets: TargetTable | null;
  capacity: CapacityResult | null;
  issues: PlanningIssue[];
}

/**
 * Derives the year, the targets and capacity, which a change of the
 * territory design leaves alone, so a caller can keep them while painting.
 */
export function deriveCapacity(inputs: PlanningInputs): CapacityModel {
  const model: CapacityModel = {
    year: null,
    targets: null,
    capacity: null,
    issues: [],
  };

  model.year = attempt(model, "fiscal", () =>
    fiscalYear(
      {
        startMonth: inputs.fiscalStartMonth,
        firstFiscalYear: inputs.fiscalYear,
      },
      inputs.fiscalYear,
    ),
  );
  const year = model.year;
  if (year === null) return model;

  model.targets = attempt(model, "targets", () =>
    buildTargets(year, inputs.targets),
  );
  model.capacity = attempt(model, "capacity", () =>
    computeCapacity({
      year,
      roles: inputs.roles,
      reps: inputs.reps.map((rep) => ({ ...rep, id: rep.name })),
      hires: inputs.hires,
      targets: model.targets ?? undefined,
    }),
  );
  return model;
}

/** Adds the quota cascade, which follows the territory design's potential, to a capacity model. */
export function deriveQuotas(
  inputs: PlanningInputs,
  context: PlanningContext,
  base: CapacityModel,
): PlanningModel {
  const model: PlanningModel = {
    ...base,
    issues: [...base.issues],
    quotaInput: null,
    quota: null,
    companyQuotaSource: null,
    seasonalitySource: null,
    quotaWaiting: context.potentialLoaded === false,
  };
  if (model.year === null || model.quotaWaiting) return model;

  model.quotaInput = attempt(model, "quota", () =>
    quotaInput(inputs, context, model),
  );
  if (model.quotaInput !== null) {
    const input = model.quotaInput;
    model.quota = attempt(model, "quota", () => cascadeQuotas(input));
  }
  return model;
}

function quotaInput(
  inputs: PlanningInputs,
  context: PlanningContext,
  model: PlanningModel,
): QuotaCascadeInput {
  const roleNames = new Map(inputs.roles.map((r) => [r.id, r.name]));
  const nodes = planQuotaNodes(
    context.planName,
    context.units,
    inputs.reps,
    inputs.hires,
    model.year,
    roleNames,
  );

  const companyQuota = inputs.quota.companyQuota ?? targetTotal(model);
  model.companyQuotaSource =
    inputs.quota.companyQuota === null ? "targets" : "entered";
  const seasonality = inputs.quota.seasonality ?? targetShape(model);
  model.seasonalitySource =
    inputs.quota.seasonality === null ? "targets" : "entered";

  return {
    nodes,
    companyQuota,
    levels: inputs.quota.levels,
    potentialCents: { ...context.potentialCents },
    priorBookingsCents: priorBookingCents(inputs.priorBookings),
    seasonality,
    adjustments: inputs.adjustments,
  };
}

function targetTotal(model: PlanningModel): string {
  if (model.targets === null) {
    throw new QuotaInputError(
      "The company quota follows the targets, which have an error. Fix the targets or enter a company quota.",
    );
  }
  return yearTarget(model.targets).amount;
}

function targetShape(model: PlanningModel): string[] {
  const table = model.targets;
  if (table === null) return seasonalityFromTargets(new Array(12).fill(0));
  const months = table.year.months.map((_, index) =>
    table.segments.reduce(
      (sum, segment) => sum + table.monthCents.get(segment)![index],
      0,
    ),
  );
  return seasonalityFromTargets(months);
}

function priorBookingCents(
  entries: Readonly<Record<string, string>>,
): Record<string, number> {
  const cents: Record<string, number> = {};
  for (const [nodeId, amount] of Object.entries(entries)) {
    if (nodeId === COMPANY_NODE_ID) continue;
    cents[nodeId] = parseCents(amount, `Prior-year bookings of ${nodeId}`);
  }
  return cents;
}

const SECTION_ERRORS: readonly (new (...args: never[]) => Error)[] = [
  FiscalPeriodError,
  TargetError,
  CapacityInputError,
  QuotaInputError,
  QuotaAdjustmentError,
];

function attempt<T>(
  model: { issues: PlanningIssue[] },
  section: PlanningSection,
  compute: () => T,
): T | null {
  try {
    return compute();
  } catch (error) {
    if (!SECTION_ERRORS.some((type) => error instanceof type)) throw error;
    const issue: PlanningIssue = { section, message: (error as Error).message };
    if (error instanceof QuotaAdjustmentError) issue.nodeId = error.nodeId;
    model.issues.push(issue);
    return null;
  }
}
