import type { AdjacencyGraph } from "./adjacency.ts";
import { shapeFigures } from "./compactness.ts";
import { connectedPieces } from "./contiguity.ts";

/** Contiguity and compactness of one territory or region. */
export interface ShapeMetrics {
  /** Connected pieces, largest first (see `connectedPieces`); empty for no units. */
  pieces: string[][];
  /** Polsby-Popper score of all units taken as one shape; null for no units. */
  polsbyPopper: number | null;
}

const EMPTY: ShapeMetrics = { pieces: [], polsbyPopper: null };

/**
 * Keeps the pieces and compactness of every territory and region up to
 * date as assignments change. Each `update` compares the new assignment
 * with the previous one and measures again only the territories that
 * gained or lost a unit, and the regions that contain one of those or
 * whose member list changed. Units missing from the adjacency graph are
 * ignored, so a territory of only such units has no pieces.
 */
export class ShapeTracker {
  readonly #graph: AdjacencyGraph;
  readonly #owner = new Map<string, string>();
  readonly #units = new Map<string, Set<string>>();
  readonly #shapes = new Map<string, ShapeMetrics>();
  #regionKeys = new Map<string, string>();

  constructor(graph: AdjacencyGraph) {
    this.#graph = graph;
  }

  /**
   * Applies a new assignment (unit id -> territory id) and region member
   * lists (region id -> territory ids). Returns the ids of the territories
   * and regions it measured again.
   */
  update(
    assignments: ReadonlyMap<string, string>,
    regions: ReadonlyMap<string, readonly string[]> = new Map(),
  ): string[] {
    const changed = this.#applyAssignments(assignments);
    for (const id of changed)
      this.#shapes.set(id, this.#measure(this.#unitsOf(id)));

    const measuredRegions = this.#updateRegions(regions, changed);
    return [...changed, ...measuredRegions];
  }

  /** Returns the shape of a territory or region; no units gives no pieces. */
  shapeOf(id: string): ShapeMetrics {
    return this.#shapes.get(id) ?? EMPTY;
  }

  // Moves changed units between territories; returns the territories touched.
  #applyAssignments(assignments: ReadonlyMap<string, string>): Set<string> {
    const changed = new Set<string>();
    const move = (unitId: string, to: string | undefined) => {
      const from = this.#owner.get(unitId);
      if (from === to) return;
      if (from !== undefined) {
        this.#units.get(from)?.delete(unitId);
        changed.add(from);
      }
      if (to === undefined) {
        this.#owner.delete(unitId);
        return;
      }
      this.#owner.set(unitId, to);
      let units = this.#units.get(to);
      if (!units) this.#units.set(to, (units = new Set()));
      units.add(unitId);
      changed.add(to);
    };

    for (const unitId of [...this.#owner.keys()]) {
      if (!assignments.has(unitId)) move(unitId, undefined);
    }
    for (const [unitId, territoryId] of assignments) {
      if (this.#graph.indexOf.has(unitId)) move(unitId, territoryId);
    }
    return changed;
  }

  #updateRegions(
    regions: ReadonlyMap<string, readonly string[]>,
    changedTerritories: ReadonlySet<string>,
  ): string[] {
    const measured: string[] = [];
    const keys = new Map<string, string>();
    for (const [regionId, members] of regions) {
      const key = [...members].sort().join("\n");
      keys.set(regionId, key);
      const stale =
        this.#regionKeys.get(regionId) !== key ||
        members.some((id) => changedTerritories.has(id));
      if (!stale) continue;
      const units = members.flatMap((id) => this.#unitsOf(id));
      this.#shapes.set(regionId, this.#measure(units));
      measured.push(regionId);
    }
    for (const regionId of this.#regionKeys.keys()) {
      if (!keys.has(regionId)) this.#shapes.delete(regionId);
    }
    this.#regionKeys = keys;
    return measured;
  }

  #unitsOf(id: string): string[] {
    return [...(this.#units.get(id) ?? [])];
  }

  // Sorting makes the floating-point sums, and so the score, the same
  // whatever order the units were painted in.
  #measure(unitIds: string[]): ShapeMetrics {
    if (unitIds.length === 0) return EMPTY;
    unitIds.sort();
    return {
      pieces: connectedPieces(this.#graph, unitIds),
      polsbyPopper: shapeFigures(this.#graph, unitIds).polsbyPopper,
    };
  }
}
