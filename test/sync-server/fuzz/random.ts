import * as prng from "lib0/prng";

/** Returns the seeds to run: FUZZ_SEED alone when set, else `defaults`, so CI repeats the same runs. */
export function seedsToRun(defaults: readonly number[]): number[] {
  const text = process.env.FUZZ_SEED;
  if (text === undefined || text === "") return [...defaults];
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) {
    throw new Error(
      `FUZZ_SEED is invalid: ${JSON.stringify(text)}. Set it to an integer, such as FUZZ_SEED=42.`,
    );
  }
  return [seed];
}

/** Returns the steps of one run: FUZZ_ITERATIONS when set, else `fallback`. */
export function iterationsToRun(fallback: number): number {
  const text = process.env.FUZZ_ITERATIONS;
  if (text === undefined || text === "") return fallback;
  const count = Number(text);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new Error(
      `FUZZ_ITERATIONS is invalid: ${JSON.stringify(text)}. Set it to a positive integer, such as FUZZ_ITERATIONS=2000.`,
    );
  }
  return count;
}

/** Seeded random choices from lib0's default generator (xoroshiro128+ in lib0 0.2.120). */
export class Random {
  readonly seed: number;
  readonly #generator: prng.PRNG;

  constructor(seed: number) {
    this.seed = seed;
    this.#generator = prng.create(seed);
  }

  /** Returns an integer from `min` to `max`, both inclusive. */
  int(min: number, max: number): number {
    return prng.int32(this.#generator, min, max);
  }

  /** Returns true with probability `p`. */
  chance(p: number): boolean {
    return this.#generator.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("Cannot pick from an empty list.");
    return prng.oneOf(this.#generator, items as T[]);
  }

  /** Returns `pick(items)`, or null when the list is empty. */
  pickOrNull<T>(items: readonly T[]): T | null {
    return items.length === 0 ? null : this.pick(items);
  }

  /** Returns `count` distinct items of `items` (fewer when the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) {
      chosen.push(pool.splice(this.int(0, pool.length - 1), 1)[0]);
    }
    return chosen;
  }

  /** Returns a lowercase word of 3 to 8 letters. */
  word(): string {
    return prng.word(this.#generator, 3, 8);
  }
}
