import { centsToString, parseMoney, toCents } from "../../model/money.ts";
import type { PlanningInputs } from "../../model/planning/inputs.ts";
import type {
  NodeQuota,
  QuotaCascadeResult,
  QuotaLevel,
} from "../../model/quota/types.ts";
import { adjustmentInputText } from "./quota-amount-text.ts";

/** One row of the quota grid: a node of the quota tree with its figures. */
export interface QuotaRow {
  id: string;
  name: string;
  level: QuotaLevel;
  /** Distance from the company row, 0 for the company. */
  depth: number;
  parentId: string | null;
  hasChildren: boolean;
  /** Owner of a territory row, by name; null for other rows and for territories without one. */
  owner: string | null;
  /** Potential in integer cents: the territory's own, summed for regions and the company, null for reps. */
  potentialCents: number | null;
  /** Prior-year bookings as entered for this node, or null. */
  priorBookings: string | null;
  /** Sum of the children's prior-year bookings when this node has none entered, or null. */
  priorBookingsRollup: string | null;
  /** The adjustment as it would be typed, such as "150000" or "+2000", or "". */
  adjustment: string;
  quota: NodeQuota;
}

/** Inputs of the rows besides the cascade result. */
export interface QuotaRowSources {
  inputs: PlanningInputs;
  potentialCents: Readonly<Record<string, number>>;
  /** Owner person id per territory id. */
  ownerIds: ReadonlyMap<string, string | null>;
  /** Person id -> name. */
  names: ReadonlyMap<string, string>;
}

/**
 * Lists the quota nodes in tree order: the company, then each region
 * followed by its territories, each followed by its reps and open seats.
 * Siblings keep the order of the cascade result (by name, then id).
 */
export function quotaRows(
  result: QuotaCascadeResult,
  sources: QuotaRowSources,
): QuotaRow[] {
  const children = new Map<string | null, NodeQuota[]>();
  for (const quota of result.quotas) {
    const list = children.get(quota.parentId) ?? [];
    list.push(quota);
    children.set(quota.parentId, list);
  }

  const rows: QuotaRow[] = [];
  const visit = (quota: NodeQuota, depth: number) => {
    const kids = children.get(quota.nodeId) ?? [];
    rows.push(buildRow(quota, depth, kids.length > 0, sources));
    for (const child of kids) visit(child, depth + 1);
  };
  for (const root of children.get(null) ?? []) visit(root, 0);

  fillRollups(rows);
  return rows;
}

/**
 * Hides the rows below collapsed nodes. A collapsed region keeps its own
 * row and hides its territories and their reps.
 */
export function visibleRows(
  rows: readonly QuotaRow[],
  collapsed: ReadonlySet<string>,
): QuotaRow[] {
  const hidden = new Set<string>();
  return rows.filter((row) => {
    if (row.parentId !== null && hidden.has(row.parentId)) {
      hidden.add(row.id);
      return false;
    }
    if (collapsed.has(row.id)) hidden.add(row.id);
    return true;
  });
}

function buildRow(
  quota: NodeQuota,
  depth: number,
  hasChildren: boolean,
  sources: QuotaRowSources,
): QuotaRow {
  const { inputs } = sources;
  const adjustment = inputs.adjustments[quota.nodeId];
  const ownerId =
    quota.level === "territory"
      ? (sources.ownerIds.get(quota.nodeId) ?? null)
      : null;
  return {
    id: quota.nodeId,
    name: quota.name,
    level: quota.level,
    depth,
    parentId: quota.parentId,
    hasChildren,
    owner: ownerId === null ? null : (sources.names.get(ownerId) ?? null),
    potentialCents:
      quota.level === "territory"
        ? (sources.potentialCents[quota.nodeId] ?? 0)
        : null,
    priorBookings: inputs.priorBookings[quota.nodeId] ?? null,
    priorBookingsRollup: null,
    adjustment: adjustment === undefined ? "" : adjustmentInputText(adjustment),
    quota,
  };
}

// Sums potential and prior-year bookings up the tree, visiting children
// before parents, as the cascade rolls them up for weighting.
function fillRollups(rows: QuotaRow[]): void {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const priorCents = new Map<string, number>();

  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    const own =
      row.priorBookings === null ? null : amountCents(row.priorBookings);
    const cents = own ?? priorCents.get(row.id) ?? null;
    if (own === null && cents !== null) {
      row.priorBookingsRollup = centsToString(cents);
    }

    const parent = row.parentId === null ? undefined : byId.get(row.parentId);
    if (parent === undefined) continue;
    if (cents !== null) {
      priorCents.set(parent.id, (priorCents.get(parent.id) ?? 0) + cents);
    }
    if (row.potentialCents !== null) {
      parent.potentialCents = (parent.potentialCents ?? 0) + row.potentialCents;
    }
  }
}

// Amounts in the document were checked when entered, so a value that does
// not parse (an offline merge of bad data) counts as none.
function amountCents(amount: string): number | null {
  try {
    return toCents(parseMoney(amount));
  } catch {
    return null;
  }
}
