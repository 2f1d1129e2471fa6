import { describe, expect, it } from "vitest";
import {
  circularMeanLongitudes,
  describeSegments,
} from "../../../model/segmentation/describe.ts";
import { buildFeatures } from "../../../model/segmentation/features.ts";
import type { SegmentationAccount } from "../../../model/segmentation/types.ts";

function account(
  id: string,
  lon: number,
  lat: number,
  potentialCents: number,
): SegmentationAccount {
  return { id, potentialCents, population: potentialCents / 10, lon, lat };
}

/** Mainland accounts in segment 0, and Guam, the Northern Marianas and American Samoa in segment 1. */
const ACCOUNTS: SegmentationAccount[] = [
  account("seattle", -122.3, 47.6, 900_000),
  account("denver", -105, 39.7, 800_000),
  account("chicago", -87.6, 41.9, 1_000_000),
  account("boston", -71.1, 42.4, 950_000),
  account("atlanta", -84.4, 33.7, 850_000),
  account("guam", 144.8, 13.4, 10_000),
  account("saipan", 145.7, 15.2, 12_000),
  account("pago-pago", -170.7, -14.3, 11_000),
];
const ASSIGNMENT = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1]);

describe("circularMeanLongitudes", () => {
  it("averages across the antimeridian", () => {
    const features = buildFeatures(ACCOUNTS, undefined);
    const [mainland, pacific] = circularMeanLongitudes(features, ASSIGNMENT, 2);
    // The plain mean of 144.8, 145.7 and -170.7 is 39.9 E, in Asia.
    expect(pacific).toBeGreaterThan(150);
    expect(pacific).toBeLessThan(180);
    expect(mainland).toBeCloseTo(-94.2, 0);
  });

  it("keeps an empty cluster finite", () => {
    const features = buildFeatures(ACCOUNTS, undefined);
    const [, , empty] = circularMeanLongitudes(features, ASSIGNMENT, 3);
    expect(Number.isFinite(empty)).toBe(true);
  });
});

describe("describeSegments longitude", () => {
  it("shows the circular mean", () => {
    const features = buildFeatures(ACCOUNTS, undefined);
    const segments = describeSegments(features, ASSIGNMENT, 2);
    expect(segments[1].centroid.lon).toBeGreaterThan(150);
    expect(segments[1].centroid.lat).toBeCloseTo(4.77, 2);
  });

  it("names the Pacific segment west", () => {
    const features = buildFeatures(ACCOUNTS, undefined);
    const segments = describeSegments(features, ASSIGNMENT, 2);
    expect(segments[1].name).toMatch(/, South-west$/);
  });

  it("gives the same segments twice", () => {
    const first = describeSegments(
      buildFeatures(ACCOUNTS, undefined),
      ASSIGNMENT,
      2,
    );
    const second = describeSegments(
      buildFeatures(ACCOUNTS, undefined),
      ASSIGNMENT,
      2,
    );
    expect(second).toEqual(first);
  });
});
