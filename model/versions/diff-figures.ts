import { computeCapacity } from "../capacity/capacity.ts";
import { MoneyDecimal } from "../money.ts";
import {
  comparePlanning,
  compareValues,
  type ComparedValue,
} from "../planning/compare.ts";
import { derivePlanning, type PlanningModel } from "../planning/derive.ts";
import type { PlanningInputs } from "../planning/inputs.ts";
import type {
  DiffPlanInput,
  FigureChange,
  MissingFigures,
} from "./diff-types.ts";

/** One plan with the potential of each of its territories. */
export interface FigureSide {
  plan: DiffPlanInput;
  /** Territory id -> potential in integer cents. */
  potentialCents: Record<string, number>;
}

/** Quota and capacity differences of two plans. */
export interface FigureDiff {
  territoryQuotas: FigureChange[];
  repQuotas: FigureChange[];
  repCapacity: FigureChange[];
  missing: MissingFigures[];
}

/**
 * Derives each plan's planning model as the planning page does and lists
 * the annual quotas of territories and reps, and the annual capacity of
 * reps, that differ. A plan whose inputs have an error has no figures in
 * that section, and `missing` gives the reason.
 */
export function diffFigures(a: FigureSide, b: FigureSide): FigureDiff {
  const modelA = deriveSide(a);
  const modelB = deriveSide(b);
  const comparison = comparePlanning(
    { name: a.plan.name, model: modelA },
    { name: b.plan.name, model: modelB },
  );

  const quotaRows = comparison.quotas.rows.filter((row) => row.changed);
  const quotaChange = (row: (typeof quotaRows)[number]) =>
    figureChange(row.nodeId, row.name, row.annual);
  const missing: MissingFigures[] = comparison.quotas.missing.map((m) => ({
    section: "quota",
    ...m,
  }));

  const capacityA = repCapacity(a.plan.planning, modelA);
  const capacityB = repCapacity(b.plan.planning, modelB);
  for (const [side, capacity] of [
    ["a", capacityA],
    ["b", capacityB],
  ] as const) {
    if (capacity instanceof Map) continue;
    missing.push({ section: "capacity", side, message: capacity.message });
  }

  return {
    territoryQuotas: byId(
      quotaRows.filter((row) => row.level === "territory").map(quotaChange),
    ),
    repQuotas: byId(
      quotaRows.filter((row) => row.level === "rep").map(quotaChange),
    ),
    repCapacity: diffRepCapacity(capacityA, capacityB),
    missing,
  };
}

function deriveSide(side: FigureSide): PlanningModel {
  return derivePlanning(side.plan.planning, {
    planName: side.plan.name || "Company",
    units: side.plan.territories,
    potentialCents: side.potentialCents,
  });
}

interface RepFigure {
  name: string;
  annual: string;
}

/**
 * Returns rep id -> annual capacity: the sum of the 12 monthly capacities
 * of a team of that rep alone, with the role's ramp, attrition and
 * backfills. A plan without capacity figures returns the reason instead.
 */
function repCapacity(
  inputs: PlanningInputs,
  model: PlanningModel,
): Map<string, RepFigure> | { message: string } {
  const year = model.year;
  if (year === null || model.capacity === null) {
    const issue =
      model.issues.find((i) => i.section === "capacity") ??
      model.issues.find((i) => i.section === "fiscal");
    return { message: issue?.message ?? "The plan has no capacity figures." };
  }

  const figures = new Map<string, RepFigure>();
  for (const rep of inputs.reps) {
    // Capacity labels reps by name in its traces, as deriveCapacity does.
    const result = computeCapacity({
      year,
      roles: inputs.roles,
      reps: [{ ...rep, id: rep.name }],
      hires: [],
    });
    const annual = result.months.reduce(
      (sum, month) => sum.plus(month.capacity.amount),
      new MoneyDecimal(0),
    );
    figures.set(rep.id, { name: rep.name, annual: annual.toFixed(2) });
  }
  return figures;
}

function diffRepCapacity(
  a: Map<string, RepFigure> | { message: string },
  b: Map<string, RepFigure> | { message: string },
): FigureChange[] {
  const left = a instanceof Map ? a : new Map<string, RepFigure>();
  const right = b instanceof Map ? b : new Map<string, RepFigure>();
  const ids = new Set([...left.keys(), ...right.keys()]);

  const changes: FigureChange[] = [];
  for (const id of ids) {
    const from = left.get(id);
    const to = right.get(id);
    const value = compareValues(from?.annual ?? null, to?.annual ?? null);
    if (!value.changed) continue;
    changes.push(figureChange(id, (from ?? to)!.name, value));
  }
  return byId(changes);
}

function figureChange(
  id: string,
  name: string,
  value: ComparedValue,
): FigureChange {
  return { id, name, a: value.a, b: value.b, difference: value.difference };
}

function byId(changes: FigureChange[]): FigureChange[] {
  return changes.sort((x, y) => {
    if (x.id < y.id) return -1;
    return x.id > y.id ? 1 : 0;
  });
}
