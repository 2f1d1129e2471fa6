import type { StateRecord, UnitRecord } from "../plan/reference-data.ts";

/**
 * Lists the states the Balance tab offers, by name: those with at least
 * one county in the loaded units, because a state without counties has
 * nothing to split.
 */
export function balanceStates(
  states: readonly StateRecord[],
  units: readonly UnitRecord[],
): StateRecord[] {
  const withCounties = new Set(units.map((unit) => unit.stateFips));
  return states
    .filter((state) => withCounties.has(state.fips))
    .sort((a, b) => a.name.localeCompare(b.name));
}
