import * as Y from "yjs";
import { isIsoDate, type Override } from "../overrides.ts";
import { readLockSnapshot } from "./lock-fields.ts";
import type { PlanDoc } from "./plan-doc.ts";

/**
 * Writes of named-account overrides. Each override is one entry of the
 * `overrides` map, keyed by account id, with territoryId, effectiveFrom
 * and effectiveTo. A write replaces the whole entry, so two concurrent
 * edits of one override resolve to one of them on every replica and never
 * to a mix of their dates.
 *
 * Locks: a locked territory's accounts never change, so an override into a
 * locked territory, or of an account whose county or current override
 * territory is locked, is rejected. An override that merges in from a
 * replica that had not seen the lock stays in the plan and shows as a
 * conflict against the lock's override snapshot (`lockedOverrides` on the
 * territory entry), as repainted counties do against `lockedUnits`.
 */

/** Field of a territory entry with the overrides that touched it when it was locked. */
export const LOCKED_OVERRIDES = "lockedOverrides";

/** An override as the form enters it; blank dates leave that end open. */
export interface OverrideInput {
  accountId: string;
  territoryId: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

/** A difference between a lock's override snapshot and the overrides now. */
export interface OverrideLockConflict {
  territoryId: string;
  accountId: string;
  /** `added`: an override touches the territory that the snapshot lacks; `removed`: a snapshot override is gone or changed. */
  kind: "added" | "removed";
}

/**
 * Adds or replaces the override of one account, in one transaction. The
 * caller checks that the account exists and passes the unit (county) it
 * sits in, or null when it sits in none. Raises when the territory is
 * missing or a region, a date is invalid, the dates are reversed, or a
 * lock keeps the account.
 */
export function setOverride(
  planDoc: PlanDoc,
  input: OverrideInput,
  homeUnitId: string | null,
  origin?: unknown,
): Override {
  const override = validateOverride(planDoc, input);
  const current = readOverride(planDoc, override.accountId);
  checkLocks(planDoc, [
    override.territoryId,
    current?.territoryId ?? null,
    current ? null : homeTerritory(planDoc, homeUnitId),
  ]);

  planDoc.doc.transact(() => {
    const entry = new Y.Map<unknown>();
    entry.set("territoryId", override.territoryId);
    entry.set("effectiveFrom", override.effectiveFrom);
    entry.set("effectiveTo", override.effectiveTo);
    planDoc.overrides.set(override.accountId, entry);
  }, origin);
  return override;
}

/**
 * Removes the override of one account, so it follows its county again.
 * Raises when there is none, or when the override territory or the
 * county's territory is locked.
 */
export function removeOverride(
  planDoc: PlanDoc,
  accountId: string,
  homeUnitId: string | null,
  origin?: unknown,
): void {
  const current = readOverride(planDoc, accountId);
  if (!current) {
    throw new Error(
      `Account "${accountId}" has no override to remove. Reload the list.`,
    );
  }
  checkLocks(planDoc, [
    current.territoryId,
    homeTerritory(planDoc, homeUnitId),
  ]);
  planDoc.doc.transact(() => planDoc.overrides.delete(accountId), origin);
}

/** Returns the override of one account, or null when it has none. */
export function readOverride(
  planDoc: PlanDoc,
  accountId: string,
): Override | null {
  return planDoc.readOverrides().find((o) => o.accountId === accountId) ?? null;
}

/**
 * Checks an override's territory and dates and returns it with blank dates
 * as null. Raises with the value at fault and what to enter instead.
 */
export function validateOverride(
  planDoc: PlanDoc,
  input: OverrideInput,
): Override {
  if (input.accountId.trim() === "") {
    throw new Error("An override needs an account. Pick one from the search.");
  }
  const territory = planDoc.readTerritory(input.territoryId);
  if (!territory) {
    throw new Error(
      `Territory "${input.territoryId}" does not exist in this plan. Pick an existing territory.`,
    );
  }
  if (territory.kind === "region") {
    throw new Error(
      `"${territory.name}" is a region; pin the account to one of its territories.`,
    );
  }

  const effectiveFrom = readDate(input.effectiveFrom, "Effective-from");
  const effectiveTo = readDate(input.effectiveTo, "Effective-to");
  if (effectiveFrom && effectiveTo && effectiveFrom > effectiveTo) {
    throw new Error(
      `The override starts on ${effectiveFrom}, after it ends on ${effectiveTo}. Pick an end date on or after the start.`,
    );
  }
  return {
    accountId: input.accountId,
    territoryId: input.territoryId,
    effectiveFrom,
    effectiveTo,
  };
}

/**
 * Records the overrides that touch each listed locked territory as its
 * override snapshot: those into it, and those of accounts whose county it
 * owns. Call it inside the transaction that locks the territories, or to
 * accept the overrides as they are now. `homeUnitOf` returns an account's
 * county, or null for an account not in the dataset. The app's lock
 * actions call it in the lock's transaction; `PlanDoc.lockTerritories`
 * alone does not, because the plan document cannot see the accounts.
 */
export function writeOverrideLockSnapshot(
  planDoc: PlanDoc,
  territoryIds: Iterable<string>,
  homeUnitOf: (accountId: string) => string | null,
  origin?: unknown,
): void {
  const assignments = planDoc.readAssignments();
  planDoc.doc.transact(() => {
    for (const territoryId of territoryIds) {
      const entry = planDoc.territories.get(territoryId);
      if (!entry || entry.get("locked") !== true) continue;
      const touching = planDoc.readOverrides().filter((o) => {
        const home = homeUnitOf(o.accountId);
        return (
          o.territoryId === territoryId ||
          (home !== null && assignments.get(home) === territoryId)
        );
      });
      entry.set(LOCKED_OVERRIDES, touching.map(fingerprint).sort());
    }
  }, origin);
}

/**
 * Compares each locked territory's override snapshot with the overrides
 * now, such as an override written offline before the lock that merged
 * after it. A territory locked without an override snapshot yields none.
 * An account touches a territory through its override or through its
 * county in the lock's unit snapshot.
 */
export function readOverrideLockConflicts(
  planDoc: PlanDoc,
  homeUnitOf: (accountId: string) => string | null,
): OverrideLockConflict[] {
  const conflicts: OverrideLockConflict[] = [];
  const overrides = planDoc.readOverrides();
  planDoc.territories.forEach((entry, territoryId) => {
    const snapshot = entry.get(LOCKED_OVERRIDES);
    if (entry.get("locked") !== true || !Array.isArray(snapshot)) return;
    const units = new Set(readLockSnapshot(entry) ?? []);
    const before = new Set(snapshot.map(String));
    const now = new Set(
      overrides
        .filter((o) => {
          const home = homeUnitOf(o.accountId);
          return (
            o.territoryId === territoryId || (home !== null && units.has(home))
          );
        })
        .map(fingerprint),
    );
    for (const key of now) {
      if (!before.has(key))
        conflicts.push({
          territoryId,
          accountId: accountOf(key),
          kind: "added",
        });
    }
    for (const key of before) {
      if (!now.has(key))
        conflicts.push({
          territoryId,
          accountId: accountOf(key),
          kind: "removed",
        });
    }
  });
  return conflicts.sort(
    (a, b) =>
      compare(a.territoryId, b.territoryId) ||
      compare(a.accountId, b.accountId) ||
      compare(a.kind, b.kind),
  );
}

// One override as a string, so a snapshot can be an array of strings.
function fingerprint(override: Override): string {
  return JSON.stringify([
    override.accountId,
    override.territoryId,
    override.effectiveFrom,
    override.effectiveTo,
  ]);
}

function accountOf(key: string): string {
  return String((JSON.parse(key) as unknown[])[0]);
}

function readDate(value: string | null, label: string): string | null {
  const text = value?.trim() ?? "";
  if (text === "") return null;
  if (!isIsoDate(text)) {
    throw new Error(
      `${label} date "${text}" is invalid. Write a date as YYYY-MM-DD, such as 2027-01-01, or leave it blank for an open end.`,
    );
  }
  return text;
}

function homeTerritory(planDoc: PlanDoc, unitId: string | null): string | null {
  return unitId === null ? null : planDoc.territoryOf(unitId);
}

function checkLocks(
  planDoc: PlanDoc,
  territoryIds: readonly (string | null)[],
): void {
  const locked = planDoc.lockedTerritoryIds();
  for (const id of territoryIds) {
    if (id === null || !locked.has(id)) continue;
    const name = planDoc.readTerritory(id)?.name ?? id;
    throw new Error(
      `${name} is locked, so its accounts cannot change. Unlock it first.`,
    );
  }
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
