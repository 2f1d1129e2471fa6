import type { CountyChange, DiffTerritory } from "../../model/versions/diff.ts";

/** Counties that moved from one territory to the same other territory. */
export interface ChangePair {
  key: string;
  fromName: string;
  fromColor: string | null;
  toName: string;
  toColor: string | null;
  unitIds: string[];
}

/** Groups county changes by their from -> to pair, largest group first. */
export function changePairs(changes: readonly CountyChange[]): ChangePair[] {
  const pairs = new Map<string, ChangePair>();
  for (const change of changes) {
    const key = `${change.from?.id ?? ""}\n${change.to?.id ?? ""}`;
    let pair = pairs.get(key);
    if (!pair) {
      pair = {
        key,
        fromName: territoryName(change.from),
        fromColor: change.from?.color ?? null,
        toName: territoryName(change.to),
        toColor: change.to?.color ?? null,
        unitIds: [],
      };
      pairs.set(key, pair);
    }
    pair.unitIds.push(change.unitId);
  }
  return [...pairs.values()].sort(
    (a, b) => b.unitIds.length - a.unitIds.length || (a.key < b.key ? -1 : 1),
  );
}

function territoryName(territory: DiffTerritory | null): string {
  if (territory === null) return "Unassigned";
  return territory.name ?? `Deleted territory ${territory.id}`;
}
