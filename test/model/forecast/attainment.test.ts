import { describe, expect, test } from "vitest";
import { forecastAttainment } from "../../../model/forecast/attainment.ts";
import { ForecastError } from "../../../model/forecast/errors.ts";
import { forecastBookings } from "../../../model/forecast/forecast.ts";

/** February to July 2027, 100.00 more each month. */
const BOOKINGS = {
  "2027-02": 10_000,
  "2027-03": 20_000,
  "2027-04": 30_000,
  "2027-05": 40_000,
  "2027-06": 50_000,
  "2027-07": 60_000,
};

function trendForecast(horizon: number) {
  return forecastBookings(BOOKINGS, {
    horizon,
    seasonLength: 1,
    holdout: 0,
  });
}

function errorOf(run: () => unknown): ForecastError {
  try {
    run();
  } catch (error) {
    if (error instanceof ForecastError) return error;
    throw error;
  }
  throw new Error("expected a ForecastError, but the call returned");
}

describe("forecastAttainment", () => {
  test("adds booked and forecast months", () => {
    const result = forecastAttainment(
      BOOKINGS,
      trendForecast(6),
      "2027-02",
      "10000",
    );

    // Booked 100 + ... + 600 = 2100.00; forecast 700 + ... + 1200 = 5700.00.
    expect(result.projected).toBe("7800.00");
    expect(result.projectedLow).toBe("7800.00");
    expect(result.projectedHigh).toBe("7800.00");
    expect(result.quota).toBe("10000.00");
    expect(result.attainmentPercent).toBe("78.0");
    expect(result.trace.inputs).toEqual([
      { name: "booked months", value: "6" },
      { name: "booked", value: "2100.00" },
      { name: "forecast months", value: "6" },
      { name: "forecast", value: "5700.00" },
      { name: "quota", value: "10000.00" },
    ]);
  });

  test("year after the history is all forecast", () => {
    const result = forecastAttainment(
      BOOKINGS,
      trendForecast(14),
      "2027-09",
      "15600.00",
    );

    // Forecast 800.00 (September) + ... + 1900.00 (August) = 16200.00.
    expect(result.projected).toBe("16200.00");
    expect(result.attainmentPercent).toBe("103.8");
  });

  test("band sums the months' band ends", () => {
    const bookings = { ...BOOKINGS, "2027-04": 36_000 };
    const forecast = forecastBookings(bookings, {
      horizon: 6,
      seasonLength: 1,
      holdout: 0,
    });

    const result = forecastAttainment(bookings, forecast, "2027-02", "10000");

    const low = forecast.months.reduce((s, m) => s + m.lowCents, 0);
    const high = forecast.months.reduce((s, m) => s + m.highCents, 0);
    expect(result.projectedLow).toBe(((216_000 + low) / 100).toFixed(2));
    expect(result.projectedHigh).toBe(((216_000 + high) / 100).toFixed(2));
    expect(Number(result.attainmentLowPercent)).toBeLessThan(
      Number(result.attainmentPercent),
    );
  });

  test("short horizon names the months needed", () => {
    const error = errorOf(() =>
      forecastAttainment(BOOKINGS, trendForecast(3), "2027-02", "10000"),
    );

    expect(error.field).toBe("horizon");
    expect(error.message).toContain("Forecast at least 6 months");
  });

  test("rejects zero quota and early year", () => {
    const forecast = trendForecast(6);

    const quota = errorOf(() =>
      forecastAttainment(BOOKINGS, forecast, "2027-02", "0"),
    );
    const early = errorOf(() =>
      forecastAttainment(BOOKINGS, forecast, "2027-01", "10000"),
    );

    expect(quota.field).toBe("quota");
    expect(early.field).toBe("fiscalYearStart");
    expect(early.message).toContain("before the history's first month 2027-02");
  });
});
