import * as Y from "yjs";
import { toHexString } from "lib0/buffer";
import { digest } from "lib0/hash/sha256";
import { canonicalJson } from "../versions/canonical.ts";
import type {
  ContentMap,
  JsonValue,
  PlanContent,
} from "../versions/content.ts";
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

export type { ContentMap, JsonValue, PlanContent };

/** Meta keys that name the plan rather than decide anything in it. */
const IDENTITY_KEYS = new Set(["planId", "scenarioOf"]);

/**
 * Reads every decision of a plan document as plain JSON (see PlanContent).
 * Reads only: unlike YKeyValue, it never removes duplicate assignment
 * entries, so hashing a document does not write to it.
 */
export function readPlanContent(doc: Y.Doc): PlanContent {
  const meta = readMap(doc, META);
  for (const key of IDENTITY_KEYS) delete meta[key];

  return {
    meta,
    territories: readMap(doc, TERRITORIES),
    assignments: readAssignments(doc),
    overrides: readMap(doc, OVERRIDES),
    planning: readMap(doc, PLANNING),
    targets: readMap(doc, TARGETS),
    roles: readMap(doc, ROLES),
    reps: readMap(doc, REPS),
    hires: readMap(doc, HIRES),
    quotas: readMap(doc, QUOTA_ADJUSTMENTS),
    priorBookings: readMap(doc, PRIOR_BOOKINGS),
    compPlans: readMap(doc, COMP_PLANS),
    creditingRules: readMap(doc, CREDITING_RULES),
    rates: readMap(doc, RATES),
    managers: readMap(doc, MANAGERS),
    incentiveSettings: readMap(doc, INCENTIVE_SETTINGS),
  };
}

/**
 * Returns the SHA-256 of a plan document's content as 64 lowercase hex
 * characters. Two replicas with equal content have equal hashes even when
 * their Yjs updates differ in order, client ids or tombstones.
 */
export function planContentHash(doc: Y.Doc): string {
  return contentHash(readPlanContent(doc));
}

/** Returns the SHA-256 of `canonicalJson(content)` as 64 lowercase hex characters. */
export function contentHash(content: PlanContent): string {
  const bytes = new TextEncoder().encode(canonicalJson(content));
  return toHexString(digest(bytes));
}

// Object.fromEntries keeps a key such as "__proto__" as an own property.
function readMap(doc: Y.Doc, name: string): ContentMap {
  const entries = [...doc.getMap<unknown>(name).entries()];
  return Object.fromEntries(
    entries.map(([key, value]) => [key, toJsonValue(value)]),
  );
}

// The array contains {key, val} entries. When replicas set a key concurrently
// the array briefly contains several, and the right-most one is the value.
function readAssignments(doc: Y.Doc): ContentMap {
  const content = new Map<string, JsonValue>();
  const entries = doc.getArray<unknown>(ASSIGNMENTS).toArray();
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (typeof entry !== "object" || entry === null) continue;
    const { key, val } = entry as { key?: unknown; val?: unknown };
    // NOTE: an entry without a string key cannot be keyed, so it is left out.
    if (typeof key !== "string" || content.has(key)) continue;
    content.set(key, toJsonValue(val));
  }
  return Object.fromEntries(content);
}

// Nested shared types become their JSON, bytes become arrays of numbers and
// undefined becomes null, so that every stored value has one JSON form.
function toJsonValue(value: unknown): JsonValue {
  if (value instanceof Y.AbstractType) return toJsonValue(value.toJSON());
  if (value instanceof Uint8Array) return [...value];
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, toJsonValue(item)]),
    );
  }
  return value as JsonValue;
}
