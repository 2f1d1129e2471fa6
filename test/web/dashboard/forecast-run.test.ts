import { describe, expect, test } from "vitest";
import {
  forecastSeries,
  horizonFor,
  naiveAccuracy,
  type SeriesForecast,
  type SeriesForecastResult,
} from "../../../web/dashboard/forecast-run.ts";
import { linearYear, monthlyBookings } from "./forecast-fixtures.ts";

function forecastOf(result: SeriesForecastResult): SeriesForecast {
  if (result.kind !== "forecast") throw new Error(result.message);
  return result;
}

const SEASON = [0.8, 0.9, 1.1, 1.2, 1.0, 0.9, 0.8, 1.0, 1.1, 1.3, 1.0, 0.9];

describe("forecastSeries", () => {
  test("empty history names the import", () => {
    const result = forecastSeries({}, 0.8, "2027-02");
    expect(result.kind).toBe("empty");
    if (result.kind === "forecast") return;
    expect(result.message).toContain("Statements view");
  });

  test("zero months only is empty", () => {
    const result = forecastSeries(
      { "2027-02": 0, "2027-03": 0, "2027-04": 0 },
      0.8,
      "2027-02",
    );
    expect(result.kind).toBe("empty");
    if (result.kind === "forecast") return;
    expect(result.message).toContain("No bookings up to Apr 2027");
  });

  test("one year fits the trend-only model", () => {
    const result = forecastOf(forecastSeries(linearYear(), 0.8, "2027-02"));
    expect(result.modelKind).toBe("trend only");
    expect(result.history).toHaveLength(12);
    expect(result.forecast.months[0].month).toBe("2028-02");
    expect(result.forecast.months).toHaveLength(12);
    // A straight line is forecast without error.
    expect(result.forecast.months[0].cents).toBe(220_000);
    expect(result.forecast.accuracy?.mae).toBe("0.00");
    expect(result.forecast.accuracy?.smape).toBe("0.00");
  });

  test("naive baseline is the mean without season", () => {
    const result = forecastOf(forecastSeries(linearYear(), 0.8, "2027-02"));
    // The mean of the 9 fitted months is 1,400.00; the held-back months
    // booked 1,900.00, 2,000.00 and 2,100.00.
    expect(result.naive.mae).toBe("600.00");
    expect(result.naive.months.map((m) => m.forecastCents)).toEqual([
      140_000, 140_000, 140_000,
    ]);
    expect(result.naiveRule).toBe("the mean of the 9 earlier months");
  });

  test("27 months fit a multiplicative season", () => {
    const bookings = monthlyBookings("2025-02", 30, (t) =>
      Math.round(1_000_000 * SEASON[t % 12]),
    );
    const result = forecastOf(forecastSeries(bookings, 0.9, "2027-02"));
    expect(result.modelKind).toBe("12-month multiplicative season");
    expect(result.forecast.coverage).toBe(0.9);
    expect(result.naiveRule).toBe("the same month a year earlier");
    // The season repeats exactly, so last year's month is exact too.
    expect(result.naive.mae).toBe("0.00");
  });

  test("zero moving average falls back to additive", () => {
    const bookings = monthlyBookings("2025-02", 30, (t) =>
      t < 14 ? 0 : 1_000_000 + 1_000 * t,
    );
    const result = forecastOf(forecastSeries(bookings, 0.8, "2027-02"));
    expect(result.modelKind).toBe("12-month additive season");
  });

  test("short history returns the months needed", () => {
    const bookings = monthlyBookings("2027-02", 4, () => 100_000);
    const result = forecastSeries(bookings, 0.8, "2027-02");
    expect(result.kind).toBe("failed");
    if (result.kind === "forecast") return;
    expect(result.message).toContain("at least 6 months (2 more)");
  });

  test("gap months count as zero", () => {
    const bookings = linearYear();
    delete bookings["2027-05"];
    const result = forecastOf(forecastSeries(bookings, 0.8, null));
    expect(result.history).toHaveLength(12);
    expect(result.history[3]).toEqual({ month: "2027-05", cents: 0 });
  });
});

describe("horizonFor", () => {
  test("reaches the fiscal year's end", () => {
    expect(horizonFor("2028-01", "2027-02")).toBe(12);
    expect(horizonFor("2027-10", "2027-02")).toBe(12);
    expect(horizonFor("2028-01", "2029-02")).toBe(24);
    expect(horizonFor("2028-01", null)).toBe(12);
  });
});

describe("naiveAccuracy", () => {
  test("seasonal baseline uses last year's month", () => {
    const history = Array.from({ length: 27 }, (_, t) => ({
      month: `m${t}`,
      cents: 1_000 * t,
    }));
    const { naive } = naiveAccuracy(history, true);
    expect(naive.months.map((m) => m.forecastCents)).toEqual([
      12_000, 13_000, 14_000,
    ]);
    expect(naive.trace.figure).toBe("Naive baseline error on held-back months");
  });
});
