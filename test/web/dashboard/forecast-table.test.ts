import { describe, expect, test } from "vitest";
import { projectAttainment } from "../../../web/dashboard/forecast-attainment.ts";
import { forecastSeries } from "../../../web/dashboard/forecast-run.ts";
import {
  bandText,
  forecastTableRows,
  percentText,
} from "../../../web/dashboard/forecast-table.ts";
import { bookingsState } from "../../../web/dashboard/forecast-view.ts";
import { linearYear, monthlyBookings } from "./forecast-fixtures.ts";

const FY2028 = { id: "FY2028", start: "2027-02" };

describe("forecastTableRows", () => {
  test("projected and missing rows", () => {
    const bookings = linearYear();
    const result = forecastSeries(bookings, 0.8, FY2028.start);
    const empty = forecastSeries({}, 0.8, FY2028.start);
    const rows = forecastTableRows([
      {
        id: "east",
        name: "East",
        result,
        attainment: projectAttainment(bookings, result, FY2028, "18600.00"),
      },
      {
        id: "new",
        name: "New",
        result: empty,
        attainment: projectAttainment({}, empty, FY2028, "100.00"),
      },
    ]);
    // The whole fiscal year is booked, 18,600.00, so nothing is forecast.
    expect(rows[0]).toEqual({
      id: "east",
      name: "East",
      attainment: "100.0 %",
      band: "booked",
      smape: "0.00 %",
      note: null,
    });
    expect(rows[1].attainment).toBe("–");
    expect(rows[1].smape).toBe("–");
    expect(rows[1].note).toContain("No bookings yet");
  });

  test("band of a year partly forecast", () => {
    const bookings = monthlyBookings("2027-02", 9, (t) => 100_000 + 10_000 * t);
    const result = forecastSeries(bookings, 0.8, FY2028.start);
    const attainment = projectAttainment(bookings, result, FY2028, "18600.00");
    expect(attainment.kind).toBe("projected");
    if (attainment.kind !== "projected") return;
    expect(attainment.bookedMonths).toBe(9);
    // A straight line leaves no residual, so the band has no width.
    expect(bandText(attainment)).toBe("100.0 % to 100.0 %");
    const noisy = { ...bookings, "2027-06": 150_000 };
    const wide = forecastSeries(noisy, 0.8, FY2028.start);
    const band = bandText(projectAttainment(noisy, wide, FY2028, "18600.00"));
    const [low, high] = band.split(" to ").map((p) => parseFloat(p));
    expect(low).toBeLessThan(high);
  });

  test("percent text", () => {
    expect(percentText("12.5")).toBe("12.5 %");
    expect(percentText(null)).toBe("–");
  });
});

describe("bookingsState", () => {
  test("before the response", () => {
    expect(bookingsState(null)).toEqual({ kind: "loading" });
  });

  test("forbidden keeps the server's message", () => {
    const state = bookingsState({ kind: "forbidden", message: "No pay." });
    expect(state).toEqual({ kind: "forbidden", message: "No pay." });
  });

  test("failure says to reload", () => {
    const state = bookingsState({ kind: "failed", message: "Timed out." });
    expect(state.kind).toBe("failed");
    if (state.kind !== "failed") return;
    expect(state.message).toContain("Reload");
  });

  test("no booked month is empty", () => {
    const state = bookingsState({
      kind: "loaded",
      currency: "USD",
      territories: [{ territoryId: "t", name: "T", bookings: {} }],
    });
    expect(state.kind).toBe("empty");
    if (state.kind !== "empty") return;
    expect(state.message).toContain("Import deals");
  });

  test("bookings are ready", () => {
    const territories = [
      { territoryId: "t", name: "T", bookings: { "2027-02": 1 } },
    ];
    const state = bookingsState({
      kind: "loaded",
      currency: "USD",
      territories,
      scope: "all",
    });
    expect(state).toEqual({
      kind: "ready",
      currency: "USD",
      territories,
      scopeNote: null,
    });
  });

  test("team scope explains partial figures", () => {
    const state = bookingsState({
      kind: "loaded",
      currency: "USD",
      territories: [
        { territoryId: "t", name: "T", bookings: { "2027-02": 1 } },
      ],
      scope: "team",
    });
    expect(state.kind).toBe("ready");
    if (state.kind !== "ready") return;
    expect(state.scopeNote).toContain("reps you manage");
  });
});
