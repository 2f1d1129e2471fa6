import { describe, expect, test } from "vitest";
import {
  layoutColumns,
  type Column,
} from "../../../web/charts/column-layout.ts";
import { formatCompactMoney } from "../../../web/charts/compact-money.ts";
import { AXIS_FONT_SIZE } from "../../../web/charts/marks.ts";
import { estimateTextWidth } from "../../../web/charts/text-fit.ts";

function column(key: string, from: number, to: number, label = key): Column {
  return {
    key,
    label,
    from,
    to,
    kind: "count",
    valueLabel: String(to),
    tooltip: "",
  };
}

const options = {
  width: 480,
  height: 300,
  title: "Reps by attainment",
  formatTick: (value: number) => String(value),
};

describe("layoutColumns", () => {
  test("columns in order, heights to scale", () => {
    const layout = layoutColumns(
      [column("a", 0, 2), column("b", 0, 4), column("c", 0, 1)],
      options,
    );
    const [a, b, c] = layout.columns;
    expect(b.bar.x).toBeGreaterThan(a.bar.x);
    expect(c.bar.x).toBeGreaterThan(b.bar.x);
    expect(b.bar.height).toBeCloseTo(2 * a.bar.height, 6);
    expect(a.bar.y + a.bar.height).toBeCloseTo(layout.zeroY, 6);
  });

  test("floating step spans from and to", () => {
    const layout = layoutColumns(
      [column("total", 0, 10), column("step", 10, 6)],
      { ...options, connectors: true },
    );
    const step = layout.columns[1];
    const total = layout.columns[0];
    expect(step.bar.y).toBeCloseTo(total.bar.y, 6);
    expect(step.bar.height).toBeCloseTo(total.bar.height * 0.4, 6);
    expect(layout.connectors).toHaveLength(1);
    expect(layout.connectors[0].y).toBeCloseTo(total.bar.y, 6);
  });

  test("labels wrap within the step", () => {
    const labels = [
      "Existing reps at full productivity",
      "Ramp of existing reps",
      "Planned hires",
      "Attrition net of backfills",
      "Capacity",
      "Gap",
      "Target",
    ];
    const layout = layoutColumns(
      labels.map((label, i) => column(`k${i}`, 0, i + 1, label)),
      options,
    );
    const step = (layout.plot.right - layout.plot.left) / labels.length;
    for (const mark of layout.columns) {
      expect(mark.label.length).toBeLessThanOrEqual(3);
      for (const line of mark.label) {
        expect(
          estimateTextWidth(line.text, AXIS_FONT_SIZE),
        ).toBeLessThanOrEqual(step);
      }
    }
    expect(layout.columns[0].label.length).toBeGreaterThan(1);
  });

  test("integer ticks for counts", () => {
    const layout = layoutColumns([column("a", 0, 3)], {
      ...options,
      integerTicks: true,
    });
    for (const tick of layout.ticks)
      expect(Number.isInteger(tick.value)).toBe(true);
  });

  test("negative steps reach below zero", () => {
    const layout = layoutColumns([column("a", 0, -5)], options);
    expect(layout.columns[0].bar.y).toBeCloseTo(layout.zeroY, 6);
    expect(layout.ticks.some((tick) => tick.value < 0)).toBe(true);
  });

  test("tick labels never repeat", () => {
    const layout = layoutColumns([column("a", 0, 0), column("b", 0, 0)], {
      ...options,
      formatTick: (value: number) => formatCompactMoney(value, "USD"),
    });
    const labels = layout.ticks.map((tick) => tick.label);
    expect(labels.length).toBeGreaterThan(1);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
