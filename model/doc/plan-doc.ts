import * as Y from "yjs";
import { YKeyValue } from "y-utility/y-keyvalue";
import {
  findLockViolations,
  splitByLocks,
  type LockViolation,
  type SkippedUnit,
  type TerritoryLock,
} from "../locks.ts";
import { clearLock, readLockSnapshot, writeLock } from "./lock-fields.ts";
import { readTerritory, TERRITORY_FIELDS } from "./territory-entry.ts";
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

/** Result of a write of assignments: the units it changed, and those that locks kept. */
export interface AssignResult {
  changed: string[];
  skipped: SkippedUnit[];
}

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
    const scenarioOf = this.meta.get("scenarioOf");
    return {
      schemaVersion: (this.meta.get("schemaVersion") as number) ?? 0,
      planId: (this.meta.get("planId") as string) ?? "",
      name: (this.meta.get("name") as string) ?? "",
      currency: (this.meta.get("currency") as string) ?? "USD",
      datasets:
        datasets && typeof datasets === "object"
          ? { ...(datasets as Record<string, string>) }
          : {},
      scenarioOf: typeof scenarioOf === "string" ? scenarioOf : null,
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
   * alone, so a stroke over painted units writes nothing. Locks hold: units
   * of a locked territory are skipped, and nothing is assigned into a
   * locked territory. Returns the ids of units that changed.
   */
  assign(
    unitIds: Iterable<string>,
    territoryId: string | null,
    origin?: unknown,
  ): string[] {
    return this.assignUnits(unitIds, territoryId, origin).changed;
  }

  /**
   * Writes like `assign` and also returns the units that locks kept, each
   * with the locked territory that kept it.
   */
  assignUnits(
    unitIds: Iterable<string>,
    territoryId: string | null,
    origin?: unknown,
  ): AssignResult {
    if (territoryId !== null && !this.territories.has(territoryId)) {
      throw new Error(
        `Territory "${territoryId}" does not exist in this plan. Pick an existing territory.`,
      );
    }
    const units = [...unitIds];
    const result: AssignResult = { changed: [], skipped: [] };
    this.doc.transact(() => {
      const { allowed, skipped } = splitByLocks(
        units,
        territoryId,
        this.#currentOf(units),
        this.lockedTerritoryIds(),
      );
      this.#write(allowed, territoryId);
      result.changed = allowed;
      result.skipped = skipped;
    }, origin);
    return result;
  }

  /** Ids of the territories that are locked now. */
  lockedTerritoryIds(): Set<string> {
    const ids = new Set<string>();
    this.territories.forEach((entry, id) => {
      if (entry.get("locked") === true) ids.add(id);
    });
    return ids;
  }

  /** Returns every locked territory with the units it held when it was locked. */
  readLocks(): TerritoryLock[] {
    const locks: TerritoryLock[] = [];
    this.territories.forEach((entry, territoryId) => {
      if (entry.get("locked") !== true) return;
      locks.push({ territoryId, unitIds: readLockSnapshot(entry) });
    });
    return locks.sort((a, b) => (a.territoryId < b.territoryId ? -1 : 1));
  }

  /**
   * Differences between lock snapshots and the assignment as it is now,
   * such as an offline edit made before a lock that merged after it.
   */
  readLockViolations(): LockViolation[] {
    return findLockViolations(this.readLocks(), this.readAssignments());
  }

  /** Locks territories, each with its current units as its snapshot, in one transaction. */
  lockTerritories(ids: Iterable<string>, origin?: unknown): void {
    this.doc.transact(() => {
      for (const id of ids) writeLock(this.#entry(id), this.#unitsOf(id));
    }, origin);
  }

  /** Unlocks territories and drops their snapshots, in one transaction. */
  unlockTerritories(ids: Iterable<string>, origin?: unknown): void {
    this.doc.transact(() => {
      for (const id of ids) clearLock(this.#entry(id));
    }, origin);
  }

  /**
   * Puts a locked territory back to its snapshot: units of the snapshot
   * that sit elsewhere return to it, and units added since the lock become
   * unassigned. Returns the units that changed.
   */
  restoreLock(id: string, origin?: unknown): string[] {
    const snapshot = readLockSnapshot(this.#entry(id));
    if (snapshot === null) {
      throw new Error(
        `Territory "${id}" has no lock snapshot to restore. Lock it first.`,
      );
    }
    const keep = new Set(snapshot);
    const returning = snapshot.filter((u) => this.territoryOf(u) !== id);
    const added = this.#unitsOf(id).filter((u) => !keep.has(u));
    this.doc.transact(() => {
      this.#write(returning, id);
      this.#write(added, null);
    }, origin);
    return [...returning, ...added];
  }

  /** Makes a locked territory's current units its new lock snapshot. */
  acceptLock(id: string, origin?: unknown): void {
    const entry = this.#entry(id);
    if (entry.get("locked") !== true) {
      throw new Error(`Territory "${id}" is not locked; nothing to accept.`);
    }
    this.doc.transact(() => writeLock(entry, this.#unitsOf(id)), origin);
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
    const entry = this.#entry(id);
    this.doc.transact(() => {
      for (const field of TERRITORY_FIELDS) {
        const value = changes[field];
        if (value === undefined || entry.get(field) === value) continue;
        // A lock change also writes or drops the snapshot.
        if (field === "locked" && value === true)
          writeLock(entry, this.#unitsOf(id));
        else if (field === "locked") clearLock(entry);
        else entry.set(field, value);
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
    for (const locked of [id, moveUnitsTo]) {
      if (locked === null || !this.lockedTerritoryIds().has(locked)) continue;
      const name = this.readTerritory(locked)?.name ?? locked;
      throw new Error(
        `Territory "${name}" is locked, so its units cannot change. Unlock it first.`,
      );
    }
    this.doc.transact(() => {
      this.assign(this.#unitsOf(id), moveUnitsTo, origin);
      this.territories.forEach((entry) => {
        if (entry.get("parentId") === id) entry.set("parentId", null);
      });
      this.territories.delete(id);
    }, origin);
  }

  #entry(id: string): Y.Map<unknown> {
    const entry = this.territories.get(id);
    if (!entry) {
      throw new Error(`Territory "${id}" does not exist in this plan.`);
    }
    return entry;
  }

  #unitsOf(territoryId: string): string[] {
    const units: string[] = [];
    for (const entry of this.assignments.map.values())
      if (entry.val === territoryId) units.push(entry.key);
    return units;
  }

  // The current territory of each listed unit, for the lock check.
  #currentOf(unitIds: readonly string[]): Map<string, string> {
    const current = new Map<string, string>();
    for (const unitId of unitIds) {
      const territoryId = this.assignments.get(unitId);
      if (territoryId !== undefined) current.set(unitId, territoryId);
    }
    return current;
  }

  // Writes units without a lock check; callers check locks first.
  #write(unitIds: readonly string[], territoryId: string | null): void {
    for (const unitId of unitIds) {
      if (territoryId === null) this.assignments.delete(unitId);
      else this.assignments.set(unitId, territoryId);
    }
  }
}

/** Returns a random URL-safe id (a UUID). */
export function randomId(): string {
  return globalThis.crypto.randomUUID();
}
