import * as Y from "yjs";
import {
  ASSIGNMENTS,
  COMP_PLANS,
  CREDITING_RULES,
  HIRES,
  INCENTIVE_SETTINGS,
  MANAGERS,
  META,
  OVERRIDES,
  PLANNING,
  PRIOR_BOOKINGS,
  QUOTA_ADJUSTMENTS,
  RATES,
  REPS,
  ROLES,
  TARGETS,
  TERRITORIES,
} from "./schema.ts";

/**
 * Top-level maps whose every entry is a decision. Their values are plain
 * JSON or Y.Maps of plain JSON.
 */
const DECISION_MAPS = [
  TERRITORIES,
  OVERRIDES,
  PLANNING,
  TARGETS,
  ROLES,
  REPS,
  HIRES,
  QUOTA_ADJUSTMENTS,
  PRIOR_BOOKINGS,
  COMP_PLANS,
  CREDITING_RULES,
  RATES,
  MANAGERS,
  INCENTIVE_SETTINGS,
] as const;

/** Keys of `meta` that name the plan rather than decide anything in it. */
const IDENTITY_KEYS = new Set(["planId", "scenarioOf"]);

type Entry = { key: string; val: unknown };

/**
 * Writes the decisions of `source` into `target` in one transaction with
 * `origin`, so an undo manager that tracks `origin` takes the restore back
 * in one step. Afterwards every decision equals the source's, so the two
 * have the same planContentHash: meta (name, currency, datasets),
 * territories, assignments, overrides, planning and incentive inputs.
 * Entries missing from the source are deleted, and values that already
 * match are not written. Raises, writing nothing, when the schema versions
 * differ.
 * Locks are not checked, because each lock returns to the source's too.
 * NOTE: `meta.planId`, `meta.scenarioOf` and the `cellHistory` log are never
 * touched, so the log keeps listing the edits that the restore reverts.
 */
export function restorePlanState(
  target: Y.Doc,
  source: Y.Doc,
  origin: unknown,
): void {
  checkSchemaVersions(target, source);

  target.transact(() => {
    restoreMeta(target.getMap(META), source.getMap(META));
    for (const name of DECISION_MAPS)
      restoreMap(target.getMap(name), source.getMap(name));
    restoreKeyValues(
      target.getArray<Entry>(ASSIGNMENTS),
      source.getArray<Entry>(ASSIGNMENTS),
    );
  }, origin);
}

function checkSchemaVersions(target: Y.Doc, source: Y.Doc): void {
  const targetVersion = target.getMap(META).get("schemaVersion");
  const sourceVersion = source.getMap(META).get("schemaVersion");
  if (targetVersion === sourceVersion) return;
  throw new Error(
    `Cannot restore a state of document schema ${String(sourceVersion)} into a plan of schema ${String(targetVersion)}. Restore a version saved with schema ${String(targetVersion)}, or reload the page when the plan is newer than this app.`,
  );
}

function restoreMeta(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [...target.keys()]) {
    if (!IDENTITY_KEYS.has(key) && !source.has(key)) target.delete(key);
  }
  source.forEach((value, key) => {
    if (IDENTITY_KEYS.has(key)) return;
    if (!sameJson(target.get(key), value)) target.set(key, value);
  });
}

/**
 * Makes `target` equal to `source`, descending into nested Y.Maps. A nested
 * Y.Map on both sides is updated field by field instead of replaced, so an
 * unchanged field keeps its Yjs item.
 */
function restoreMap(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [...target.keys()]) {
    if (!source.has(key)) target.delete(key);
  }

  source.forEach((value, key) => {
    const current = target.get(key);
    if (value instanceof Y.Map) {
      if (current instanceof Y.Map) restoreMap(current, value);
      else target.set(key, copyMap(value));
    } else if (!sameJson(current, value)) {
      target.set(key, value);
    }
  });
}

function copyMap(source: Y.Map<unknown>): Y.Map<unknown> {
  const copy = new Y.Map<unknown>();
  source.forEach((value, key) => {
    copy.set(key, value instanceof Y.Map ? copyMap(value) : value);
  });
  return copy;
}

/**
 * Makes a YKeyValue array hold the same values as `source`. Its entries are
 * `{ key, val }`, and the rightmost entry of a key wins. A changed key gets
 * one new entry at the end and loses its old ones, as YKeyValue.set does,
 * so YKeyValue instances that observe the array stay correct.
 */
function restoreKeyValues(
  target: Y.Array<Entry>,
  source: Y.Array<Entry>,
): void {
  const wanted = latestValues(source.toArray());
  const entries = target.toArray();
  const current = latestValues(entries);

  const changed = new Set<string>();
  for (const [key, value] of current) {
    if (!wanted.has(key) || !sameJson(wanted.get(key), value)) changed.add(key);
  }
  for (const key of wanted.keys()) {
    if (!current.has(key)) changed.add(key);
  }
  if (changed.size === 0) return;

  // Deleting from the end keeps the earlier indexes valid.
  for (let index = entries.length - 1; index >= 0; index--) {
    if (changed.has(entries[index].key)) target.delete(index, 1);
  }
  const added: Entry[] = [];
  for (const key of changed) {
    if (wanted.has(key)) added.push({ key, val: wanted.get(key) });
  }
  if (added.length > 0) target.push(added);
}

function latestValues(entries: readonly Entry[]): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const entry of entries) values.set(entry.key, entry.val);
  return values;
}

/** Compares two plain JSON values by structure. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object") return false;
  if (a === null || b === null) return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;

  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => key in right && sameJson(left[key], right[key]));
}
