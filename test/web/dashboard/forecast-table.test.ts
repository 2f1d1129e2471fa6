import { describe, expect, test } from "vitest";
import type { NodeQuota } from "../../../model/quota/types.ts";
import {
  ATTAINMENT_WITHHELD,
  projectAttainment,
} from "../../../web/dashboard/forecast-attainment.ts";
import { forecastSeries } from "../../../web/dashboard/forecast-run.ts";
import {
  buildForecastSeries,
  seriesQuotas,
} from "../../../web/dashboard/forecast-series.ts";
import {
  bandText,
  forecastEntries,
  forecastTableRows,
  mapeNote,
  mapeText,
  monthsForecastText,
  percentText,
  type SeriesRun,
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

  test("months forecast text", () => {
    expect(monthsForecastText(1)).toBe("1 month forecast");
    expect(monthsForecastText(3)).toBe("3 months forecast");
  });
});

function runsOf(
  territories: Parameters<typeof buildForecastSeries>[0],
  yearStart: string,
): SeriesRun[] {
  return buildForecastSeries(territories, yearStart).map((series) => ({
    series,
    bookings: series.bookings,
    result: forecastSeries(series.bookings, 0.8, yearStart),
  }));
}

function territoryQuota(nodeId: string, annual: string): NodeQuota {
  return { nodeId, level: "territory", annual } as NodeQuota;
}

const EAST = {
  territoryId: "t-east",
  name: "East",
  bookings: monthlyBookings("2027-02", 9, (t) => 100_000 + 10_000 * t),
};

describe("forecastEntries", () => {
  const quotas = seriesQuotas([territoryQuota("t-east", "18600.00")]);

  test("scope all projects attainment", () => {
    const entries = forecastEntries(
      runsOf([EAST], FY2028.start),
      FY2028,
      quotas,
      "all",
    );
    expect(entries.map((e) => e.attainment.kind)).toEqual([
      "projected",
      "projected",
    ]);
  });

  test.each(["team", "self", undefined] as const)(
    "scope %s withholds attainment",
    (scope) => {
      const entries = forecastEntries(
        runsOf([EAST], FY2028.start),
        FY2028,
        quotas,
        scope,
      );
      for (const entry of entries) {
        expect(entry.result.kind).toBe("forecast");
        expect(entry.attainment).toEqual({
          kind: "withheld",
          message: ATTAINMENT_WITHHELD,
        });
      }
      const rows = forecastTableRows(entries);
      expect(rows[1].attainment).toBe("–");
      expect(rows[1].band).toBe("–");
      expect(rows[1].smape).toMatch(/^\d+\.\d\d %$/);
      expect(rows[1].note).toBeNull();
    },
  );

  test("withheld row keeps forecast failure", () => {
    const entries = forecastEntries(
      runsOf([{ territoryId: "t-new", name: "New", bookings: {} }], "2027-02"),
      FY2028,
      quotas,
      "self",
    );
    expect(forecastTableRows(entries)[1].note).toContain("No bookings yet");
  });

  test("late first booking gets attainment", () => {
    // West's first deal closes in April, two months into FY2028.
    const west = {
      territoryId: "t-west",
      name: "West",
      bookings: monthlyBookings("2027-04", 7, (t) => 50_000 + 5_000 * t),
    };
    const entries = forecastEntries(
      runsOf([EAST, west], FY2028.start),
      FY2028,
      seriesQuotas([
        territoryQuota("t-east", "18600.00"),
        territoryQuota("t-west", "9000.00"),
      ]),
      "all",
    );
    const westEntry = entries.find((e) => e.id === "t-west");
    expect(westEntry?.attainment.kind).toBe("projected");
    if (westEntry?.result.kind !== "forecast") throw new Error("no forecast");
    expect(westEntry.result.history[0]).toEqual({
      month: "2027-02",
      cents: 0,
    });
    const total = entries.find((e) => e.id === "all-territories");
    expect(total?.attainment.kind).toBe("projected");
  });
});

describe("mapeText", () => {
  test("value in percent", () => {
    expect(mapeText("12.34")).toBe("12.34 %");
  });

  test("null is not defined", () => {
    expect(mapeText(null)).toBe("not defined");
  });
});

describe("mapeNote", () => {
  const month = (m: string, actualCents: number) => ({ month: m, actualCents });

  test("no zero month, no note", () => {
    expect(mapeNote([month("2027-10", 5), month("2027-11", 6)])).toBeNull();
  });

  test("every month zero", () => {
    expect(mapeNote([month("2027-10", 0), month("2027-11", 0)])).toContain(
      "not defined",
    );
  });

  test("some months zero", () => {
    const note = mapeNote([
      month("2027-10", 0),
      month("2027-11", 6),
      month("2027-12", 7),
    ]);
    expect(note).toContain("leaves out Oct 2027, which");
    expect(note).toContain("2 of the 3");
  });

  test("late start leaves out zero months", () => {
    // A territory that booked its first deal in the last month: the
    // zero-filled history holds back two zero months and one booked month.
    const [, late] = runsOf(
      [
        EAST,
        {
          territoryId: "t-late",
          name: "Late",
          bookings: { "2027-10": 80_000 },
        },
      ],
      FY2028.start,
    ).slice(1);
    expect(late.result.kind).toBe("forecast");
    if (late.result.kind !== "forecast") return;
    const accuracy = late.result.forecast.accuracy;
    expect(accuracy?.months.map((m) => m.actualCents)).toEqual([0, 0, 80_000]);
    expect(accuracy?.mape).not.toBeNull();
    expect(mapeNote(accuracy?.months ?? [])).toContain("1 of the 3");
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

  test("failure message states one next step", () => {
    const message =
      "Could not reach the Meridian server at 127.0.0.1:1. Check your connection or that the server is running, then try again.";
    const state = bookingsState({ kind: "failed", message });
    expect(state).toEqual({
      kind: "failed",
      message: `Loading the bookings failed. ${message}`,
    });
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
      scope: "all",
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
