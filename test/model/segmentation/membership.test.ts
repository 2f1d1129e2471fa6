import { describe, expect, test } from "vitest";
import { SeededRandom } from "../../../model/optimize/random.ts";
import {
  assignByNearestCentroid,
  segmentAccounts,
  SegmentationInputError,
  type SegmentationAccount,
  type SegmentationModel,
} from "../../../model/segmentation/index.ts";

/** Accounts spread at random over the contiguous United States. */
function spread(count: number, seed: number): SegmentationAccount[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `a${i}`,
    potentialCents: 1 + random.below(10_000_000),
    population: 1 + random.below(1_000_000),
    lon: -125 + random.below(5_500) / 100,
    lat: 25 + random.below(2_400) / 100,
  }));
}

/** One feature (latitude, used as it is) and two centroids at -1 and +1. */
const LATITUDE_MODEL: SegmentationModel = {
  scaling: [{ feature: "latitude", logScaled: false, mean: 40, deviation: 5 }],
  centroids: [[-1], [1]],
};

const at = (id: string, lat: number): SegmentationAccount => ({
  id,
  potentialCents: 100,
  population: 10,
  lon: -100,
  lat,
});

describe("assignByNearestCentroid", () => {
  test("matches a converged run's assignment", () => {
    const accounts = spread(600, 3);
    const result = segmentAccounts(accounts, { k: 5, seed: 9 });
    expect(result.converged).toBe(true);
    const membership = assignByNearestCentroid(accounts, result.model);
    expect(Array.from(membership)).toEqual(Array.from(result.assignment));
  });

  test("matches with a subset of features", () => {
    const accounts = spread(400, 4);
    const result = segmentAccounts(accounts, {
      k: 4,
      seed: 2,
      features: ["potential", "latitude"],
    });
    expect(result.model.scaling.map((s) => s.feature)).toEqual([
      "potential",
      "latitude",
    ]);
    expect(result.converged).toBe(true);
    const membership = assignByNearestCentroid(accounts, result.model);
    expect(Array.from(membership)).toEqual(Array.from(result.assignment));
  });

  test("places accounts by scaled distance", () => {
    // Latitude 35 scales to -1, 45 to +1 and 41 to 0.2.
    const membership = assignByNearestCentroid(
      [at("south", 35), at("north", 45), at("near-north", 41)],
      LATITUDE_MODEL,
    );
    expect(Array.from(membership)).toEqual([0, 1, 1]);
  });

  test("gives a tie to the lower index", () => {
    const membership = assignByNearestCentroid(
      [at("middle", 40)],
      LATITUDE_MODEL,
    );
    expect(membership[0]).toBe(0);
  });

  test("applies the signed log to log-scaled features", () => {
    // log1p(99) = ln(100) ~ 4.605 and log1p(9999) = ln(10000) ~ 9.21.
    const model: SegmentationModel = {
      scaling: [
        {
          feature: "potential",
          logScaled: true,
          mean: Math.log(1000),
          deviation: 1,
        },
      ],
      centroids: [
        [Math.log(100) - Math.log(1000)],
        [Math.log(10_000) - Math.log(1000)],
      ],
    };
    const small = { ...at("small", 40), potentialCents: 99 };
    const large = { ...at("large", 40), potentialCents: 9_999 };
    // Linear distance would put 3,000 nearer 100 than 10,000; on the log scale it is nearer 10,000.
    const middle = { ...at("middle", 40), potentialCents: 3_000 };
    const membership = assignByNearestCentroid([small, large, middle], model);
    expect(Array.from(membership)).toEqual([0, 1, 1]);
  });

  test("places an account added after the run", () => {
    const accounts = spread(300, 5);
    const result = segmentAccounts(accounts, { k: 3, seed: 1 });
    const copy = { ...accounts[17], id: "new" };
    const membership = assignByNearestCentroid(
      [...accounts, copy],
      result.model,
    );
    expect(membership[300]).toBe(result.assignment[17]);
  });

  test("rejects a centroid of the wrong width", () => {
    const broken = { ...LATITUDE_MODEL, centroids: [[-1], [1, 2]] };
    expect(() => assignByNearestCentroid([at("a", 40)], broken)).toThrow(
      SegmentationInputError,
    );
  });

  test("rejects a zero deviation", () => {
    const broken: SegmentationModel = {
      ...LATITUDE_MODEL,
      scaling: [
        { feature: "latitude", logScaled: false, mean: 40, deviation: 0 },
      ],
    };
    expect(() => assignByNearestCentroid([at("a", 40)], broken)).toThrow(
      /deviation 0/,
    );
  });

  test("rejects a feature from the deals", () => {
    const model: SegmentationModel = {
      scaling: [
        { feature: "bookings", logScaled: true, mean: 1, deviation: 1 },
      ],
      centroids: [[0]],
    };
    expect(() => assignByNearestCentroid([at("a", 40)], model)).toThrow(
      /deal history/,
    );
  });
});

describe("segmentAccounts features", () => {
  test("names leave out location without geography", () => {
    const result = segmentAccounts(spread(200, 6), {
      k: 3,
      seed: 1,
      features: ["potential", "population"],
    });
    for (const segment of result.segments) {
      expect(segment.name).not.toMatch(/,/);
    }
  });

  test("centroids keep every feature in original units", () => {
    const result = segmentAccounts(spread(200, 6), {
      k: 2,
      seed: 1,
      features: ["latitude"],
    });
    expect(result.features).toEqual(["latitude"]);
    expect(result.segments[0].separation.map((s) => s.feature)).toEqual([
      "latitude",
    ]);
    expect(result.segments[0].centroid.potential).toMatch(/^\d+\.\d\d$/);
    const total = result.segments.reduce((sum, s) => sum + s.potentialCents, 0);
    expect(total).toBeGreaterThan(0);
  });

  test("rejects no features", () => {
    expect(() =>
      segmentAccounts(spread(10, 1), { k: 2, seed: 1, features: [] }),
    ).toThrow(/No features are chosen/);
  });

  test("rejects bookings without deals", () => {
    expect(() =>
      segmentAccounts(spread(10, 1), { k: 2, seed: 1, features: ["bookings"] }),
    ).toThrow(/needs the deal history/);
  });
});
