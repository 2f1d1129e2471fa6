import { describe, expect, test } from "vitest";
import { fiscalYear } from "../../../model/plan/periods.ts";
import {
  type AttainmentResult,
  forecastTrace,
  forecastYearOf,
  projectAttainment,
} from "../../../web/dashboard/forecast-attainment.ts";
import { forecastSeries } from "../../../web/dashboard/forecast-run.ts";
import { linearYear, monthlyBookings } from "./forecast-fixtures.ts";

const FY2028 = { id: "FY2028", start: "2027-02" };

describe("forecastYearOf", () => {
  test("February start of FY2028", () => {
    const year = fiscalYear({ startMonth: 2, firstFiscalYear: 2028 }, 2028);
    expect(forecastYearOf(year)).toEqual(FY2028);
  });

  test("no year yet", () => {
    expect(forecastYearOf(null)).toBeNull();
  });
});

describe("projectAttainment", () => {
  // Nine months booked of FY2028: 1,000.00 rising 100.00 a month, so the
  // trend forecasts November to January at 1,900.00, 2,000.00, 2,100.00.
  const bookings = monthlyBookings("2027-02", 9, (t) => 100_000 + 10_000 * t);
  const result = forecastSeries(bookings, 0.8, FY2028.start);

  test("adds booked and forecast months", () => {
    const attainment = projectAttainment(bookings, result, FY2028, "19500.00");
    expect(attainment.kind).toBe("projected");
    if (attainment.kind !== "projected") return;
    // 12,600.00 booked + 6,000.00 forecast = 18,600.00 of 19,500.00.
    expect(attainment.value.projected).toBe("18600.00");
    expect(attainment.value.attainmentPercent).toBe("95.4");
  });

  test("quota change moves only attainment", () => {
    const low = projectAttainment(bookings, result, FY2028, "18600.00");
    const high = projectAttainment(bookings, result, FY2028, "9300.00");
    if (low.kind !== "projected" || high.kind !== "projected") {
      throw new Error("Expected both attainments to be projected.");
    }
    expect(low.value.attainmentPercent).toBe("100.0");
    expect(high.value.attainmentPercent).toBe("200.0");
  });

  test("missing quota names the Quotas view", () => {
    const attainment = projectAttainment(bookings, result, FY2028, null);
    expect(attainment.kind).toBe("missing");
    if (attainment.kind !== "missing") return;
    expect(attainment.message).toContain("FY2028");
    expect(attainment.message).toContain("Quotas view");
  });

  test("missing year names the Targets view", () => {
    const attainment = projectAttainment(bookings, result, null, "100.00");
    expect(missingMessage(attainment)).toContain("Targets view");
  });

  test("year before history returns the model error", () => {
    const year = { id: "FY2027", start: "2026-02" };
    const attainment = projectAttainment(bookings, result, year, "100.00");
    expect(missingMessage(attainment)).toContain(
      "before the history's first month 2027-02",
    );
  });

  test("zero quota returns the model error", () => {
    const attainment = projectAttainment(bookings, result, FY2028, "0.00");
    expect(missingMessage(attainment)).toContain("not above zero");
  });

  test("series without forecast passes its message", () => {
    const empty = forecastSeries({}, 0.8, FY2028.start);
    const attainment = projectAttainment({}, empty, FY2028, "100.00");
    expect(missingMessage(attainment)).toContain("No bookings yet");
  });
});

describe("forecastTrace", () => {
  test("gathers model, baseline and attainment", () => {
    const bookings = linearYear();
    const result = forecastSeries(bookings, 0.8, FY2028.start);
    const attainment = projectAttainment(bookings, result, FY2028, "20000.00");
    const trace = forecastTrace("East", result, attainment);
    expect(trace?.figure).toBe("Bookings forecast of East");
    expect(trace?.value).toBe("2200.00");
    expect(trace?.parts.map((p) => p.figure)).toEqual([
      "Trend of deseasonalized bookings",
      "Seasonal indices",
      "Prediction band",
      "Forecast error on held-back months",
      "Naive baseline error on held-back months",
      "Forecast attainment FY from 2027-02",
    ]);
  });

  test("no forecast, no trace", () => {
    const result = forecastSeries({}, 0.8, null);
    const attainment = projectAttainment({}, result, null, null);
    expect(forecastTrace("East", result, attainment)).toBeNull();
  });
});

function missingMessage(attainment: AttainmentResult): string {
  if (attainment.kind !== "missing") {
    throw new Error(`Expected a missing attainment, got ${attainment.kind}.`);
  }
  return attainment.message;
}
