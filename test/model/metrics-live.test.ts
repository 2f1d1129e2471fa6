import { describe, expect, test } from "vitest";
import { CoverageIndex } from "../../model/coverage.ts";
import { LiveMetrics, PendingAssignments } from "../../model/metrics-live.ts";
import { sumByTerritory, type MetricIndex } from "../../model/metrics.ts";
import { SeededRandom } from "../../model/optimize/random.ts";

const units = Array.from({ length: 60 }, (_, i) => ({
  id: String(1001 + i * 2).padStart(5, "0"),
  population: 1_000 + ((i * 7_919) % 50_000),
}));
const accounts = units.flatMap((u, i) =>
  Array.from({ length: i % 4 }, (_, k) => ({
    unitId: u.id,
    potentialCents: 100_003 * (i + 1) + k * 17,
  })),
);
const coverage = new CoverageIndex(units, accounts);
const index: MetricIndex = {
  coverage,
  workloadTenths: Float64Array.from(units, (_, i) => (i % 5) * 15),
};
const territoryIds = ["north", "south", "east", "west"];
// Strokes paint into a listed territory, unassign (null), or write an id
// that is not in the list, such as a deleted territory.
const targets = [...territoryIds, null, "deleted"];

/** Returns a random stroke: some units, all set to one territory or unassigned. */
function randomStroke(random: SeededRandom): {
  unitIds: string[];
  territoryId: string | null;
} {
  const size = 1 + random.below(8);
  const unitIds = Array.from(
    { length: size },
    () => units[random.below(units.length)].id,
  );
  return { unitIds, territoryId: targets[random.below(targets.length)] };
}

function randomAssignments(random: SeededRandom): Map<string, string> {
  const assignments = new Map<string, string>();
  for (const unit of units) {
    const territoryId = targets[random.below(targets.length)];
    if (territoryId !== null) assignments.set(unit.id, territoryId);
  }
  return assignments;
}

// A copy over the same unit ids with its own per-unit arrays.
function copyIndex(source: MetricIndex): MetricIndex {
  const coverage = new CoverageIndex(units, []);
  coverage.accounts.set(source.coverage.accounts);
  coverage.population.set(source.coverage.population);
  coverage.potentialCents.set(source.coverage.potentialCents);
  return { coverage, workloadTenths: Float64Array.from(source.workloadTenths) };
}

function write(
  assignments: Map<string, string>,
  unitId: string,
  territoryId: string | null,
): void {
  if (territoryId === null) assignments.delete(unitId);
  else assignments.set(unitId, territoryId);
}

describe("LiveMetrics", () => {
  test("random repaints match the full sum", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = new SeededRandom(seed);
      const assignments = randomAssignments(random);
      const live = new LiveMetrics(index, territoryIds, assignments);
      expect(live.sums()).toEqual(
        sumByTerritory(index, territoryIds, assignments),
      );

      for (let step = 0; step < 50; step++) {
        const { unitIds, territoryId } = randomStroke(random);
        for (const unitId of unitIds) {
          live.assign(unitId, territoryId);
          write(assignments, unitId, territoryId);
        }
        const expected = sumByTerritory(index, territoryIds, assignments);
        expect(live.sums(), `seed ${seed}, stroke ${step}`).toEqual(expected);
      }
    }
  });

  test("sums keeps territory order", () => {
    const live = new LiveMetrics(index, territoryIds, new Map());
    const reordered = ["west", "north", "east", "south"];
    expect([...live.sums(reordered).territories.keys()]).toEqual(reordered);
    expect([...live.sums().territories.keys()]).toEqual(territoryIds);
  });

  test("sums returns fresh totals", () => {
    const assignments = new Map([[units[0].id, "north"]]);
    const live = new LiveMetrics(index, territoryIds, assignments);
    const before = live.sums();
    live.assign(units[1].id, "north");

    expect(before.territories.get("north")!.units).toBe(1);
    expect(live.sums().territories.get("north")!.units).toBe(2);
  });

  test("sums rejects a territory outside its list", () => {
    const live = new LiveMetrics(index, territoryIds, new Map());
    expect(() => live.sums(["north", "central"])).toThrow(
      'Territory "central" is not in the list',
    );
  });

  test("assign of the same territory changes nothing", () => {
    const assignments = new Map([[units[3].id, "east"]]);
    const live = new LiveMetrics(index, territoryIds, assignments);
    live.assign(units[3].id, "east");
    live.assign(units[3].id, "east");

    expect(live.totalsOf("east")).toEqual(
      sumByTerritory(index, territoryIds, assignments).territories.get("east"),
    );
  });

  test("assign between unassigned and an unknown id keeps the pool", () => {
    const live = new LiveMetrics(index, territoryIds, new Map());
    live.assign(units[5].id, "deleted");
    live.assign(units[5].id, null);

    expect(live.totalsOf(null).units).toBe(units.length);
    expect(live.totalsOf("deleted").units).toBe(units.length);
  });

  test("assign ignores a unit outside the index", () => {
    const live = new LiveMetrics(index, territoryIds, new Map());
    live.assign("99999", "north");
    expect(live.totalsOf("north").units).toBe(0);
    expect(live.totalsOf(null).units).toBe(units.length);
  });

  test("hasTerritories ignores order only", () => {
    const live = new LiveMetrics(index, territoryIds, new Map());

    expect(live.hasTerritories([...territoryIds].reverse())).toBe(true);
    expect(live.hasTerritories(territoryIds.slice(1))).toBe(false);
    expect(live.hasTerritories([...territoryIds, "central"])).toBe(false);
    expect(live.hasTerritories(["north", "south", "east", "central"])).toBe(
      false,
    );
  });

  test("useIndex moves changed unit figures", () => {
    for (let seed = 1; seed <= 10; seed++) {
      // Given: live totals over the index, after some strokes.
      const random = new SeededRandom(500 + seed);
      const assignments = randomAssignments(random);
      const live = new LiveMetrics(index, territoryIds, assignments);
      for (let step = 0; step < 10; step++) {
        const { unitIds, territoryId } = randomStroke(random);
        for (const unitId of unitIds) {
          live.assign(unitId, territoryId);
          write(assignments, unitId, territoryId);
        }
      }

      // When a copy of the index with some units' figures changed replaces
      // it, as when overrides move accounts out of their counties.
      const changed = copyIndex(index);
      for (let k = 0; k < 6; k++) {
        const i = random.below(units.length);
        changed.coverage.accounts[i] += 1;
        changed.coverage.potentialCents[i] += 12_345;
        changed.workloadTenths[i] += 15;
      }
      expect(live.useIndex(changed)).toBe(true);

      // Then the totals are those of a full sum over the new index.
      expect(live.index).toBe(changed);
      expect(live.sums(), `seed ${seed}`).toEqual(
        sumByTerritory(changed, territoryIds, assignments),
      );
    }
  });

  test("useIndex rejects other units", () => {
    const live = new LiveMetrics(index, territoryIds, new Map());
    const fewer: MetricIndex = {
      coverage: new CoverageIndex(units.slice(1), []),
      workloadTenths: new Float64Array(units.length - 1),
    };
    const reordered: MetricIndex = {
      coverage: new CoverageIndex([...units].reverse(), []),
      workloadTenths: new Float64Array(units.length),
    };

    expect(live.useIndex(fewer)).toBe(false);
    expect(live.useIndex(reordered)).toBe(false);
    expect(live.index).toBe(index);
  });
});

describe("PendingAssignments", () => {
  test("a change ahead of its snapshot stays pending", () => {
    // Given: totals built from a snapshot, then a change event for one unit.
    const before = new Map([[units[0].id, "north"]]);
    const live = new LiveMetrics(index, territoryIds, before);
    const pending = new PendingAssignments();
    pending.record(units[0].id, "south");

    // When the snapshot read before the change is applied, the totals
    // still match that snapshot and the unit stays recorded.
    pending.applyTo(live, before);
    expect(live.sums()).toEqual(sumByTerritory(index, territoryIds, before));
    expect(pending.size).toBe(1);

    // When a snapshot that shows the change is applied, the unit moves and
    // is forgotten.
    const after = new Map([[units[0].id, "south"]]);
    pending.applyTo(live, after);
    expect(live.sums()).toEqual(sumByTerritory(index, territoryIds, after));
    expect(pending.size).toBe(0);
  });

  test("an unassignment is recorded as null", () => {
    const before = new Map([[units[2].id, "west"]]);
    const live = new LiveMetrics(index, territoryIds, before);
    const pending = new PendingAssignments();
    pending.record(units[2].id, null);

    pending.applyTo(live, new Map());
    expect(live.totalsOf("west").units).toBe(0);
    expect(pending.size).toBe(0);
  });

  test("random events and late snapshots match the full sum", () => {
    // A document receives strokes, and each stroke's change events are
    // recorded at once. A snapshot of the document is read only now and
    // then, so events often run ahead of the latest snapshot.
    for (let seed = 1; seed <= 20; seed++) {
      const random = new SeededRandom(1_000 + seed);
      const document = randomAssignments(random);
      let snapshot = new Map(document);
      const live = new LiveMetrics(index, territoryIds, snapshot);
      const pending = new PendingAssignments();

      for (let step = 0; step < 60; step++) {
        const { unitIds, territoryId } = randomStroke(random);
        for (const unitId of unitIds) {
          write(document, unitId, territoryId);
          pending.record(unitId, territoryId);
        }
        if (random.below(3) === 0) snapshot = new Map(document);
        if (random.below(2) === 0) {
          pending.applyTo(live, snapshot);
          expect(live.sums(), `seed ${seed}, stroke ${step}`).toEqual(
            sumByTerritory(index, territoryIds, snapshot),
          );
        }
      }

      snapshot = new Map(document);
      pending.applyTo(live, snapshot);
      expect(live.sums()).toEqual(
        sumByTerritory(index, territoryIds, document),
      );
      expect(pending.size).toBe(0);
    }
  });
});
