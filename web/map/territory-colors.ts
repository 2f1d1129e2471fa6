import type { Map as MapLibreMap } from "maplibre-gl";
import { featureIdOf } from "./geometry.ts";
import { COUNTY_SOURCE } from "./style.ts";

/**
 * Colours counties by territory through feature-state. Each call compares
 * the target colours with the ones already applied and touches only the
 * counties that differ, so a stroke costs as many calls as counties it paints.
 */
export class TerritoryColors {
  readonly #map: MapLibreMap;
  readonly #applied = new Map<string, string>();

  constructor(map: MapLibreMap) {
    this.#map = map;
  }

  /** Applies the colour of each unit's territory; units of unknown territories show as unassigned. */
  apply(
    assignments: ReadonlyMap<string, string>,
    colorByTerritory: ReadonlyMap<string, string>,
  ): number {
    let changes = 0;
    for (const [unitId, color] of this.#applied) {
      const territoryId = assignments.get(unitId);
      const target = territoryId
        ? colorByTerritory.get(territoryId)
        : undefined;
      if (target === undefined) {
        this.#setColor(unitId, null);
        this.#applied.delete(unitId);
        changes++;
      } else if (target !== color) {
        this.#setColor(unitId, target);
        this.#applied.set(unitId, target);
        changes++;
      }
    }
    for (const [unitId, territoryId] of assignments) {
      if (this.#applied.has(unitId)) continue;
      const target = colorByTerritory.get(territoryId);
      if (target === undefined) continue;
      this.#setColor(unitId, target);
      this.#applied.set(unitId, target);
      changes++;
    }
    return changes;
  }

  #setColor(unitId: string, color: string | null): void {
    this.#map.setFeatureState(
      { source: COUNTY_SOURCE, id: featureIdOf(unitId) },
      { color },
    );
  }
}
