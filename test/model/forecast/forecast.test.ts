import { describe, expect, test } from "vitest";
import { ForecastError } from "../../../model/forecast/errors.ts";
import { forecastBookings } from "../../../model/forecast/forecast.ts";
import { addMonths } from "../../../model/forecast/months.ts";
import { SeededRandom } from "../../../model/optimize/random.ts";

const START = "2025-02";
const INTERCEPT = 10_000_000;
const SLOPE = 200_000;
const RAW_SEASON = [
  0.8, 0.85, 1.2, 0.9, 0.95, 1.15, 0.85, 0.9, 1.1, 0.95, 1.0, 1.35,
];
const SEASON_MEAN = RAW_SEASON.reduce((sum, x) => sum + x, 0) / 12;
/** Multiplicative indices averaging 1, position 0 being February. */
const SEASON = RAW_SEASON.map((x) => x / SEASON_MEAN);
/** Additive indices in cents summing to 0. */
const OFFSETS = [
  -900_000, -600_000, 1_500_000, -300_000, 0, 600_000, -700_000, -400_000,
  300_000, -200_000, 0, 700_000,
];

/** Bookings of `count` months from START, computed by `cents(t)`. */
function history(count: number, cents: (t: number) => number) {
  const bookings: Record<string, number> = {};
  for (let t = 0; t < count; t++) {
    bookings[addMonths(START, t)] = Math.round(cents(t));
  }
  return bookings;
}

function multiplicative(t: number): number {
  return (INTERCEPT + SLOPE * t) * SEASON[t % 12];
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

describe("forecastBookings", () => {
  test("recovers multiplicative trend and season", () => {
    const bookings = history(36, multiplicative);

    const result = forecastBookings(bookings, { horizon: 12, holdout: 12 });

    // Bound: the moving average of a trend times a season is not exactly
    // the trend, which biases the indices slightly; 0.25 % of the slope.
    expect(Math.abs(result.model.trend.slope - SLOPE)).toBeLessThan(500);
    result.model.indices.forEach((index, position) => {
      expect(Math.abs(index - SEASON[position])).toBeLessThan(0.005);
    });
    result.months.forEach((month, h) => {
      const truth = multiplicative(36 + h);
      expect(Math.abs(month.cents - truth) / truth).toBeLessThan(0.005);
    });
    expect(Number(result.accuracy?.mape)).toBeLessThan(0.5);
  });

  test("recovers additive trend and season exactly", () => {
    const line = (t: number) => INTERCEPT + SLOPE * t;
    const bookings = history(24, (t) => line(t) + OFFSETS[t % 12]);

    const result = forecastBookings(bookings, {
      horizon: 3,
      seasonality: "additive",
      holdout: 0,
    });

    expect(result.model.trend.slope).toBeCloseTo(SLOPE, 6);
    expect(result.model.trend.intercept).toBeCloseTo(INTERCEPT, 4);
    result.model.indices.forEach((index, position) => {
      expect(index).toBeCloseTo(OFFSETS[position], 4);
    });
    expect(result.months.map((m) => m.amount)).toEqual([
      "139000.00",
      "144000.00",
      "167000.00",
    ]);
    expect(result.months[0].low).toBe("139000.00");
    expect(result.months[0].high).toBe("139000.00");
    expect(result.accuracy).toBeNull();
  });

  test("recovers trend through noise", () => {
    const random = new SeededRandom(7);
    const bookings = history(
      36,
      (t) => multiplicative(t) * (1 + (random.below(11) - 5) / 100),
    );

    const result = forecastBookings(bookings, { horizon: 12, holdout: 12 });

    // Bound: +-5 % uniform noise on 36 months moves the slope by up to 10 %.
    expect(Math.abs(result.model.trend.slope - SLOPE) / SLOPE).toBeLessThan(
      0.1,
    );
    expect(Number(result.accuracy?.smape)).toBeLessThan(6);
    expect(result.accuracy?.mape).toBe("3.51");
    expect(result.model.residualStandardError).toBeGreaterThan(0);
    const month = result.months[0];
    expect(month.lowCents).toBeLessThan(month.cents);
    expect(month.highCents).toBeGreaterThan(month.cents);
  });

  test("constant series forecasts the constant", () => {
    const bookings = history(24, () => 500_000);

    const result = forecastBookings(bookings, { horizon: 2, holdout: 0 });

    expect(result.model.trend.slope).toBeCloseTo(0, 9);
    for (const index of result.model.indices) expect(index).toBeCloseTo(1, 12);
    expect(result.months).toEqual([
      {
        month: "2027-02",
        cents: 500_000,
        amount: "5000.00",
        lowCents: 500_000,
        low: "5000.00",
        highCents: 500_000,
        high: "5000.00",
      },
      {
        month: "2027-03",
        cents: 500_000,
        amount: "5000.00",
        lowCents: 500_000,
        low: "5000.00",
        highCents: 500_000,
        high: "5000.00",
      },
    ]);
  });

  test("constant series has zero error", () => {
    const bookings = history(27, () => 500_000);

    const accuracy = forecastBookings(bookings, { horizon: 1 }).accuracy;

    expect(accuracy?.mae).toBe("0.00");
    expect(accuracy?.mape).toBe("0.00");
    expect(accuracy?.smape).toBe("0.00");
    expect(accuracy?.months.map((m) => m.month)).toEqual([
      "2027-02",
      "2027-03",
      "2027-04",
    ]);
  });

  test("held-back error on trend-only fixture", () => {
    const bookings = {
      "2027-02": 1000,
      "2027-03": 2000,
      "2027-04": 3000,
      "2027-05": 5000,
      "2027-06": 4000,
    };

    const result = forecastBookings(bookings, {
      horizon: 1,
      seasonLength: 1,
      holdout: 2,
    });

    expect(result.accuracy?.months.map((m) => m.forecast)).toEqual([
      "40.00",
      "50.00",
    ]);
    expect(result.accuracy?.months.map((m) => m.errorCents)).toEqual([
      -1000, 1000,
    ]);
    expect(result.accuracy?.mae).toBe("10.00");
    expect(result.accuracy?.mape).toBe("22.50");
    expect(result.accuracy?.smape).toBe("22.22");
  });

  test("trend-only fit and its trace", () => {
    const bookings = {
      "2027-02": 1000,
      "2027-03": 3000,
      "2027-04": 2000,
      "2027-05": 4000,
    };

    const result = forecastBookings(bookings, {
      horizon: 1,
      seasonLength: 1,
      holdout: 0,
    });

    // Least-squares fit: slope 800, intercept 1300, residuals -300, 900, -900, 300.
    expect(result.model.trend.slope).toBeCloseTo(800, 9);
    expect(result.model.trend.intercept).toBeCloseTo(1300, 9);
    expect(result.model.residualStandardError).toBeCloseTo(
      Math.sqrt(1_800_000 / 2),
      6,
    );
    expect(result.months[0].amount).toBe("45.00");
    // Band: 1.886 (t, 2 degrees of freedom) x s x sqrt(1 + 1/4 + 2.5^2 / 5) = 1.886 x 1500.
    expect(result.months[0].low).toBe("16.71");
    expect(result.months[0].high).toBe("73.29");
    expect(result.traces[0].value).toBe("13.00 + 8.00 x t");
    expect(result.traces[1].inputs).toEqual([
      { name: "every month", value: "1.0000" },
    ]);
    expect(result.traces[2].inputs[0]).toEqual({
      name: "residual standard error s",
      value: "9.49",
    });
    expect(result.traces[2].inputs[2]).toEqual({
      name: "t quantile q",
      value: "1.886",
    });
  });

  test("seasonal trace names calendar months", () => {
    const bookings = history(24, (t) => 100_000 + (t % 3 === 2 ? 50_000 : 0));

    const result = forecastBookings(bookings, {
      horizon: 1,
      seasonLength: 3,
      holdout: 0,
    });

    expect(result.traces[1].inputs.map((i) => i.name)).toEqual([
      "Feb, May, Aug, Nov",
      "Mar, Jun, Sep, Dec",
      "Apr, Jul, Oct, Jan",
    ]);
    expect(result.traces[1].inputs.map((i) => i.value)).toEqual([
      "0.8571",
      "0.8571",
      "1.2857",
    ]);
  });

  test("missing months count as zero", () => {
    const bookings = { "2027-02": 1000, "2027-04": 3000, "2027-05": 4000 };

    const result = forecastBookings(bookings, {
      horizon: 1,
      seasonLength: 1,
      holdout: 0,
    });

    expect(result.firstMonth).toBe("2027-02");
    expect(result.lastMonth).toBe("2027-05");
    // Fit to 1000, 0, 3000, 4000: slope 1200, intercept 200.
    expect(result.months[0].amount).toBe("50.00");
  });
});

describe("forecastBookings input errors", () => {
  test("too-short history names months needed", () => {
    const error = errorOf(() =>
      forecastBookings(
        history(20, () => 1000),
        { horizon: 1, holdout: 0 },
      ),
    );

    expect(error.field).toBe("bookings");
    expect(error.message).toContain("needs at least 24 months (4 more)");
  });

  test("held-back months raise months needed", () => {
    const error = errorOf(() =>
      forecastBookings(
        history(24, () => 1000),
        { horizon: 1, holdout: 3 },
      ),
    );

    expect(error.message).toContain("with 3 held back needs at least 27");
  });

  test("trend-only history needs 3 months", () => {
    const error = errorOf(() =>
      forecastBookings(
        { "2027-02": 1, "2027-03": 2 },
        { horizon: 1, seasonLength: 1, holdout: 0 },
      ),
    );

    expect(error.message).toContain("needs at least 3 months (1 more)");
  });

  test("multiplicative rejects zero moving average", () => {
    const error = errorOf(() =>
      forecastBookings(
        history(24, () => 0),
        { horizon: 1, holdout: 0 },
      ),
    );

    expect(error.field).toBe("seasonality");
    expect(error.message).toContain("Use additive seasonality");
  });

  test("rejects invalid months and cents", () => {
    const month = errorOf(() =>
      forecastBookings({ "2027-13": 1 }, { horizon: 1 }),
    );
    const cents = errorOf(() =>
      forecastBookings({ "2027-01": 1.5 }, { horizon: 1 }),
    );
    const empty = errorOf(() => forecastBookings({}, { horizon: 1 }));

    expect(month.message).toContain('Invalid month "2027-13"');
    expect(cents.message).toContain("must be whole cents, got 1.5");
    expect(empty.message).toContain("history is empty");
  });

  test("rejects unsupported options", () => {
    const bookings = history(24, () => 1000);

    const season = errorOf(() =>
      forecastBookings(bookings, { horizon: 1, seasonLength: 5 }),
    );
    const horizon = errorOf(() => forecastBookings(bookings, { horizon: 0 }));

    expect(season.field).toBe("seasonLength");
    expect(season.message).toContain("Season length 5 is not supported");
    expect(horizon.field).toBe("horizon");
  });
});
