import type { AdjacencyGraph } from "./adjacency.ts";

/** Area and outline length of a set of units taken as one shape. */
export interface ShapeFigures {
  areaKm2: number;
  perimeterKm: number;
  /** Polsby-Popper score 4πA/P²: 1 for a circle, near 0 for a thin or ragged shape; null for no units. */
  polsbyPopper: number | null;
}

/**
 * Measures the merged outline of a set of units. A border shared by two
 * member units is inside the shape, so the outline is the sum of member
 * perimeters less twice each internal shared border.
 */
export function shapeFigures(
  graph: AdjacencyGraph,
  unitIds: Iterable<string>,
): ShapeFigures {
  const members = new Set<number>();
  for (const id of unitIds) members.add(graph.index(id));

  let areaKm2 = 0;
  let perimeterKm = 0;
  for (const i of members) {
    areaKm2 += graph.areaKm2[i];
    perimeterKm += graph.perimeterKm[i];
    for (let k = graph.start[i]; k < graph.start[i + 1]; k++) {
      // Each internal border is met once from either side, so subtract it once per side.
      if (members.has(graph.neighbour[k])) perimeterKm -= graph.sharedKm[k];
    }
  }
  const polsbyPopper =
    members.size === 0 || perimeterKm <= 0
      ? null
      : (4 * Math.PI * areaKm2) / (perimeterKm * perimeterKm);
  return { areaKm2, perimeterKm, polsbyPopper };
}
