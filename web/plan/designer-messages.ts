import type { SkippedUnit } from "../../model/locks.ts";
import type { LostNotice } from "./notices.svelte.ts";

/** "1 county" or "3 counties". */
export function countiesText(count: number): string {
  return `${count} ${count === 1 ? "county" : "counties"}`;
}

/**
 * Says why units were skipped, such as "3 counties skipped: East is
 * locked", naming at most three territories.
 */
export function skippedText(
  skipped: readonly SkippedUnit[],
  nameOf: (territoryId: string) => string,
): string {
  const units = new Set(skipped.map((s) => s.unitId)).size;
  const names = [...new Set(skipped.map((s) => s.lockedTerritoryId))]
    .map(nameOf)
    .sort((a, b) => a.localeCompare(b));
  const listed = names.length > 3 ? [...names.slice(0, 3), "others"] : names;
  const list =
    listed.length === 1
      ? listed[0]
      : `${listed.slice(0, -1).join(", ")} and ${listed[listed.length - 1]}`;
  const verb = listed.length === 1 ? "is" : "are";
  return `${countiesText(units)} skipped: ${list} ${verb} locked`;
}

/**
 * Says which of this person's counties someone else repainted at the same
 * time. `byName` is the other person's name, or null when presence lacks it.
 */
export function lostText(notice: LostNotice, byName: string | null): string {
  const count = notice.unitIds.length;
  const subject = `${countiesText(count)} you painted ${count === 1 ? "was" : "were"}`;
  const writer = byName ?? "another editor";
  const verb = notice.erased ? "unassigned" : "repainted";
  return `${subject} ${verb} by ${writer} at the same time`;
}
