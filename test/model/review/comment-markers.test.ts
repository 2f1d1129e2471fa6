import { describe, expect, test } from "vitest";
import {
  commentMarkers,
  territoryLabelPoint,
  type MarkerPlaces,
} from "../../../model/review/comment-markers.ts";

const units = new Map([
  ["01001", { lon: -86, lat: 32 }],
  ["01003", { lon: -87, lat: 31 }],
  ["01005", { lon: -85, lat: 32 }],
]);
const places: MarkerPlaces = {
  unitPoint: (id) => units.get(id) ?? null,
  accountPoint: (id) => (id === "acct-1" ? { lon: -80, lat: 40 } : null),
  unitsOf: (id) => (id === "east" ? ["01001", "01003", "01005"] : []),
};

describe("commentMarkers", () => {
  test("counts open and resolved threads per anchor", () => {
    const markers = commentMarkers(
      [
        { anchor: { kind: "county", id: "01001" }, resolved: false },
        { anchor: { kind: "county", id: "01001" }, resolved: true },
        { anchor: { kind: "county", id: "01001" }, resolved: false },
      ],
      places,
    );

    expect(markers).toEqual([
      {
        anchor: { kind: "county", id: "01001" },
        key: "county:01001",
        lon: -86,
        lat: 32,
        open: 2,
        resolved: 1,
      },
    ]);
  });

  test("places accounts and territories", () => {
    const markers = commentMarkers(
      [
        { anchor: { kind: "account", id: "acct-1" }, resolved: false },
        { anchor: { kind: "territory", id: "east" }, resolved: false },
      ],
      places,
    );

    expect(markers.map((m) => [m.key, m.lon, m.lat])).toEqual([
      ["account:acct-1", -80, 40],
      ["territory:east", -86, 32],
    ]);
  });

  test("skips anchors without a place", () => {
    const markers = commentMarkers(
      [
        { anchor: { kind: "quota", id: "region-1" }, resolved: false },
        { anchor: { kind: "version", id: "v1" }, resolved: false },
        { anchor: { kind: "territory", id: "empty" }, resolved: false },
        { anchor: { kind: "county", id: "99999" }, resolved: false },
        { anchor: { kind: "account", id: "unknown" }, resolved: false },
      ],
      places,
    );

    expect(markers).toEqual([]);
  });
});

describe("territoryLabelPoint", () => {
  test("returns null without counties", () => {
    expect(territoryLabelPoint([])).toBeNull();
  });

  test("picks the county nearest the mean", () => {
    const ring = [
      { lon: 0, lat: 0 },
      { lon: 10, lat: 0 },
      { lon: 5, lat: 1 },
      { lon: 0, lat: 10 },
      { lon: 10, lat: 10 },
    ];

    expect(territoryLabelPoint(ring)).toEqual({ lon: 5, lat: 1 });
  });
});
