import { centsToString, MoneyDecimal } from "../money.ts";
import type { TargetTable } from "../plan/targets.ts";
import type { QuotaLevel } from "../quota/types.ts";
import type { PlanningModel, PlanningSection } from "./derive.ts";

/** One figure of two plans: plan A's, plan B's and how far B is from A. */
export interface ComparedValue {
  /** Plan A's figure as an exact decimal string, or null when A has none. */
  a: string | null;
  b: string | null;
  /** B minus A, exact, with the digits of the more precise side, or null when a side has no figure. */
  difference: string | null;
  /** True when the figures differ in value, or only one side has one. */
  changed: boolean;
}

/** A quarter of the fiscal year, or the whole year. */
export type TargetPeriod = "Q1" | "Q2" | "Q3" | "Q4" | "year";

/** Target of one segment, or of all segments, in one period of each plan's fiscal year. */
export interface TargetComparisonRow {
  /** Segment name, or null for the sum over all segments. */
  segment: string | null;
  period: TargetPeriod;
  target: ComparedValue;
  changed: boolean;
}

/** Capacity figures of one fiscal month (1 to 12) of each plan. */
export interface CapacityComparisonRow {
  month: number;
  /** Calendar month of each plan, such as "Feb 2026", or null without a fiscal year. */
  labelA: string | null;
  labelB: string | null;
  capacity: ComparedValue;
  /** Expected filled seats, four digits after the point. */
  headcount: ComparedValue;
  /** Cost of sales. */
  cost: ComparedValue;
  /** Target minus capacity: positive is a shortfall. */
  gap: ComparedValue;
  changed: boolean;
}

/**
 * Presence of a quota node in each plan's figures. When one plan has no quota
 * figures at all, every node is the other plan's only, and the section's
 * `missing` gives the reason.
 */
export type NodePresence = "both" | "a only" | "b only";

/** Annual quota of one node of the quota tree, matched between plans by node id. */
export interface QuotaComparisonRow {
  nodeId: string;
  /** Name in plan A, or in plan B for a node only B has. */
  name: string;
  level: QuotaLevel;
  presence: NodePresence;
  annual: ComparedValue;
  changed: boolean;
}

/** The reason one plan has no figures in a section, such as an error in its inputs. */
export interface MissingSide {
  side: "a" | "b";
  message: string;
}

export interface ComparisonSection<Row> {
  rows: Row[];
  missing: MissingSide[];
}

/** A plan to compare: its name and its derived planning model. */
export interface ComparedPlan {
  name: string;
  model: PlanningModel;
}

/** Targets, capacity and quotas of two plans side by side, B measured against A. */
export interface PlanComparison {
  a: { name: string; yearId: string | null };
  b: { name: string; yearId: string | null };
  targets: ComparisonSection<TargetComparisonRow>;
  capacity: ComparisonSection<CapacityComparisonRow>;
  quotas: ComparisonSection<QuotaComparisonRow>;
}

const PERIODS: readonly TargetPeriod[] = ["Q1", "Q2", "Q3", "Q4", "year"];

/**
 * Compares two plans' targets by quarter and year, capacity by month and
 * annual quota per node. Periods are matched by position in each plan's
 * fiscal year, so plans of different years still line up quarter by
 * quarter. Quota nodes are matched by id, and a node of only one plan is
 * listed with the other side empty.
 */
export function comparePlanning(
  a: ComparedPlan,
  b: ComparedPlan,
): PlanComparison {
  return {
    a: { name: a.name, yearId: a.model.year?.id ?? null },
    b: { name: b.name, yearId: b.model.year?.id ?? null },
    targets: section(a, b, "targets", compareTargets),
    capacity: section(a, b, "capacity", compareCapacity),
    quotas: section(a, b, "quota", compareQuotas),
  };
}

/** Compares two decimal strings, either of which may be null. */
export function compareValues(
  a: string | null,
  b: string | null,
): ComparedValue {
  if (a === null || b === null) {
    return { a, b, difference: null, changed: a !== b };
  }
  const left = new MoneyDecimal(a);
  const right = new MoneyDecimal(b);
  const digits = Math.max(fractionDigits(a), fractionDigits(b));
  return {
    a,
    b,
    difference: right.minus(left).toFixed(digits),
    changed: !left.equals(right),
  };
}

// Digits after the point as written: "1.0000" has four, though its value has none.
function fractionDigits(text: string): number {
  const point = text.indexOf(".");
  return point < 0 ? 0 : text.length - point - 1;
}

function section<Row>(
  a: ComparedPlan,
  b: ComparedPlan,
  name: PlanningSection,
  rows: (a: PlanningModel, b: PlanningModel) => Row[],
): ComparisonSection<Row> {
  const missing: MissingSide[] = [];
  for (const [side, plan] of [
    ["a", a],
    ["b", b],
  ] as const) {
    const message = missingMessage(plan.model, name);
    if (message !== null) missing.push({ side, message });
  }
  return { rows: rows(a.model, b.model), missing };
}

function missingMessage(
  model: PlanningModel,
  name: PlanningSection,
): string | null {
  const present =
    name === "targets"
      ? model.targets
      : name === "capacity"
        ? model.capacity
        : model.quota;
  if (present !== null) return null;
  const issue =
    model.issues.find((i) => i.section === name) ??
    model.issues.find((i) => i.section === "fiscal");
  return issue?.message ?? `The plan has no ${name} figures.`;
}

function compareTargets(
  a: PlanningModel,
  b: PlanningModel,
): TargetComparisonRow[] {
  const segments = new Set([
    ...(a.targets?.segments ?? []),
    ...(b.targets?.segments ?? []),
  ]);
  if (segments.size === 0 && a.targets === null && b.targets === null) {
    return [];
  }

  const rows: TargetComparisonRow[] = [];
  for (const segment of [null, ...[...segments].sort()]) {
    for (const period of PERIODS) {
      const target = compareValues(
        periodTarget(a.targets, segment, period),
        periodTarget(b.targets, segment, period),
      );
      rows.push({ segment, period, target, changed: target.changed });
    }
  }
  return rows;
}

// A segment that a plan has no targets for has a zero target there, as a
// month without input has.
function periodTarget(
  table: TargetTable | null,
  segment: string | null,
  period: TargetPeriod,
): string | null {
  if (table === null) return null;
  const segments = segment === null ? table.segments : [segment];
  const months =
    period === "year"
      ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
      : [0, 1, 2].map((offset) => (Number(period[1]) - 1) * 3 + offset);

  let cents = 0;
  for (const name of segments) {
    const monthCents = table.monthCents.get(name);
    if (monthCents === undefined) continue;
    for (const index of months) cents += monthCents[index];
  }
  return centsToString(cents);
}

function compareCapacity(
  a: PlanningModel,
  b: PlanningModel,
): CapacityComparisonRow[] {
  if (a.capacity === null && b.capacity === null) return [];

  const rows: CapacityComparisonRow[] = [];
  for (let index = 0; index < 12; index++) {
    const left = a.capacity?.months[index] ?? null;
    const right = b.capacity?.months[index] ?? null;
    const row = {
      month: index + 1,
      labelA: left?.label ?? null,
      labelB: right?.label ?? null,
      capacity: compareValues(
        left?.capacity.amount ?? null,
        right?.capacity.amount ?? null,
      ),
      headcount: compareValues(
        left?.headcount ?? null,
        right?.headcount ?? null,
      ),
      cost: compareValues(
        left?.costOfSales.amount ?? null,
        right?.costOfSales.amount ?? null,
      ),
      gap: compareValues(left?.gap?.amount ?? null, right?.gap?.amount ?? null),
    };
    const changed =
      row.capacity.changed ||
      row.headcount.changed ||
      row.cost.changed ||
      row.gap.changed;
    rows.push({ ...row, changed });
  }
  return rows;
}

function compareQuotas(
  a: PlanningModel,
  b: PlanningModel,
): QuotaComparisonRow[] {
  // Nodes keep A's order, parents before children, and B's extra nodes follow.
  const left = a.quota?.quotas ?? [];
  const right = b.quota?.quotas ?? [];
  const rightById = new Map(right.map((node) => [node.nodeId, node]));
  const leftIds = new Set(left.map((node) => node.nodeId));

  const rows: QuotaComparisonRow[] = left.map((node) => {
    const other = rightById.get(node.nodeId);
    const annual = compareValues(node.annual, other?.annual ?? null);
    const presence = other === undefined ? "a only" : "both";
    return quotaRow(node, presence, annual);
  });
  for (const node of right) {
    if (leftIds.has(node.nodeId)) continue;
    rows.push(quotaRow(node, "b only", compareValues(null, node.annual)));
  }
  return rows;
}

function quotaRow(
  node: { nodeId: string; name: string; level: QuotaLevel },
  presence: NodePresence,
  annual: ComparedValue,
): QuotaComparisonRow {
  return {
    nodeId: node.nodeId,
    name: node.name,
    level: node.level,
    presence,
    annual,
    changed: annual.changed,
  };
}
