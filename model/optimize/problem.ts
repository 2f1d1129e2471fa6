import type { AdjacencyGraph } from "../geo/adjacency.ts";
import { BalanceInputError } from "./errors.ts";
import { allowedOffset, parseTolerancePercent } from "./tolerance.ts";
import type { BalanceInput } from "./types.ts";

/**
 * Optimizer input in index form: units and territories are numbered, and the
 * adjacency is cut down to the units being partitioned. Units are sorted by
 * id, so the caller's order never changes the result.
 */
export interface Problem {
  graph: AdjacencyGraph;
  unitIds: readonly string[];
  weight: Float64Array;
  /** Neighbours of unit i within the problem: `neighbour[start[i]]` up to `neighbour[start[i + 1]]`. */
  start: Int32Array;
  neighbour: Int32Array;
  sharedKm: Float64Array;
  territoryIds: readonly string[];
  baseWeight: Float64Array;
  locked: Uint8Array;
  /** 1 for a unit that may not move: a fixed unit or a unit of a locked territory. */
  pinned: Uint8Array;
  /** Territory of each unit before the run, -1 when unassigned. */
  current: Int32Array;
  /** Grand total S: every unit weight and base weight. */
  total: number;
  /** Largest |n*T - S| within the tolerance. */
  allowedOffset: number;
  /** Weight that each territory has in every design: its base weight and pinned units. */
  floor: Float64Array;
  /** Movable units that alone, with the smallest unlocked base weight, are above the tolerance. */
  heavyUnits: readonly number[];
}

/** Validates the input and builds the index form; raises BalanceInputError naming the bad value. */
export function buildProblem(input: BalanceInput): Problem {
  const unitIds = sortedUnique(input.unitIds);
  const unitIndex = new Map(unitIds.map((id, i) => [id, i]));
  const missing = unitIds.find((id) => !input.graph.indexOf.has(id));
  if (missing !== undefined) {
    throw new BalanceInputError(
      `Unit "${missing}" is not in the adjacency graph. Pass units of the same geography dataset.`,
    );
  }

  const territoryIds = input.territories.map((t) => t.id);
  const territoryIndex = new Map(territoryIds.map((id, i) => [id, i]));
  if (territoryIds.length === 0) {
    throw new BalanceInputError("No territories given. Give at least one.");
  }
  if (territoryIndex.size !== territoryIds.length) {
    throw new BalanceInputError(
      `Territory ids must be unique; ${JSON.stringify(firstDuplicate(territoryIds))} appears twice.`,
    );
  }

  const weight = Float64Array.from(unitIds, (id) =>
    checkedWeight(input.weights.get(id), `unit "${id}"`),
  );
  const baseWeight = Float64Array.from(input.territories, (t) =>
    checkedWeight(t.baseWeight ?? 0, `base weight of territory "${t.id}"`),
  );
  const locked = Uint8Array.from(input.territories, (t) => (t.locked ? 1 : 0));
  const current = readCurrent(input, unitIndex, territoryIndex);
  const pinned = pinUnits(input, unitIndex, locked, current);

  const total = sum(weight) + sum(baseWeight);
  if (!Number.isSafeInteger(8 * territoryIds.length * total)) {
    throw new BalanceInputError(
      `Total metric ${total} over ${territoryIds.length} territories is too large for exact integer balance arithmetic. Use a coarser unit, such as whole dollars.`,
    );
  }
  checkEnoughUnits(unitIds, locked, pinned, current);

  const allowed = allowedOffset(
    parseTolerancePercent(input.tolerancePercent),
    total,
  );
  const adjacency = induceAdjacency(input.graph, unitIds, unitIndex);
  return {
    graph: input.graph,
    unitIds,
    weight,
    ...adjacency,
    territoryIds,
    baseWeight,
    locked,
    pinned,
    current,
    total,
    allowedOffset: allowed,
    floor: territoryFloors(baseWeight, weight, pinned, current),
    heavyUnits: findHeavyUnits(weight, pinned, baseWeight, locked, {
      n: territoryIds.length,
      total,
      allowed,
    }),
  };
}

function territoryFloors(
  baseWeight: Float64Array,
  weight: Float64Array,
  pinned: Uint8Array,
  current: Int32Array,
): Float64Array {
  const floors = baseWeight.slice();
  current.forEach((t, u) => {
    if (t >= 0 && pinned[u]) floors[t] += weight[u];
  });
  return floors;
}

function findHeavyUnits(
  weight: Float64Array,
  pinned: Uint8Array,
  baseWeight: Float64Array,
  locked: Uint8Array,
  bounds: { n: number; total: number; allowed: number },
): number[] {
  let smallestBase = Infinity;
  baseWeight.forEach((base, t) => {
    if (!locked[t]) smallestBase = Math.min(smallestBase, base);
  });
  if (smallestBase === Infinity) return [];

  const heavy: number[] = [];
  weight.forEach((w, u) => {
    const offset = bounds.n * (w + smallestBase) - bounds.total;
    if (!pinned[u] && offset > bounds.allowed) heavy.push(u);
  });
  return heavy;
}

/** Raises unless every unassigned unit can get a territory and every unlocked territory a unit. */
function checkEnoughUnits(
  unitIds: readonly string[],
  locked: Uint8Array,
  pinned: Uint8Array,
  current: Int32Array,
): void {
  if (unitIds.length === 0) {
    throw new BalanceInputError("No units given to partition.");
  }
  const unlocked = locked.reduce((count, flag) => count + (flag ? 0 : 1), 0);
  const orphan = current.findIndex((t) => t < 0);
  if (unlocked === 0 && orphan >= 0) {
    throw new BalanceInputError(
      `Unit "${unitIds[orphan]}" has no territory and every territory is locked. Unlock a territory or assign the unit.`,
    );
  }

  const movable = unitIds.length - pinned.reduce((count, f) => count + f, 0);
  const needing = unlocked - countHolding(current, pinned, locked);
  if (needing > movable) {
    throw new BalanceInputError(
      `${needing} unlocked territories without a fixed unit need one unit each, but only ${movable} units may move. Use fewer territories.`,
    );
  }
}

function sortedUnique(ids: readonly string[]): string[] {
  const sorted = [...ids].sort(compareIds);
  const duplicate = sorted.find((id, i) => i > 0 && sorted[i - 1] === id);
  if (duplicate !== undefined) {
    throw new BalanceInputError(
      `Unit "${duplicate}" is listed twice. List each unit once.`,
    );
  }
  return sorted;
}

// Compares UTF-16 code units, not locale order, so the order is the same on
// every machine.
function compareIds(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

function firstDuplicate(ids: readonly string[]): string | undefined {
  const seen = new Set<string>();
  return ids.find((id) => seen.size === seen.add(id).size);
}

function checkedWeight(value: number | undefined, subject: string): number {
  if (value === undefined) {
    throw new BalanceInputError(
      `Missing metric for ${subject}. Give every unit a weight, 0 if it has none.`,
    );
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new BalanceInputError(
      `Invalid metric ${value} for ${subject}: weights are non-negative whole numbers (people, cents or accounts).`,
    );
  }
  return value;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function readCurrent(
  input: BalanceInput,
  unitIndex: ReadonlyMap<string, number>,
  territoryIndex: ReadonlyMap<string, number>,
): Int32Array {
  const current = new Int32Array(unitIndex.size).fill(-1);
  for (const [unitId, territoryId] of input.current ?? []) {
    const u = unitIndex.get(unitId);
    if (u === undefined) continue;
    const t = territoryIndex.get(territoryId);
    if (t === undefined) {
      throw new BalanceInputError(
        `Unit "${unitId}" is assigned to unknown territory "${territoryId}". List that territory or unassign the unit.`,
      );
    }
    current[u] = t;
  }
  return current;
}

function pinUnits(
  input: BalanceInput,
  unitIndex: ReadonlyMap<string, number>,
  locked: Uint8Array,
  current: Int32Array,
): Uint8Array {
  const pinned = new Uint8Array(unitIndex.size);
  current.forEach((t, u) => {
    if (t >= 0 && locked[t]) pinned[u] = 1;
  });
  for (const unitId of input.fixedUnitIds ?? []) {
    const u = unitIndex.get(unitId);
    if (u === undefined) {
      throw new BalanceInputError(
        `Fixed unit "${unitId}" is not among the units to partition. Remove it from the fixed units.`,
      );
    }
    if (current[u] < 0) {
      throw new BalanceInputError(
        `Fixed unit "${unitId}" has no territory in the current design. Assign it, or remove it from the fixed units.`,
      );
    }
    pinned[u] = 1;
  }
  return pinned;
}

// Unlocked territories that already hold a pinned unit need no movable unit.
function countHolding(
  current: Int32Array,
  pinned: Uint8Array,
  locked: Uint8Array,
): number {
  const holding = new Set<number>();
  current.forEach((t, u) => {
    if (t >= 0 && pinned[u] && !locked[t]) holding.add(t);
  });
  return holding.size;
}

function induceAdjacency(
  graph: AdjacencyGraph,
  unitIds: readonly string[],
  unitIndex: ReadonlyMap<string, number>,
) {
  const start = new Int32Array(unitIds.length + 1);
  const neighbours: number[] = [];
  const shared: number[] = [];
  unitIds.forEach((id, u) => {
    start[u] = neighbours.length;
    const g = graph.index(id);
    for (let k = graph.start[g]; k < graph.start[g + 1]; k++) {
      const v = unitIndex.get(graph.ids[graph.neighbour[k]]);
      if (v === undefined) continue;
      neighbours.push(v);
      shared.push(graph.sharedKm[k]);
    }
  });
  start[unitIds.length] = neighbours.length;
  return {
    start,
    neighbour: Int32Array.from(neighbours),
    sharedKm: Float64Array.from(shared),
  };
}
