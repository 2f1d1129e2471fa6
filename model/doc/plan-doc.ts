import * as Y from "yjs";
import { YKeyValue } from "y-utility/y-keyvalue";
import {
  ASSIGNMENTS,
  META,
  OVERRIDES,
  RESERVED_MAPS,
  SCHEMA_VERSION,
  TERRITORIES,
  type AccountOverride,
  type PlanMeta,
  type PlanSnapshot,
  type Territory,
} from "./schema.ts";

const TERRITORY_FIELDS = [
  "name",
  "color",
  "parentId",
  "ownerId",
  "locked",
  "kind",
] as const;

/**
 * A handle on one plan's Y.Doc. Create one per document and keep it, because
 * the assignment store indexes the document's array when it is constructed.
 */
export class PlanDoc {
  readonly doc: Y.Doc;
  readonly meta: Y.Map<unknown>;
  readonly territories: Y.Map<Y.Map<unknown>>;
  readonly assignmentArray: Y.Array<{ key: string; val: string }>;
  readonly assignments: YKeyValue<string>;
  readonly overrides: Y.Map<Y.Map<unknown>>;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.meta = doc.getMap(META);
    this.territories = doc.getMap(TERRITORIES);
    this.assignmentArray = doc.getArray(ASSIGNMENTS);
    this.assignments = new YKeyValue(this.assignmentArray);
    this.overrides = doc.getMap(OVERRIDES);
    for (const name of RESERVED_MAPS) doc.getMap(name);
  }

  /** True once the document has been initialised by `initPlan`. */
  isInitialised(): boolean {
    return this.meta.has("schemaVersion");
  }

  /** Schema version the document was written with, or null before initialisation. */
  schemaVersion(): number | null {
    const version = this.meta.get("schemaVersion");
    return typeof version === "number" ? version : null;
  }

  /** True when this code may write the document: same schema version as the code. */
  isWritable(): boolean {
    return this.schemaVersion() === SCHEMA_VERSION;
  }

  readMeta(): PlanMeta {
    const datasets = this.meta.get("datasets");
    return {
      schemaVersion: (this.meta.get("schemaVersion") as number) ?? 0,
      planId: (this.meta.get("planId") as string) ?? "",
      name: (this.meta.get("name") as string) ?? "",
      currency: (this.meta.get("currency") as string) ?? "USD",
      datasets:
        datasets && typeof datasets === "object"
          ? { ...(datasets as Record<string, string>) }
          : {},
    };
  }

  readTerritories(): Territory[] {
    const list: Territory[] = [];
    this.territories.forEach((entry, id) =>
      list.push(readTerritory(id, entry)),
    );
    return list.sort(
      (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
  }

  readTerritory(id: string): Territory | null {
    const entry = this.territories.get(id);
    return entry ? readTerritory(id, entry) : null;
  }

  /** Unit id -> territory id for every assigned unit. */
  readAssignments(): Map<string, string> {
    const result = new Map<string, string>();
    for (const [unitId, entry] of this.assignments.map)
      result.set(unitId, entry.val);
    return result;
  }

  territoryOf(unitId: string): string | null {
    return this.assignments.get(unitId) ?? null;
  }

  readOverrides(): AccountOverride[] {
    const list: AccountOverride[] = [];
    this.overrides.forEach((entry, accountId) => {
      list.push({
        accountId,
        territoryId: String(entry.get("territoryId") ?? ""),
        effectiveFrom: (entry.get("effectiveFrom") as string | null) ?? null,
        effectiveTo: (entry.get("effectiveTo") as string | null) ?? null,
      });
    });
    return list;
  }

  snapshot(): PlanSnapshot {
    return {
      meta: this.readMeta(),
      territories: this.readTerritories(),
      assignments: this.readAssignments(),
      overrides: this.readOverrides(),
    };
  }

  /**
   * Assigns units to a territory, or unassigns them when `territoryId` is
   * null, in one transaction. Units that already have that value are left
   * alone, so a stroke over painted units writes nothing. Returns the ids of
   * units that changed.
   */
  assign(
    unitIds: Iterable<string>,
    territoryId: string | null,
    origin?: unknown,
  ): string[] {
    if (territoryId !== null && !this.territories.has(territoryId)) {
      throw new Error(
        `Territory "${territoryId}" does not exist in this plan. Pick an existing territory.`,
      );
    }
    const changed: string[] = [];
    this.doc.transact(() => {
      for (const unitId of unitIds) {
        const current = this.assignments.get(unitId) ?? null;
        if (current === territoryId) continue;
        if (territoryId === null) this.assignments.delete(unitId);
        else this.assignments.set(unitId, territoryId);
        changed.push(unitId);
      }
    }, origin);
    return changed;
  }

  createTerritory(
    fields: Omit<Territory, "id"> & { id?: string },
    origin?: unknown,
  ): string {
    const id = fields.id ?? randomId();
    if (this.territories.has(id)) {
      throw new Error(`Territory id "${id}" is already taken.`);
    }
    this.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      for (const field of TERRITORY_FIELDS) entry.set(field, fields[field]);
      this.territories.set(id, entry);
    }, origin);
    return id;
  }

  updateTerritory(
    id: string,
    changes: Partial<Omit<Territory, "id">>,
    origin?: unknown,
  ): void {
    const entry = this.territories.get(id);
    if (!entry) {
      throw new Error(`Territory "${id}" does not exist in this plan.`);
    }
    this.doc.transact(() => {
      for (const field of TERRITORY_FIELDS) {
        const value = changes[field];
        if (value !== undefined && entry.get(field) !== value)
          entry.set(field, value);
      }
    }, origin);
  }

  /**
   * Deletes a territory. Its units move to `moveUnitsTo`, or become
   * unassigned when that is null, in the same transaction.
   */
  deleteTerritory(
    id: string,
    moveUnitsTo: string | null = null,
    origin?: unknown,
  ): void {
    if (!this.territories.has(id)) {
      throw new Error(`Territory "${id}" does not exist in this plan.`);
    }
    if (moveUnitsTo === id) {
      throw new Error("Cannot move a deleted territory's units to itself.");
    }
    this.doc.transact(() => {
      const owned = [...this.assignments.map.values()]
        .filter((e) => e.val === id)
        .map((e) => e.key);
      this.assign(owned, moveUnitsTo, origin);
      this.territories.forEach((entry) => {
        if (entry.get("parentId") === id) entry.set("parentId", null);
      });
      this.territories.delete(id);
    }, origin);
  }
}

/** Options for `initPlan`: what a new plan starts with. */
export interface NewPlan {
  planId: string;
  name: string;
  currency?: string;
  datasets?: Record<string, string>;
  territories?: (Omit<Territory, "id"> & { id?: string })[];
  assignments?: Iterable<[string, string]>;
}

/**
 * Writes a new plan into an empty document. Only the server does this, once,
 * when it creates a plan; a client never seeds a live document.
 */
export function initPlan(doc: Y.Doc, plan: NewPlan): PlanDoc {
  const planDoc = new PlanDoc(doc);
  if (planDoc.isInitialised()) {
    throw new Error(
      `Plan "${plan.planId}" is already initialised; refusing to write it again.`,
    );
  }
  doc.transact(() => {
    planDoc.meta.set("schemaVersion", SCHEMA_VERSION);
    planDoc.meta.set("planId", plan.planId);
    planDoc.meta.set("name", plan.name);
    planDoc.meta.set("currency", plan.currency ?? "USD");
    planDoc.meta.set("datasets", { ...(plan.datasets ?? {}) });
    for (const territory of plan.territories ?? [])
      planDoc.createTerritory(territory);
    for (const [unitId, territoryId] of plan.assignments ?? [])
      planDoc.assignments.set(unitId, territoryId);
  });
  return planDoc;
}

function readTerritory(id: string, entry: Y.Map<unknown>): Territory {
  return {
    id,
    name: String(entry.get("name") ?? ""),
    color: String(entry.get("color") ?? "#888888"),
    parentId: (entry.get("parentId") as string | null) ?? null,
    ownerId: (entry.get("ownerId") as string | null) ?? null,
    locked: entry.get("locked") === true,
    kind: entry.get("kind") === "region" ? "region" : "territory",
  };
}

/** A random URL-safe id. */
export function randomId(): string {
  return globalThis.crypto.randomUUID();
}
