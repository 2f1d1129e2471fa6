import { describe, expect, test } from "vitest";
import { markerPosition } from "../../web/map/override-markers.ts";

const unitById = new Map([["19169", { lon: -93.485, lat: 42.0363 }]]);

describe("markerPosition", () => {
  test("uses the account's own point", () => {
    expect(
      markerPosition({ unitId: "19169", lon: -93.62, lat: 42.0347 }, unitById),
    ).toEqual({ lon: -93.62, lat: 42.0347 });
  });

  test("falls back to the county label point", () => {
    expect(markerPosition({ unitId: "19169" }, unitById)).toEqual({
      lon: -93.485,
      lat: 42.0363,
    });
  });

  test("falls back when only one coordinate is set", () => {
    expect(markerPosition({ unitId: "19169", lon: -93.62 }, unitById)).toEqual({
      lon: -93.485,
      lat: 42.0363,
    });
  });

  test("returns null for an unknown county without a point", () => {
    expect(markerPosition({ unitId: "99999" }, unitById)).toBeNull();
  });
});
