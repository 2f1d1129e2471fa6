/** One unit's shape figures and neighbours, as the adjacency dataset stores them. */
export interface UnitShape {
  id: string;
  areaKm2: number;
  perimeterKm: number;
  /** Neighbour id and shared border length in km; 0 marks a link across water. */
  neighbours: readonly (readonly [string, number])[];
}

/**
 * The adjacency of geography units in compressed rows: the neighbours of
 * unit i are `neighbour[start[i]]` up to `neighbour[start[i + 1]]`, as unit
 * indexes, with the shared border lengths beside them.
 */
export class AdjacencyGraph {
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly start: Int32Array;
  readonly neighbour: Int32Array;
  readonly sharedKm: Float64Array;
  readonly areaKm2: Float64Array;
  readonly perimeterKm: Float64Array;

  constructor(units: readonly UnitShape[]) {
    this.ids = units.map((u) => u.id);
    this.indexOf = new Map(units.map((u, i) => [u.id, i]));
    this.start = new Int32Array(units.length + 1);
    this.areaKm2 = Float64Array.from(units, (u) => u.areaKm2);
    this.perimeterKm = Float64Array.from(units, (u) => u.perimeterKm);

    const total = units.reduce((sum, u) => sum + u.neighbours.length, 0);
    this.neighbour = new Int32Array(total);
    this.sharedKm = new Float64Array(total);
    let at = 0;
    units.forEach((unit, i) => {
      this.start[i] = at;
      for (const [id, km] of unit.neighbours) {
        const j = this.indexOf.get(id);
        if (j === undefined) {
          throw new Error(
            `Unit "${unit.id}" names an unknown neighbour "${id}". Rebuild the adjacency dataset.`,
          );
        }
        this.neighbour[at] = j;
        this.sharedKm[at] = km;
        at += 1;
      }
    });
    this.start[units.length] = at;
  }

  /** Returns the index of a unit id, raising on an unknown id. */
  index(id: string): number {
    const i = this.indexOf.get(id);
    if (i === undefined)
      throw new Error(`Unknown unit "${id}" in the adjacency dataset.`);
    return i;
  }
}
