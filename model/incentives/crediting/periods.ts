import { overrideStatus } from "../../overrides.ts";
import type { EffectivePeriod } from "./types.ts";

/** Returns the rows in effect on `date`, in the order given. Both ends are inclusive. */
export function inEffect<T extends EffectivePeriod>(
  rows: readonly T[],
  date: string,
): T[] {
  return rows.filter((row) => overrideStatus(row, date) === "in-effect");
}

/**
 * Outcome of a lookup that can fail on valid rows, such as two periods that
 * overlap on a date. It carries either the value or the reason for none.
 */
export type Resolved<T> =
  { ok: true; value: T } | { ok: false; reason: string };

export function resolved<T>(value: T): Resolved<T> {
  return { ok: true, value };
}

export function unresolved<T>(reason: string): Resolved<T> {
  return { ok: false, reason };
}
