import type { FieldValue, HistoryEntry } from "./history-api.ts";

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  color: "Colour",
  ownerId: "Owner",
  parentId: "Region",
  locked: "Lock",
  territoryId: "Territory",
  effectiveFrom: "Effective from",
  effectiveTo: "Effective to",
  adjustment: "Manual adjustment",
};

/** Returns who made a change, for a history list. */
export function changeAuthor(entry: HistoryEntry): string {
  if (entry.personId !== null) return entry.personName ?? "Unknown person";
  // Only the server itself stores updates without a sending person: the
  // plan's creation, demo data and command-line imports.
  if (entry.sentBy === null) return "The server";
  return `Unattributed (sent by ${entry.sentByName ?? "an unknown person"})`;
}

/** Returns the readable name of a change's field. */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/**
 * Returns a readable value: a territory's name where the server or the
 * open plan has one, "none" for an empty value, "locked" or "unlocked".
 */
export function valueLabel(
  value: FieldValue,
  recordedName: string | null,
  currentName: (territoryId: string) => string | null,
  field: string,
): string {
  if (value === null) return "none";
  if (typeof value === "boolean") return value ? "locked" : "unlocked";
  if (field === "territoryId" || field === "parentId")
    return recordedName ?? currentName(value) ?? value;
  return value;
}

/**
 * Returns one line of a history list, such as "Lock: none → unlocked", or
 * "none → Northeast" without the field's name.
 */
export function changeText(
  field: string | null,
  from: string,
  to: string,
): string {
  const change = `${from} → ${to}`;
  return field === null ? change : `${fieldLabel(field)}: ${change}`;
}
