import { describe, expect, test } from "vitest";
import type { NodeQuota } from "../../../model/quota/types.ts";
import type { TerritoryBookings } from "../../../web/dashboard/bookings-api.ts";
import {
  ALL_TERRITORIES,
  bookingsUpTo,
  buildForecastSeries,
  historyMonths,
  seriesQuotas,
  sumBookings,
  type ForecastSeries,
} from "../../../web/dashboard/forecast-series.ts";

const TERRITORIES: TerritoryBookings[] = [
  {
    territoryId: "t-east",
    name: "East",
    bookings: { "2027-02": 100, "2027-03": 200 },
  },
  { territoryId: "t-west", name: "West", bookings: { "2027-03": 50 } },
  { territoryId: "t-new", name: "New", bookings: {} },
];

function quota(nodeId: string, level: NodeQuota["level"], annual: string) {
  return { nodeId, level, annual } as NodeQuota;
}

describe("buildForecastSeries", () => {
  test("sum comes first, then territories", () => {
    const series = buildForecastSeries(TERRITORIES);
    expect(series.map((s) => s.id)).toEqual([
      ALL_TERRITORIES,
      "t-east",
      "t-west",
      "t-new",
    ]);
    expect(series[0].bookings).toEqual({ "2027-02": 100, "2027-03": 250 });
  });

  test("months without deals are zero", () => {
    const series = buildForecastSeries(TERRITORIES, "2027-01");
    const byId = new Map(series.map((s) => [s.id, s.bookings]));
    expect(byId.get("t-east")).toEqual({
      "2027-01": 0,
      "2027-02": 100,
      "2027-03": 200,
    });
    expect(byId.get("t-west")).toEqual({
      "2027-01": 0,
      "2027-02": 0,
      "2027-03": 50,
    });
    expect(byId.get("t-new")).toEqual({});
    expect(byId.get(ALL_TERRITORIES)).toEqual({
      "2027-01": 0,
      "2027-02": 100,
      "2027-03": 250,
    });
  });

  test("gaps between months are zero", () => {
    const [, gappy] = buildForecastSeries([
      { territoryId: "t", name: "T", bookings: { "2027-02": 5, "2027-05": 7 } },
    ]);
    expect(gappy.bookings).toEqual({
      "2027-02": 5,
      "2027-03": 0,
      "2027-04": 0,
      "2027-05": 7,
    });
  });

  test("year start after history adds nothing", () => {
    const [, east] = buildForecastSeries(TERRITORIES, "2027-03");
    expect(Object.keys(east.bookings)).toEqual(["2027-02", "2027-03"]);
  });

  test("sum beyond safe integers raises", () => {
    expect(() =>
      sumBookings([{ "2027-02": Number.MAX_SAFE_INTEGER }, { "2027-02": 1 }]),
    ).toThrow(/2027-02.*safe-integer range/);
  });
});

describe("seriesQuotas", () => {
  test("territory quotas and their sum", () => {
    const quotas = seriesQuotas([
      quota("company", "company", "999.00"),
      quota("t-east", "territory", "1000.10"),
      quota("t-west", "territory", "500.25"),
      quota("rep-1", "rep", "400.00"),
    ]);
    expect(quotas.get("t-east")).toBe("1000.10");
    expect(quotas.get("t-west")).toBe("500.25");
    expect(quotas.get("rep-1")).toBeUndefined();
    expect(quotas.get(ALL_TERRITORIES)).toBe("1500.35");
  });

  test("no cascade leaves the sum without quota", () => {
    expect(seriesQuotas([]).get(ALL_TERRITORIES)).toBeNull();
  });
});

describe("bookingsUpTo", () => {
  test("keeps months up to the last", () => {
    expect(bookingsUpTo(TERRITORIES[0].bookings, "2027-02")).toEqual({
      "2027-02": 100,
    });
    expect(bookingsUpTo(TERRITORIES[0].bookings, "2028-01")).toEqual(
      TERRITORIES[0].bookings,
    );
  });
});

describe("historyMonths", () => {
  test("fills the months between", () => {
    const series: ForecastSeries[] = [
      { id: "a", name: "A", bookings: { "2027-11": 1 } },
      { id: "b", name: "B", bookings: { "2028-02": 1 } },
    ];
    expect(historyMonths(series)).toEqual([
      "2027-11",
      "2027-12",
      "2028-01",
      "2028-02",
    ]);
  });

  test("nothing booked gives no months", () => {
    expect(historyMonths([{ id: "a", name: "A", bookings: {} }])).toEqual([]);
  });
});
