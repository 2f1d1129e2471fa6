import { describe, expect, test } from "vitest";
import {
  LEGEND_FONT_SIZE,
  layoutLegend,
} from "../../../web/charts/legend-layout.ts";
import { estimateTextWidth } from "../../../web/charts/text-fit.ts";

const entries = [
  { key: "capacity", label: "Capacity" },
  { key: "target", label: "Target" },
  { key: "shortfall", label: "Shortfall to target" },
  { key: "surplus", label: "Capacity above target" },
];

function right(item: { textX: number; label: string }): number {
  return item.textX + estimateTextWidth(item.label, LEGEND_FONT_SIZE);
}

describe("layoutLegend", () => {
  test("one row when everything fits", () => {
    const legend = layoutLegend(entries, 1000, 24);
    expect(new Set(legend.items.map((i) => i.y)).size).toBe(1);
    expect(legend.height).toBe(20);
    expect(legend.items[0].y).toBe(34);
  });

  test("wraps rows within the width", () => {
    for (const width of [120, 200, 300, 420]) {
      const legend = layoutLegend(entries, width, 0);
      for (const item of legend.items) {
        expect(right(item)).toBeLessThanOrEqual(width);
      }
      expect(legend.items.length).toBe(entries.length);
    }
    expect(layoutLegend(entries, 200, 0).height).toBeGreaterThan(20);
  });

  test("items of a row never overlap", () => {
    const legend = layoutLegend(entries, 300, 0);
    for (let i = 1; i < legend.items.length; i++) {
      const previous = legend.items[i - 1];
      const item = legend.items[i];
      if (item.y === previous.y) {
        expect(item.x).toBeGreaterThan(right(previous));
      }
    }
  });

  test("truncates an entry wider than a row", () => {
    const legend = layoutLegend(entries, 80, 0);
    const long = legend.items.find((i) => i.key === "surplus");
    expect(long?.label.endsWith("…")).toBe(true);
    expect(long?.fullLabel).toBe("Capacity above target");
  });

  test("no entries take no height", () => {
    expect(layoutLegend([], 300, 0).height).toBe(0);
  });
});
