import { describe, expect, test } from "vitest";
import {
  LEGEND_FONT_SIZE,
  LEGEND_SWATCH,
  layoutLegend,
  lineSwatch,
  markerSwatch,
  squareSwatch,
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

describe("legend swatches", () => {
  const [item] = layoutLegend(entries, 1000, 24).items;

  test("square swatch centred on the row", () => {
    const square = squareSwatch(item);
    expect(square.x).toBe(item.x);
    expect(square.y + square.height / 2).toBe(item.y);
    expect(square.width).toBe(LEGEND_SWATCH);
    expect(square.height).toBe(LEGEND_SWATCH);
    expect(square.x + square.width).toBeLessThan(item.textX);
  });

  test("line swatch spans the swatch width", () => {
    expect(lineSwatch(item)).toEqual({
      x1: item.x,
      x2: item.x + LEGEND_SWATCH,
      y1: item.y,
      y2: item.y,
    });
  });

  test("marker swatch stands in the swatch middle", () => {
    expect(markerSwatch(item)).toEqual({
      x1: item.x + LEGEND_SWATCH / 2,
      x2: item.x + LEGEND_SWATCH / 2,
      y1: item.y - LEGEND_SWATCH / 2,
      y2: item.y + LEGEND_SWATCH / 2,
    });
  });
});
