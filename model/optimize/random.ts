/**
 * A seeded pseudo-random generator (mulberry32). The same seed gives the
 * same sequence on every platform, so an optimizer run repeats exactly.
 */
export class SeededRandom {
  private state: number;

  /** Takes any integer; only its low 32 bits are used. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Returns the next value as an unsigned 32-bit integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Returns an integer in [0, bound), for a bound of at most 2^32. */
  below(bound: number): number {
    return Math.floor((this.nextUint32() / 4294967296) * bound);
  }

  /** Returns 0 .. count-1 in shuffled order (Fisher-Yates). */
  permutation(count: number): Int32Array {
    const order = new Int32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    for (let i = count - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}

/** Returns a shuffled position for each of `count` items, used to break ties. */
export function tieRanks(random: SeededRandom, count: number): Int32Array {
  const order = random.permutation(count);
  const rank = new Int32Array(count);
  order.forEach((item, position) => {
    rank[item] = position;
  });
  return rank;
}
