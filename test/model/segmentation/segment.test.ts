import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../../model/optimize/random.ts";
import {
  proposeName,
  segmentAccounts,
  SegmentationCancelledError,
  SegmentationInputError,
  type SegmentationAccount,
} from "../../../model/segmentation/index.ts";

/** Three small accounts in the north-west and three large ones in the south-east. */
const TWO_GROUPS: SegmentationAccount[] = [
  { id: "w1", potentialCents: 100_000, population: 1_000, lon: -120, lat: 45 },
  { id: "w2", potentialCents: 120_000, population: 2_000, lon: -121, lat: 46 },
  { id: "w3", potentialCents: 110_001, population: 1_500, lon: -119, lat: 44 },
  {
    id: "e1",
    potentialCents: 10_000_000,
    population: 100_000,
    lon: -75,
    lat: 40,
  },
  {
    id: "e2",
    potentialCents: 12_000_000,
    population: 200_000,
    lon: -74,
    lat: 41,
  },
  {
    id: "e3",
    potentialCents: 11_000_000,
    population: 150_000,
    lon: -76,
    lat: 39,
  },
];

/** Blob centres: potential in cents, population, longitude, latitude. */
const BLOB_CENTRES = [
  [50_000_00, 5_000, -120, 45],
  [5_000_000_00, 500_000, -75, 41],
  [500_000_00, 50_000, -95, 30],
];

/** Accounts around each centre, within 10% in size and 1 degree in location. */
function blobs(perBlob: number, seed: number): SegmentationAccount[] {
  const random = new SeededRandom(seed);
  const jitter = () => random.below(2001) / 1000 - 1;
  const accounts: SegmentationAccount[] = [];
  BLOB_CENTRES.forEach(([potential, population, lon, lat], blob) => {
    for (let i = 0; i < perBlob; i++) {
      accounts.push({
        id: `b${blob}-${i}`,
        potentialCents: Math.round(potential * (1 + 0.1 * jitter())),
        population: Math.round(population * (1 + 0.1 * jitter())),
        lon: lon + jitter(),
        lat: lat + jitter(),
      });
    }
  });
  return accounts;
}

/** Accounts spread evenly at random, with no clusters to find. */
function uniform(count: number): SegmentationAccount[] {
  const random = new SeededRandom(7);
  return Array.from({ length: count }, (_, i) => ({
    id: `u${i}`,
    potentialCents: 1 + random.below(10_000_000),
    population: 1 + random.below(1_000_000),
    lon: -125 + random.below(5_500) / 100,
    lat: 25 + random.below(2_400) / 100,
  }));
}

function labelsOf(
  result: { assignment: Int32Array },
  from: number,
  to: number,
) {
  return new Set(result.assignment.subarray(from, to));
}

describe("segmentAccounts", () => {
  it("separates two groups with exact centroids", () => {
    const result = segmentAccounts(TWO_GROUPS, { k: 2, seed: 1 });
    const west = result.assignment[0];
    const east = result.assignment[3];

    expect(labelsOf(result, 0, 3)).toEqual(new Set([west]));
    expect(labelsOf(result, 3, 6)).toEqual(new Set([east]));
    expect(west).not.toBe(east);
    expect(result.features).toEqual([
      "potential",
      "population",
      "longitude",
      "latitude",
    ]);
    expect(result.converged).toBe(true);

    const westSegment = result.segments[west];
    expect(westSegment.accountCount).toBe(3);
    expect(westSegment.potentialCents).toBe(330_001);
    expect(westSegment.centroid).toEqual({
      potential: "1100.00",
      population: 1_500,
      lon: -120,
      lat: 45,
    });
    expect(westSegment.name).toBe("Low potential, North-west");
    expect(westSegment.separation[0].feature).toBe("potential");
    expect(westSegment.separation[0].zScore).toBeLessThan(-0.99);

    const eastSegment = result.segments[east];
    expect(eastSegment.centroid.potential).toBe("110000.00");
    expect(eastSegment.centroid.population).toBe(150_000);
    expect(eastSegment.name).toBe("High potential, South-east");
  });

  it("orders separation by absolute z-score", () => {
    const result = segmentAccounts(TWO_GROUPS, { k: 2, seed: 1 });
    for (const segment of result.segments) {
      const sizes = segment.separation.map((s) => Math.abs(s.zScore));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      expect(segment.separation).toHaveLength(4);
    }
  });

  it("repeats the assignment for the same seed", () => {
    const accounts = uniform(600);
    const first = segmentAccounts(accounts, { k: 6, seed: 11 });
    const second = segmentAccounts(accounts, { k: 6, seed: 11 });

    expect(second.assignment).toEqual(first.assignment);
    expect(second.iterations).toBe(first.iterations);
    expect(second.inertia).toBe(first.inertia);
    expect(second.silhouette).toBe(first.silhouette);
  });

  it("gives another assignment for another seed", () => {
    const accounts = uniform(600);
    const first = segmentAccounts(accounts, { k: 6, seed: 11 });
    const second = segmentAccounts(accounts, { k: 6, seed: 12 });

    expect(second.assignment).not.toEqual(first.assignment);
  });

  it("recovers well-separated blobs exactly", () => {
    const accounts = blobs(200, 3);
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = segmentAccounts(accounts, { k: 3, seed });
      const labels = [0, 1, 2].map((blob) =>
        labelsOf(result, blob * 200, (blob + 1) * 200),
      );

      for (const set of labels) expect(set.size).toBe(1);
      const distinct = new Set(labels.flatMap((set) => [...set]));
      expect(distinct.size).toBe(3);
    }
  });

  it("scores the true k above wrong ones", () => {
    const accounts = blobs(200, 3);
    const silhouette = (k: number) =>
      segmentAccounts(accounts, { k, seed: 1 }).silhouette;
    const trueK = silhouette(3);

    expect(trueK).toBeGreaterThan(0.8);
    expect(trueK).toBeGreaterThan(silhouette(2));
    expect(trueK).toBeGreaterThan(silhouette(4));
    expect(trueK).toBeGreaterThan(silhouette(6));
  });

  it("samples the silhouette when asked", () => {
    const accounts = blobs(200, 3);
    const full = segmentAccounts(accounts, { k: 3, seed: 1 });
    const sampled = segmentAccounts(accounts, {
      k: 3,
      seed: 1,
      silhouetteSample: 50,
    });

    expect(full.silhouetteSampleSize).toBe(600);
    expect(sampled.silhouetteSampleSize).toBe(50);
    expect(sampled.assignment).toEqual(full.assignment);
  });

  it("adds bookings features from deals", () => {
    const deals = [
      { account: "w1", amount: "100.00" },
      { account: "w2", amount: "200.01" },
      { account: "w2", amount: "-50.00" },
      { account: "e1", amount: "9000.00" },
      { account: "e2", amount: "8000.00" },
      { account: "e3", amount: "7000.00" },
      { account: "e3", amount: "1000.00" },
    ];
    const result = segmentAccounts(TWO_GROUPS, { k: 2, seed: 1, deals });
    const west = result.segments[result.assignment[0]];
    const east = result.segments[result.assignment[3]];

    expect(result.features).toEqual([
      "potential",
      "population",
      "longitude",
      "latitude",
      "bookings",
      "dealCount",
    ]);
    expect(west.centroid.bookings).toBe("83.34");
    expect(west.centroid.dealCount).toBe(0.67);
    expect(east.centroid.bookings).toBe("8333.33");
    expect(east.centroid.dealCount).toBe(1.33);
  });

  it("reports rising progress up to 1", () => {
    const fractions: number[] = [];
    segmentAccounts(uniform(300), {
      k: 4,
      seed: 1,
      onProgress: (fraction) => fractions.push(fraction),
    });

    expect(fractions.length).toBeGreaterThan(2);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[0]).toBeGreaterThan(0);
    expect(fractions.at(-1)).toBe(1);
  });

  it("stops when the signal is aborted", () => {
    const signal = { aborted: false };
    const fractions: number[] = [];
    const run = () =>
      segmentAccounts(uniform(300), {
        k: 4,
        seed: 1,
        signal,
        onProgress: (fraction) => {
          fractions.push(fraction);
          signal.aborted = true;
        },
      });

    expect(run).toThrow(SegmentationCancelledError);
    expect(fractions).toHaveLength(1);
  });

  it("stops before starting on an aborted signal", () => {
    const run = () =>
      segmentAccounts(TWO_GROUPS, { k: 2, seed: 1, signal: { aborted: true } });
    expect(run).toThrow(SegmentationCancelledError);
  });

  it("keeps every segment non-empty", () => {
    const accounts = uniform(40);
    const result = segmentAccounts(accounts, { k: 40, seed: 5 });
    const sizes = result.segments.map((s) => s.accountCount);

    expect(sizes.every((size) => size >= 1)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(40);
  });

  it("makes duplicate names unique", () => {
    const result = segmentAccounts(uniform(300), { k: 8, seed: 1 });
    const names = result.segments.map((s) => s.name);
    expect(new Set(names).size).toBe(8);
  });
});

describe("segmentAccounts errors", () => {
  const reject = (run: () => unknown, message: RegExp) => {
    expect(run).toThrow(SegmentationInputError);
    expect(run).toThrow(message);
  };

  it("rejects empty input", () => {
    reject(
      () => segmentAccounts([], { k: 2, seed: 1 }),
      /no accounts to segment/,
    );
  });

  it("rejects k above the account count", () => {
    reject(
      () => segmentAccounts(TWO_GROUPS, { k: 7, seed: 1 }),
      /k is 7, but there are only 6 accounts. Choose k from 1 to 6/,
    );
  });

  it("rejects k below 1", () => {
    reject(() => segmentAccounts(TWO_GROUPS, { k: 0, seed: 1 }), /k is 0/);
    reject(() => segmentAccounts(TWO_GROUPS, { k: 1.5, seed: 1 }), /k is 1.5/);
  });

  it("rejects a constant feature", () => {
    const flat = TWO_GROUPS.map((a) => ({ ...a, lat: 40 }));
    reject(
      () => segmentAccounts(flat, { k: 2, seed: 1 }),
      /Feature "latitude" has the same value/,
    );
  });

  it("rejects deals that give every account one deal", () => {
    const deals = TWO_GROUPS.map((a) => ({ account: a.id, amount: "10.00" }));
    reject(
      () => segmentAccounts(TWO_GROUPS, { k: 2, seed: 1, deals }),
      /Feature "bookings" has the same value/,
    );
  });

  it("rejects a deal for an unknown account", () => {
    const deals = [{ account: "nobody", amount: "10.00" }];
    reject(
      () => segmentAccounts(TWO_GROUPS, { k: 2, seed: 1, deals }),
      /account "nobody", which is not among the accounts/,
    );
  });

  it("rejects bad account values", () => {
    const fraction = [
      { ...TWO_GROUPS[0], potentialCents: 10.5 },
      ...TWO_GROUPS.slice(1),
    ];
    reject(
      () => segmentAccounts(fraction, { k: 2, seed: 1 }),
      /"w1" has potentialCents 10.5/,
    );

    const missing = [
      { ...TWO_GROUPS[0], lat: Number.NaN },
      ...TWO_GROUPS.slice(1),
    ];
    reject(
      () => segmentAccounts(missing, { k: 2, seed: 1 }),
      /"w1" has lat NaN/,
    );

    const twice = [...TWO_GROUPS, TWO_GROUPS[0]];
    reject(
      () => segmentAccounts(twice, { k: 2, seed: 1 }),
      /"w1" appears twice/,
    );
  });

  it("rejects a fractional seed", () => {
    reject(
      () => segmentAccounts(TWO_GROUPS, { k: 2, seed: 0.5 }),
      /seed is 0.5/,
    );
  });
});

describe("proposeName", () => {
  const name = (entries: [string, number][]) =>
    proposeName(
      entries.map(([feature, zScore]) => ({
        feature: feature as "potential",
        zScore,
      })),
    );

  it("uses the strongest feature and direction", () => {
    expect(
      name([
        ["longitude", -1.2],
        ["potential", 0.9],
        ["latitude", 0.1],
      ]),
    ).toBe("High potential, West");
  });

  it("skips features near the mean", () => {
    expect(
      name([
        ["population", -0.4],
        ["latitude", 0.2],
        ["longitude", 0.1],
      ]),
    ).toBe("Average accounts, Central");
  });

  it("combines north-south and east-west", () => {
    expect(
      name([
        ["dealCount", -0.7],
        ["latitude", -0.6],
        ["longitude", 0.8],
      ]),
    ).toBe("Few deals, South-east");
  });
});
