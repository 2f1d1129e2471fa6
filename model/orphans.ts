/**
 * Groups the units assigned to a territory that does not exist, by that
 * territory's id, in the order of the assignment. Such assignments arise
 * when a replica paints into a territory offline while another replica
 * deletes it: both edits merge, and the paint points at nothing.
 */
export function findOrphanedUnits(
  assignments: ReadonlyMap<string, string>,
  territoryIds: ReadonlySet<string>,
): Map<string, string[]> {
  const orphans = new Map<string, string[]>();
  for (const [unitId, territoryId] of assignments) {
    if (territoryIds.has(territoryId)) continue;
    const list = orphans.get(territoryId);
    if (list) list.push(unitId);
    else orphans.set(territoryId, [unitId]);
  }
  return orphans;
}
