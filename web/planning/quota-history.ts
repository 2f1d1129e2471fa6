import type { CellChange } from "../../model/doc/planning-doc.ts";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/**
 * Describes how long ago `iso` was, relative to `now`, such as "5 minutes
 * ago" or "yesterday"; under a minute is "just now". A time that does not
 * parse is returned as it is. Months are counted as 30 days.
 */
export function relativeTime(iso: string, now: Date, locale?: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return iso;

  const seconds = Math.round((time - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.trunc(seconds / size), unit);
    }
  }
  return "just now";
}

/** Formats a time as an exact local date and time, such as "Dec 4, 2026, 21:50:54". */
export function exactTime(iso: string, locale?: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return iso;
  return new Date(time).toLocaleString(locale, {
    dateStyle: "medium",
    timeStyle: "medium",
  });
}

/** Writes a history entry's change, such as "empty -> = 150000" or "+ 2000 -> empty". */
export function changeText(change: CellChange): string {
  return `${change.from ?? "empty"} → ${change.to ?? "empty"}`;
}
