import { formatCount } from "../format.ts";
import type { ReferenceData } from "../plan/reference-data.ts";

/** "Clinch, GA", or the id when the county is not in the reference data. */
export function countyLabel(reference: ReferenceData, unitId: string): string {
  const unit = reference.unitById.get(unitId);
  return unit ? `${unit.name}, ${unit.state}` : unitId;
}

/**
 * Describes a set of counties in a few words: "Nantucket, MA" for one,
 * "29 counties in AK" or "3 counties in MA, RI" for more.
 */
export function describeCounties(
  reference: ReferenceData,
  unitIds: readonly string[],
): string {
  if (unitIds.length === 1) return countyLabel(reference, unitIds[0]);
  const states = [
    ...new Set(
      unitIds.map((id) => reference.unitById.get(id)?.state ?? "unknown"),
    ),
  ].sort();
  const stateList =
    states.length > 3
      ? `${states.slice(0, 3).join(", ")} and ${states.length - 3} more`
      : states.join(", ");
  return `${formatCount(unitIds.length)} counties in ${stateList}`;
}
