import * as Y from "yjs";
import { PlanDoc } from "../../model/doc/plan-doc.ts";
import { QUOTA_ADJUSTMENTS } from "../../model/doc/schema.ts";
import {
  AssignmentStructs,
  COUNTY_FIELD,
  FIELDS_OF,
  OVERRIDE_HISTORY_FIELDS,
  QUOTA_FIELD,
  readEntryFields,
  readQuotaField,
  TERRITORY_HISTORY_FIELDS,
  type FieldRead,
  type FieldValue,
  type HistoryKind,
} from "./object-fields.ts";
import type { SentUpdate } from "./sent-updates.ts";

/** One change of one field of a plan object, as replayed from a stored update. */
export interface RecordedChange {
  /** Seq of the stored update that made the change. */
  seq: number;
  /** When the server stored that update, in milliseconds since the epoch. */
  at: number;
  kind: HistoryKind;
  id: string;
  field: string;
  from: FieldValue;
  to: FieldValue;
  /** Territory names of `from` and `to` when the field's value is a territory id. */
  fromName: string | null;
  toName: string | null;
  /**
   * Yjs client id of the struct that contains the new value, or null when the
   * change removed a value: Yjs records no client for a deletion.
   */
  clientId: number | null;
  /** Person of the connection that sent the update, or null for the server. */
  sentBy: string | null;
}

/** Fields whose values are territory ids, so their changes carry territory names. */
const TERRITORY_VALUED = new Set([
  "county:territoryId",
  "account:territoryId",
  "territory:parentId",
]);

/**
 * Replays a plan room's stored updates into its own document and records
 * every change of a county's territory, an account override, a quota
 * cell's manual adjustment and a territory's name, colour, owner, parent
 * and lock. It keeps its document, so a later `apply` replays only the
 * updates stored since.
 */
export class PlanHistory {
  private readonly plan = new PlanDoc(new Y.Doc());
  private readonly quotas = this.plan.doc.getMap<unknown>(QUOTA_ADJUSTMENTS);
  private readonly assignmentStructs = new AssignmentStructs(this.plan);
  private readonly changed = new Map<HistoryKind, Set<string>>();
  private readonly values = new Map<string, Map<string, FieldValue>>();
  private readonly territoryNames = new Map<string, string>();
  private readonly recorded: RecordedChange[] = [];
  private readonly byObject = new Map<string, RecordedChange[]>();
  private readonly failed: number[] = [];
  private appliedSeq = 0;

  constructor() {
    for (const kind of Object.keys(FIELDS_OF) as HistoryKind[])
      this.changed.set(kind, new Set());
    this.plan.assignments.on("change", (changes: Map<string, unknown>) => {
      for (const unitId of changes.keys()) this.mark("county", unitId);
    });
    this.observeEntries(this.plan.territories, "territory");
    this.observeEntries(this.plan.overrides, "account");
    this.quotas.observe((event) => {
      for (const nodeId of event.keysChanged) this.mark("quota", nodeId);
    });
  }

  /** Seq of the last update applied, 0 before the first. */
  get seq(): number {
    return this.appliedSeq;
  }

  /** Seqs of stored updates that failed to apply and so are missing from the history. */
  get failedSeqs(): readonly number[] {
    return this.failed;
  }

  /** Every recorded change, oldest first. */
  get changes(): readonly RecordedChange[] {
    return this.recorded;
  }

  /** Returns the changes of one object, oldest first. */
  changesOf(kind: HistoryKind, id: string): readonly RecordedChange[] {
    return this.byObject.get(objectKey(kind, id)) ?? [];
  }

  /** Applies updates in seq order, skipping those already applied. */
  apply(updates: readonly SentUpdate[]): void {
    for (const update of updates) {
      if (update.seq <= this.appliedSeq) continue;
      // A struct is new in this update when its clock is at or above the
      // state vector from before the update.
      const before = Y.decodeStateVector(Y.encodeStateVector(this.plan.doc));
      for (const ids of this.changed.values()) ids.clear();
      try {
        Y.applyUpdate(this.plan.doc, update.data);
      } catch {
        // The update was decoded before the server stored it, so this is a
        // damaged row; the rest of the history is still worth showing.
        this.failed.push(update.seq);
      }
      this.recordChanges(update, before);
      this.appliedSeq = update.seq;
    }
  }

  /** Frees the replayed document. */
  destroy(): void {
    this.plan.doc.destroy();
  }

  private observeEntries(
    map: Y.Map<Y.Map<unknown>>,
    kind: "territory" | "account",
  ): void {
    map.observeDeep((events) => {
      for (const event of events) {
        if (event.target === map && event instanceof Y.YMapEvent) {
          for (const id of event.keysChanged) this.mark(kind, id);
        } else if (typeof event.path[0] === "string") {
          this.mark(kind, event.path[0]);
        }
      }
    });
  }

  private mark(kind: HistoryKind, id: string): void {
    this.changed.get(kind)!.add(id);
  }

  // Territories go first, so a county painted into a territory created in
  // the same update gets that territory's name.
  private recordChanges(update: SentUpdate, before: Map<number, number>) {
    const order: HistoryKind[] = ["territory", "county", "account", "quota"];
    for (const kind of order) {
      for (const id of [...this.changed.get(kind)!].sort()) {
        const fields = this.readFields(kind, id);
        for (const [field, read] of fields)
          this.recordField(update, before, kind, id, field, read);
      }
    }
  }

  private readFields(kind: HistoryKind, id: string): Map<string, FieldRead> {
    switch (kind) {
      case "county":
        return new Map([[COUNTY_FIELD, this.assignmentStructs.read(id)]]);
      case "quota":
        return new Map([[QUOTA_FIELD, readQuotaField(this.quotas, id)]]);
      case "account":
        return readEntryFields(
          this.plan.overrides,
          id,
          OVERRIDE_HISTORY_FIELDS,
        );
      case "territory":
        return readEntryFields(
          this.plan.territories,
          id,
          TERRITORY_HISTORY_FIELDS,
        );
    }
  }

  private recordField(
    update: SentUpdate,
    before: Map<number, number>,
    kind: HistoryKind,
    id: string,
    field: string,
    read: FieldRead,
  ): void {
    const key = objectKey(kind, id);
    let values = this.values.get(key);
    if (values === undefined) {
      values = new Map();
      this.values.set(key, values);
    }
    const from = values.get(field) ?? null;
    if (from === read.value) return;
    values.set(field, read.value);
    if (kind === "territory" && field === "name" && read.value !== null)
      this.territoryNames.set(id, String(read.value));

    // The value's struct names its creator only when this update brought
    // it. An older struct that becomes current again was uncovered by a
    // deletion, and deletions carry no client id.
    const struct = read.struct;
    const created =
      struct !== null && struct.clock >= (before.get(struct.client) ?? 0);
    const named = TERRITORY_VALUED.has(`${kind}:${field}`);
    const change: RecordedChange = {
      seq: update.seq,
      at: update.createdAt,
      kind,
      id,
      field,
      from,
      to: read.value,
      fromName: named ? this.nameOf(from) : null,
      toName: named ? this.nameOf(read.value) : null,
      clientId: created ? struct.client : null,
      sentBy: update.personId,
    };
    this.recorded.push(change);
    let list = this.byObject.get(key);
    if (list === undefined) {
      list = [];
      this.byObject.set(key, list);
    }
    list.push(change);
  }

  private nameOf(territoryId: FieldValue): string | null {
    if (typeof territoryId !== "string") return null;
    return this.territoryNames.get(territoryId) ?? null;
  }
}

function objectKey(kind: HistoryKind, id: string): string {
  return `${kind}:${id}`;
}
