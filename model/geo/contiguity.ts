import type { AdjacencyGraph } from "./adjacency.ts";

/**
 * Splits a set of units into its connected pieces: units reach each other
 * through shared borders (or a water link) without leaving the set. Pieces
 * come largest first, then by their first unit id, so the order is stable.
 */
export function connectedPieces(
  graph: AdjacencyGraph,
  unitIds: Iterable<string>,
): string[][] {
  const members = new Set<number>();
  for (const id of unitIds) members.add(graph.index(id));

  const seen = new Set<number>();
  const pieces: string[][] = [];
  for (const first of [...members].sort((a, b) => a - b)) {
    if (seen.has(first)) continue;
    const piece: number[] = [];
    const stack = [first];
    seen.add(first);
    while (stack.length > 0) {
      const i = stack.pop()!;
      piece.push(i);
      for (let k = graph.start[i]; k < graph.start[i + 1]; k++) {
        const j = graph.neighbour[k];
        if (members.has(j) && !seen.has(j)) {
          seen.add(j);
          stack.push(j);
        }
      }
    }
    pieces.push(piece.sort((a, b) => a - b).map((i) => graph.ids[i]));
  }
  return pieces.sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : 1));
}

/** Counts the connected pieces of a set of units; an empty set has none. */
export function countPieces(
  graph: AdjacencyGraph,
  unitIds: Iterable<string>,
): number {
  return connectedPieces(graph, unitIds).length;
}
