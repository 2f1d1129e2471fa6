import * as Y from "yjs";
import type { RoleInput } from "../capacity/roles.ts";
import {
  CHILD_LEVELS,
  DEFAULT_LEVEL_RULES,
  ROLE_KINDS,
  type PlannedHire,
  type PlannedRep,
  type PlanningInputs,
  type RoleKind,
} from "../planning/inputs.ts";
import type { TargetInput } from "../plan/targets.ts";
import type { ChildLevel, LevelRule, QuotaAdjustment } from "../quota/types.ts";
import {
  CELL_HISTORY,
  HIRES,
  PLANNING,
  PRIOR_BOOKINGS,
  QUOTA_ADJUSTMENTS,
  REPS,
  ROLES,
  TARGETS,
} from "./schema.ts";

/** One edit of a planning input, as the cell history keeps it. */
export interface CellChange {
  /** Cell id such as `adj:<node id>` or `target:<segment>\n<period>`. */
  cell: string;
  /** Value before the edit as text, or null when it was empty. */
  from: string | null;
  to: string | null;
  personId: string;
  name: string;
  /** Time of the edit as an ISO 8601 string, from the editor's clock. */
  at: string;
}

/** Separates segment and period in a target key. */
export const TARGET_KEY_SEPARATOR = "\n";

/**
 * Handle on the planning inputs of a plan document: fiscal settings,
 * targets, roles, reps, hires, quota rules, adjustments and prior bookings.
 * Every input is stored as entered and every figure is derived on read
 * (model/planning/derive.ts), so concurrent edits merge into inputs that
 * cascade into quotas that add up.
 */
export class PlanningDoc {
  readonly doc: Y.Doc;
  readonly settings: Y.Map<unknown>;
  readonly targets: Y.Map<string>;
  readonly roles: Y.Map<Y.Map<unknown>>;
  readonly reps: Y.Map<Y.Map<unknown>>;
  readonly hires: Y.Map<Y.Map<unknown>>;
  readonly adjustments: Y.Map<QuotaAdjustment>;
  readonly priorBookings: Y.Map<string>;
  readonly history: Y.Array<CellChange>;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.settings = doc.getMap(PLANNING);
    this.targets = doc.getMap(TARGETS);
    this.roles = doc.getMap(ROLES);
    this.reps = doc.getMap(REPS);
    this.hires = doc.getMap(HIRES);
    this.adjustments = doc.getMap(QUOTA_ADJUSTMENTS);
    this.priorBookings = doc.getMap(PRIOR_BOOKINGS);
    this.history = doc.getArray(CELL_HISTORY);
  }

  /** Returns the shared types that an undo manager of planning edits tracks. */
  undoScope(): Y.AbstractType<unknown>[] {
    return [
      this.settings,
      this.targets,
      this.roles,
      this.reps,
      this.hires,
      this.adjustments,
      this.priorBookings,
      this.history,
    ] as Y.AbstractType<unknown>[];
  }

  /**
   * Reads every planning input. `fallbackYear` is the fiscal year of a plan
   * that has not chosen one.
   */
  read(fallbackYear: number): PlanningInputs {
    return {
      fiscalStartMonth: numberOr(this.settings.get("fiscalStartMonth"), 1),
      fiscalYear: numberOr(this.settings.get("fiscalYear"), fallbackYear),
      targets: this.#readTargets(),
      roles: sortedEntries(this.roles).map(([id, entry]) =>
        readRole(id, entry),
      ),
      reps: sortedEntries(this.reps).map(([id, entry]) => readRep(id, entry)),
      hires: sortedEntries(this.hires).map(([id, entry]) =>
        readHire(id, entry),
      ),
      quota: {
        companyQuota: stringOrNull(this.settings.get("companyQuota")),
        levels: readLevels(this.settings),
        seasonality: readSeasonality(this.settings.get("seasonality")),
      },
      adjustments: Object.fromEntries(
        [...this.adjustments.entries()].map(([id, adj]) => [id, { ...adj }]),
      ),
      priorBookings: Object.fromEntries(this.priorBookings.entries()),
    };
  }

  /** Edits of one cell, oldest first, or of every cell without an id. */
  readHistory(cell?: string): CellChange[] {
    const all = this.history.toArray();
    return cell === undefined ? all : all.filter((c) => c.cell === cell);
  }

  #readTargets(): TargetInput[] {
    return [...this.targets.entries()]
      .map(([key, amount]) => {
        const at = key.lastIndexOf(TARGET_KEY_SEPARATOR);
        return { segment: key.slice(0, at), period: key.slice(at + 1), amount };
      })
      .sort(
        (a, b) =>
          a.segment.localeCompare(b.segment) ||
          a.period.localeCompare(b.period),
      );
  }
}

/** Key of one segment's target for one period. */
export function targetKey(segment: string, period: string): string {
  return `${segment}${TARGET_KEY_SEPARATOR}${period}`;
}

function readRole(
  id: string,
  entry: Y.Map<unknown>,
): RoleInput & { kind: RoleKind } {
  const kind = entry.get("kind");
  const ramp = entry.get("rampPercents");
  return {
    id,
    name: String(entry.get("name") ?? ""),
    kind: ROLE_KINDS.includes(kind as RoleKind)
      ? (kind as RoleKind)
      : "account executive",
    onTargetEarnings: String(entry.get("onTargetEarnings") ?? "0"),
    loadedCost: String(entry.get("loadedCost") ?? "0"),
    annualProductivity: String(entry.get("annualProductivity") ?? "0"),
    rampPercents: Array.isArray(ramp) ? ramp.map(String) : ["100"],
    annualAttritionPercent: String(entry.get("annualAttritionPercent") ?? "0"),
    backfillMonths: numberOr(entry.get("backfillMonths"), 0),
  };
}

function readRep(id: string, entry: Y.Map<unknown>): PlannedRep {
  return {
    id,
    name: String(entry.get("name") ?? ""),
    roleId: String(entry.get("roleId") ?? ""),
    startDate: String(entry.get("startDate") ?? ""),
    territoryId: stringOrNull(entry.get("territoryId")),
  };
}

function readHire(id: string, entry: Y.Map<unknown>): PlannedHire {
  return {
    id,
    roleId: String(entry.get("roleId") ?? ""),
    monthId: String(entry.get("monthId") ?? ""),
    count: numberOr(entry.get("count"), 0),
    territoryId: stringOrNull(entry.get("territoryId")),
  };
}

function readLevels(settings: Y.Map<unknown>): Record<ChildLevel, LevelRule> {
  const levels = { ...DEFAULT_LEVEL_RULES };
  for (const level of CHILD_LEVELS) {
    const rule = settings.get(`rule:${level}`);
    if (rule && typeof rule === "object") levels[level] = rule as LevelRule;
  }
  return levels;
}

function readSeasonality(value: unknown): string[] | null {
  return Array.isArray(value) ? value.map(String) : null;
}

function sortedEntries<T>(map: Y.Map<T>): [string, T][] {
  return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" ? value : fallback;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
