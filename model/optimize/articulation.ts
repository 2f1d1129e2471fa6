import type { Partition } from "./partition.ts";

/**
 * Tracks, for every assigned unit, whether removing it from its territory
 * would split one of the territory's pieces (an articulation point of the
 * territory's induced subgraph). A move may take only non-cut units, so it
 * never adds a piece to the donor. A territory's flags are recomputed after
 * it gains or loses a unit.
 */
export class CutUnits {
  readonly isCut: Uint8Array;
  private readonly discovery: Int32Array;
  private readonly low: Int32Array;
  private readonly parent: Int32Array;
  private readonly edge: Int32Array;

  constructor(private readonly partition: Partition) {
    const count = partition.owner.length;
    this.isCut = new Uint8Array(count);
    this.discovery = new Int32Array(count);
    this.low = new Int32Array(count);
    this.parent = new Int32Array(count);
    this.edge = new Int32Array(count);
    for (let t = 0; t < partition.total.length; t++) this.refresh(t);
  }

  /**
   * Recomputes the flags of territory t's units with Tarjan's algorithm,
   * iteratively. The flags do not depend on the order of the search.
   */
  refresh(t: number): void {
    const members = this.partition.unorderedMembers(t);
    for (const u of members) {
      this.discovery[u] = 0;
      this.isCut[u] = 0;
    }
    let clock = 0;
    for (const root of members) {
      if (this.discovery[root] !== 0) continue;
      clock = this.searchPiece(root, t, clock);
    }
  }

  private searchPiece(root: number, t: number, clockStart: number): number {
    const { start, neighbour } = this.partition.problem;
    const owner = this.partition.owner;
    let clock = clockStart + 1;
    this.discovery[root] = this.low[root] = clock;
    this.parent[root] = -1;
    this.edge[root] = start[root];
    const stack = [root];
    let rootChildren = 0;

    while (stack.length > 0) {
      const v = stack[stack.length - 1];
      if (this.edge[v] < start[v + 1]) {
        const w = neighbour[this.edge[v]];
        this.edge[v] += 1;
        if (owner[w] !== t) continue;
        if (this.discovery[w] === 0) {
          clock += 1;
          this.discovery[w] = this.low[w] = clock;
          this.parent[w] = v;
          this.edge[w] = start[w];
          stack.push(w);
          if (v === root) rootChildren += 1;
        } else if (w !== this.parent[v]) {
          this.low[v] = Math.min(this.low[v], this.discovery[w]);
        }
        continue;
      }

      stack.pop();
      const p = this.parent[v];
      if (p < 0) continue;
      this.low[p] = Math.min(this.low[p], this.low[v]);
      if (p !== root && this.low[v] >= this.discovery[p]) this.isCut[p] = 1;
    }
    if (rootChildren > 1) this.isCut[root] = 1;
    return clock;
  }
}
