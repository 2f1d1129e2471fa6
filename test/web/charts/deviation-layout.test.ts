import { describe, expect, test } from "vitest";
import {
  layoutDeviationChart,
  type DeviationRow,
} from "../../../web/charts/deviation-layout.ts";

function rows(count: number): DeviationRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `t${i}`,
    name: `Territory number ${i} with a long name`,
    value: 1000 - i * 100,
    deviationPercent: String(((1000 - i * 100 - 550) / 5.5).toFixed(1)),
    tooltip: "",
  }));
}

const options = {
  width: 600,
  title: "Potential per territory against the mean",
  mean: 550,
  meanLabel: "Mean 550",
  formatTick: (value: number) => String(value),
  maxRows: 5,
  expanded: false,
};

describe("layoutDeviationChart", () => {
  test("bars start at the mean", () => {
    const layout = layoutDeviationChart(rows(10), options);
    for (const row of layout.rows) {
      const start =
        row.side === "above" ? row.bar.x : row.bar.x + row.bar.width;
      expect(start).toBeCloseTo(layout.meanX, 6);
    }
  });

  test("top rows, then a note", () => {
    const layout = layoutDeviationChart(rows(10), options);
    expect(layout.rows).toHaveLength(5);
    expect(layout.more?.text).toBe("and 5 more territories below");
  });

  test("expanded draws every row", () => {
    const layout = layoutDeviationChart(rows(10), {
      ...options,
      expanded: true,
    });
    expect(layout.rows).toHaveLength(10);
    expect(layout.more).toBeNull();
  });

  test("names stay left of the labels", () => {
    const layout = layoutDeviationChart(rows(10), {
      ...options,
      expanded: true,
    });
    for (const row of layout.rows) {
      expect(row.name.x).toBeLessThan(layout.plot.left);
      if (row.label.anchor === "end") {
        // The label ends at row.label.x and must start after the names.
        expect(row.label.x).toBeGreaterThan(row.name.x);
      } else {
        expect(row.label.x).toBeLessThanOrEqual(layout.width);
      }
    }
  });

  test("long names are cut", () => {
    const layout = layoutDeviationChart(rows(3), { ...options, width: 320 });
    expect(layout.rows[0].name.truncated).toBe(true);
    expect(layout.rows[0].name.fullText).toContain("long name");
  });

  test("tick labels keep apart", () => {
    const layout = layoutDeviationChart(rows(10), {
      ...options,
      width: 300,
      formatTick: (value: number) => `$${value}.00 total`,
    });
    expect(layout.ticks.length).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < layout.ticks.length; i++) {
      expect(
        layout.ticks[i].position - layout.ticks[i - 1].position,
      ).toBeGreaterThan(60);
    }
  });

  test("mean label stays inside", () => {
    const layout = layoutDeviationChart(rows(2), {
      ...options,
      mean: 1000,
      meanLabel: "Mean of every territory 1000",
    });
    expect(layout.meanLabel.anchor).toBe("end");
    expect(layout.meanLabel.x).toBe(layout.width);
  });

  test("tick labels never repeat", () => {
    const zeros = rows(3).map((row) => ({
      ...row,
      value: 0,
      deviationPercent: "0.0",
    }));
    const layout = layoutDeviationChart(zeros, {
      ...options,
      mean: 0,
      meanLabel: "Mean $0",
      formatTick: (value: number) => `$${Math.round(value)}`,
    });
    const labels = layout.ticks.map((tick) => tick.label);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
