import { describe, expect, test } from "vitest";
import {
  forecastTable,
  percentArticle,
} from "../../../web/charts/forecast-data.ts";
import {
  layoutForecastChart,
  monthLabel,
  type ForecastChartData,
} from "../../../web/charts/forecast-layout.ts";
import { AXIS_FONT_SIZE } from "../../../web/charts/marks.ts";
import { estimateTextWidth } from "../../../web/charts/text-fit.ts";
import { chartDataOf } from "../../../web/dashboard/forecast-chart-data.ts";
import { forecastSeries } from "../../../web/dashboard/forecast-run.ts";
import { linearYear } from "./forecast-fixtures.ts";

function yearData(): ForecastChartData {
  const result = forecastSeries(linearYear(), 0.8, "2027-02");
  if (result.kind !== "forecast") throw new Error(result.message);
  return chartDataOf(result);
}

const options = { width: 640, height: 320, title: "Monthly bookings of East" };

describe("layoutForecastChart", () => {
  test("history, held-back months and forecast", () => {
    const view = layoutForecastChart(yearData(), options);
    expect(view.historyPoints).toHaveLength(12);
    expect(view.heldBackPoints.map((p) => p.month)).toEqual([
      "2027-11",
      "2027-12",
      "2028-01",
    ]);
    expect(view.forecastPoints).toHaveLength(12);
    expect(view.bandPath).not.toBeNull();
    expect(view.historyPath).not.toBeNull();
    expect(view.legend.items.map((i) => i.key)).toEqual([
      "bookings",
      "held-back",
      "forecast",
      "band",
    ]);
  });

  test("held-back span covers its months", () => {
    const view = layoutForecastChart(yearData(), options);
    const span = view.heldBackSpan!;
    for (const point of view.heldBackPoints) {
      expect(point.x).toBeGreaterThan(span.x);
      expect(point.x).toBeLessThan(span.x + span.width);
    }
    const lastBooked = view.historyPoints.at(-1)!;
    expect(lastBooked.x).toBeLessThan(span.x + span.width);
    const firstForecast = view.forecastPoints[0];
    expect(firstForecast.x).toBeGreaterThanOrEqual(span.x + span.width);
  });

  test("forecast line starts at the last booked month", () => {
    const view = layoutForecastChart(yearData(), options);
    const last = view.historyPoints.at(-1)!;
    const start = /^M([\d.]+),([\d.]+)/.exec(view.forecastPath ?? "");
    expect(Number(start?.[1])).toBeCloseTo(last.x, 2);
    expect(Number(start?.[2])).toBeCloseTo(last.y, 2);
  });

  test("points stay inside the plot", () => {
    const view = layoutForecastChart(yearData(), options);
    const points = [
      ...view.historyPoints,
      ...view.heldBackPoints,
      ...view.forecastPoints,
    ];
    for (const point of points) {
      expect(point.x).toBeGreaterThanOrEqual(view.plot.left);
      expect(point.x).toBeLessThanOrEqual(view.plot.right);
      expect(point.y).toBeGreaterThanOrEqual(view.plot.top);
      expect(point.y).toBeLessThanOrEqual(view.plot.bottom);
    }
  });

  test.each([320, 480, 900])("month labels never overlap at %i px", (width) => {
    const view = layoutForecastChart(yearData(), { ...options, width });
    expect(view.xLabels.length).toBeGreaterThan(1);
    for (let i = 1; i < view.xLabels.length; i++) {
      const before = view.xLabels[i - 1];
      const after = view.xLabels[i];
      const half = (label: { text: string }) =>
        estimateTextWidth(label.text, AXIS_FONT_SIZE) / 2;
      expect(after.x - half(after)).toBeGreaterThan(before.x + half(before));
    }
    for (const label of view.xLabels) {
      const half = estimateTextWidth(label.text, AXIS_FONT_SIZE) / 2;
      expect(label.x - half).toBeGreaterThanOrEqual(0);
      expect(label.x + half).toBeLessThanOrEqual(width);
    }
  });

  test("held-back label drops when narrow", () => {
    const wide = layoutForecastChart(yearData(), options);
    expect(wide.heldBackLabel?.text).toBe("Held back");
    const narrow = layoutForecastChart(yearData(), { ...options, width: 160 });
    expect(narrow.heldBackLabel).toBeNull();
  });

  test("summary names range and band", () => {
    const view = layoutForecastChart(yearData(), options);
    expect(view.summary).toContain("booked Feb 2027 to Jan 2028");
    expect(view.summary).toContain("forecast to Jan 2029");
    expect(view.summary).toContain("in an 80 % band");
  });

  test("article before a percentage", () => {
    expect(percentArticle(80)).toBe("an");
    expect(percentArticle(8)).toBe("an");
    expect(percentArticle(11)).toBe("an");
    expect(percentArticle(18)).toBe("an");
    expect(percentArticle(90)).toBe("a");
    expect(percentArticle(95)).toBe("a");
    expect(percentArticle(100)).toBe("a");
  });

  test("no history draws no lines", () => {
    const view = layoutForecastChart(
      { history: [], heldBack: [], forecast: [], coveragePercent: 80 },
      options,
    );
    expect(view.historyPath).toBeNull();
    expect(view.forecastPath).toBeNull();
    expect(view.bandPath).toBeNull();
    expect(view.heldBackSpan).toBeNull();
    expect(view.summary).toBe("Monthly bookings of East: no bookings.");
  });
});

describe("forecastTable", () => {
  test("booked, held-back and forecast rows", () => {
    const table = forecastTable(yearData(), "Bookings");
    expect(table.columns).toEqual(["Month", "Booked", "Forecast", "80 % band"]);
    expect(table.rows).toHaveLength(24);
    expect(table.rows[0]).toEqual(["Feb 2027", "$1,000.00", "–", "–"]);
    expect(table.rows[9][2]).toBe("$1,900.00 (held back)");
    expect(table.rows[12][0]).toBe("Feb 2028");
    expect(table.rows[12][2]).toBe("$2,200.00");
  });

  test("month label", () => {
    expect(monthLabel("2027-02")).toBe("Feb 2027");
  });
});
