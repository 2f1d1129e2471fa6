import type * as Y from "yjs";
import { LOCKED_UNITS } from "./schema.ts";

/**
 * The lock fields of one territory entry. `locked` is true while the lock
 * is in force, and `lockedUnits` is the snapshot of the territory's units
 * taken when it was locked (or last accepted). Both are written in one
 * transaction.
 */

/** Reads a territory's lock snapshot, or null when it is unlocked or was locked without one. */
export function readLockSnapshot(entry: Y.Map<unknown>): string[] | null {
  if (entry.get("locked") !== true) return null;
  const units = entry.get(LOCKED_UNITS);
  if (!Array.isArray(units)) return null;
  return units.filter((unitId): unitId is string => typeof unitId === "string");
}

/** Locks a territory with `unitIds` as its snapshot; the caller runs this inside a transaction. */
export function writeLock(
  entry: Y.Map<unknown>,
  unitIds: Iterable<string>,
): void {
  if (entry.get("locked") !== true) entry.set("locked", true);
  entry.set(LOCKED_UNITS, [...unitIds].sort());
}

/** Unlocks a territory and drops its snapshot; the caller runs this inside a transaction. */
export function clearLock(entry: Y.Map<unknown>): void {
  if (entry.get("locked") !== false) entry.set("locked", false);
  if (entry.has(LOCKED_UNITS)) entry.delete(LOCKED_UNITS);
}
