import type { Problem } from "./problem.ts";

/** A (possibly partial) assignment of units to territories, with running totals. */
export class Partition {
  /** Territory of each unit, -1 while unassigned. */
  readonly owner: Int32Array;
  /** Metric total of each territory, base weight included. */
  readonly total: Float64Array;
  /** Unit count of each territory. */
  readonly size: Int32Array;
  private readonly memberSets: Set<number>[];

  constructor(
    readonly problem: Problem,
    owner: Int32Array,
  ) {
    this.owner = owner.slice();
    this.total = problem.baseWeight.slice();
    this.size = new Int32Array(problem.territoryIds.length);
    this.memberSets = problem.territoryIds.map(() => new Set<number>());
    this.owner.forEach((t, u) => {
      if (t < 0) return;
      this.total[t] += problem.weight[u];
      this.size[t] += 1;
      this.memberSets[t].add(u);
    });
  }

  /** Moves unit u to territory t, or unassigns it for t = -1. */
  assign(u: number, t: number): void {
    const from = this.owner[u];
    if (from === t) return;
    const weight = this.problem.weight[u];
    if (from >= 0) {
      this.total[from] -= weight;
      this.size[from] -= 1;
      this.memberSets[from].delete(u);
    }
    if (t >= 0) {
      this.total[t] += weight;
      this.size[t] += 1;
      this.memberSets[t].add(u);
    }
    this.owner[u] = t;
  }

  /** Returns n*T - S for territory t: its exact, scaled deviation from the mean. */
  offset(t: number): number {
    return this.total.length * this.total[t] - this.problem.total;
  }

  /** Returns the largest |offset| over all territories. */
  maxAbsOffset(): number {
    let max = 0;
    for (let t = 0; t < this.total.length; t++) {
      max = Math.max(max, Math.abs(this.offset(t)));
    }
    return max;
  }

  /** Returns true when every territory is within the tolerance. */
  isWithinTolerance(): boolean {
    return this.maxAbsOffset() <= this.problem.allowedOffset;
  }

  /** Returns the summed reachable excess of all territories; see territoryExcess. */
  excess(): number {
    let excess = 0;
    for (let t = 0; t < this.total.length; t++) {
      excess += this.territoryExcess(t, this.offset(t), this.heaviestUnitIn(t));
    }
    return excess;
  }

  /**
   * Returns how far territory t is outside the tolerance at the given offset,
   * counting only what some design could remove. A locked territory cannot
   * change, so it has none. The upper bound rises to the territory's floor
   * (base weight and pinned units) plus the heaviest heavy unit it holds,
   * because that unit sits too high in any territory.
   */
  territoryExcess(t: number, offset: number, heavyWeight: number): number {
    const { locked, allowedOffset, floor, total } = this.problem;
    if (locked[t]) return 0;
    const forced = this.total.length * (floor[t] + heavyWeight) - total;
    const upper = Math.max(allowedOffset, forced);
    return Math.max(0, offset - upper) + Math.max(0, -offset - allowedOffset);
  }

  /** Returns the weight of the heaviest heavy unit in territory t (0 for none), with owners as `ownerOf` gives them. */
  heaviestUnitIn(t: number, ownerOf = (u: number) => this.owner[u]): number {
    let heaviest = 0;
    for (const u of this.problem.heavyUnits) {
      if (ownerOf(u) === t)
        heaviest = Math.max(heaviest, this.problem.weight[u]);
    }
    return heaviest;
  }

  /** Returns the sum of squared territory totals, exactly; lower is better balanced. */
  sumOfSquares(): bigint {
    let sum = 0n;
    for (const total of this.total) sum += BigInt(total) * BigInt(total);
    return sum;
  }

  /** Returns the members of territory t in unit order. */
  members(t: number): number[] {
    return [...this.memberSets[t]].sort((a, b) => a - b);
  }

  /** Returns the members of territory t in no fixed order, for order-free work such as finding cut units. */
  unorderedMembers(t: number): ReadonlySet<number> {
    return this.memberSets[t];
  }

  /** Returns the number of units whose territory differs from the input design. */
  movedCount(): number {
    let moved = 0;
    this.owner.forEach((t, u) => {
      if (t !== this.problem.current[u]) moved += 1;
    });
    return moved;
  }
}
