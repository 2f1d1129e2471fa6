// Reads the tracked objects of a replayed plan document field by field,
// each value with the Yjs id of the struct that contains it, so the history
// can tell who created a change.
import type * as Y from "yjs";
import type { PlanDoc } from "../../model/doc/plan-doc.ts";
import type { QuotaAdjustment } from "../../model/quota/types.ts";

/** The kinds of plan objects whose changes the history records. */
export type HistoryKind = "county" | "account" | "quota" | "territory";

export const HISTORY_KINDS: readonly HistoryKind[] = [
  "county",
  "account",
  "quota",
  "territory",
];

export type FieldValue = string | boolean | null;

/** Id of the struct that contains a value: the Yjs client that wrote it and its clock. */
export interface StructId {
  client: number;
  clock: number;
}

/** One field's value and the struct that contains it, or null when the field is absent. */
export interface FieldRead {
  value: FieldValue;
  struct: StructId | null;
}

/** Territory fields whose changes are recorded, as the plan document names them. */
export const TERRITORY_HISTORY_FIELDS = [
  "name",
  "color",
  "ownerId",
  "parentId",
  "locked",
] as const;

/** Override fields whose changes are recorded. */
export const OVERRIDE_HISTORY_FIELDS = [
  "territoryId",
  "effectiveFrom",
  "effectiveTo",
] as const;

/** The one field of a county (its territory id) and of a quota cell (its adjustment). */
export const COUNTY_FIELD = "territoryId";
export const QUOTA_FIELD = "adjustment";

/** Field names of each kind, in the order changes are listed. */
export const FIELDS_OF: Record<HistoryKind, readonly string[]> = {
  county: [COUNTY_FIELD],
  quota: [QUOTA_FIELD],
  territory: TERRITORY_HISTORY_FIELDS,
  account: OVERRIDE_HISTORY_FIELDS,
};

/** Reads the fields of entries of Y.Maps of Y.Maps (territories, overrides). */
export function readEntryFields(
  map: Y.Map<Y.Map<unknown>>,
  id: string,
  fields: readonly string[],
): Map<string, FieldRead> {
  const entry = map.get(id);
  const result = new Map<string, FieldRead>();
  for (const field of fields) {
    const item = entry?._map.get(field);
    if (entry === undefined || item === undefined || item.deleted) {
      result.set(field, { value: null, struct: null });
      continue;
    }
    result.set(field, {
      value: toFieldValue(entry.get(field)),
      struct: { client: item.id.client, clock: item.id.clock },
    });
  }
  return result;
}

/** Reads a quota cell's manual adjustment as `amount <decimal>` or `delta <decimal>`. */
export function readQuotaField(
  quotas: Y.Map<unknown>,
  nodeId: string,
): FieldRead {
  const item = quotas._map.get(nodeId);
  const adjustment = quotas.get(nodeId) as QuotaAdjustment | undefined;
  if (item === undefined || item.deleted || adjustment === undefined)
    return { value: null, struct: null };
  return {
    value: describeAdjustment(adjustment),
    struct: { client: item.id.client, clock: item.id.clock },
  };
}

function describeAdjustment(adjustment: QuotaAdjustment): string {
  if ("amount" in adjustment) return `amount ${adjustment.amount}`;
  return `delta ${adjustment.delta}`;
}

/**
 * Records the struct of every assignment entry as it is inserted, because
 * YKeyValue keeps the entries but not the items that contain them. Entry
 * objects stay the same when Yjs splits an item, so the id of an entry is
 * the item's client and the item's clock plus the entry's index.
 */
export class AssignmentStructs {
  private readonly structs = new WeakMap<object, StructId>();

  constructor(private readonly plan: PlanDoc) {
    plan.assignmentArray.observe((event) => {
      for (const item of event.changes.added) {
        const entries = item.content.getContent();
        entries.forEach((entry, index) => {
          this.structs.set(entry as object, {
            client: item.id.client,
            clock: item.id.clock + index,
          });
        });
      }
    });
  }

  /** Reads a county's territory id and the struct of its entry. */
  read(unitId: string): FieldRead {
    const entry = this.plan.assignments.map.get(unitId);
    if (entry === undefined) return { value: null, struct: null };
    return { value: entry.val, struct: this.structs.get(entry) ?? null };
  }
}

function toFieldValue(value: unknown): FieldValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean" || typeof value === "string") return value;
  return JSON.stringify(value);
}
