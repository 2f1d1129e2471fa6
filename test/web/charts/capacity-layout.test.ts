import { describe, expect, test } from "vitest";
import {
  layoutCapacityChart,
  type CapacityMonth,
} from "../../../web/charts/capacity-layout.ts";
import { AXIS_FONT_SIZE } from "../../../web/charts/marks.ts";
import { estimateTextWidth } from "../../../web/charts/text-fit.ts";
import { MoneyFormatError } from "../../../model/money.ts";

const LABELS = [
  "Feb 2026",
  "Mar 2026",
  "Apr 2026",
  "May 2026",
  "Jun 2026",
  "Jul 2026",
  "Aug 2026",
  "Sep 2026",
  "Oct 2026",
  "Nov 2026",
  "Dec 2026",
  "Jan 2027",
];

// Capacity rises 50,000.00 a month from 1,000,000.00 against a flat target
// of 1,250,000.00, so months 1-5 fall short, month 6 meets it, 7-12 exceed it.
function year(): CapacityMonth[] {
  return LABELS.map((label, index) => {
    const capacityCents = 100_000_000 + index * 5_000_000;
    const gapCents = 125_000_000 - capacityCents;
    return {
      label,
      capacity: (capacityCents / 100).toFixed(2),
      target: "1250000.00",
      gap: (gapCents / 100).toFixed(2),
    };
  });
}

const options = { width: 720, height: 300, title: "Capacity against target" };

describe("layoutCapacityChart", () => {
  test("one bar per month in order", () => {
    const layout = layoutCapacityChart(year(), options);
    expect(layout.bars).toHaveLength(12);
    for (let i = 1; i < 12; i++) {
      expect(layout.bars[i].x).toBeGreaterThan(layout.bars[i - 1].x);
      expect(layout.bars[i].height).toBeGreaterThan(layout.bars[i - 1].height);
    }
  });

  test("bars stand on zero and scale linearly", () => {
    const layout = layoutCapacityChart(year(), options);
    for (const bar of layout.bars) {
      expect(bar.y + bar.height).toBeCloseTo(layout.zeroY);
    }
    // 1,500,000 against 1,000,000: one and a half times as tall.
    expect(layout.bars[10].height / layout.bars[0].height).toBeCloseTo(1.5);
  });

  test("gap shades shortfall and surplus", () => {
    const layout = layoutCapacityChart(year(), options);
    const kinds = layout.gaps.map((g) => [g.index, g.kind]);
    expect(kinds).toEqual([
      [0, "shortfall"],
      [1, "shortfall"],
      [2, "shortfall"],
      [3, "shortfall"],
      [4, "shortfall"],
      [6, "surplus"],
      [7, "surplus"],
      [8, "surplus"],
      [9, "surplus"],
      [10, "surplus"],
      [11, "surplus"],
    ]);
    const shortfall = layout.gaps[0];
    const bar = layout.bars[0];
    // A shortfall sits on top of the bar and reaches the target.
    expect(shortfall.y + shortfall.height).toBeCloseTo(bar.y);
    const surplus = layout.gaps[layout.gaps.length - 1];
    const lastBar = layout.bars[11];
    // A surplus is the top part of the bar above the target.
    expect(surplus.y).toBeCloseTo(lastBar.y);
    expect(surplus.y + surplus.height).toBeCloseTo(shortfall.y);
  });

  test("target is a step line", () => {
    const layout = layoutCapacityChart(year(), options);
    const path = layout.targetPath ?? "";
    expect(path.startsWith(`M${layout.plot.left},`)).toBe(true);
    // Two points per month on one unbroken line.
    expect(path.match(/[ML]/g)).toHaveLength(24);
    expect(path.match(/M/g)).toHaveLength(1);
  });

  test("month without a target breaks the line", () => {
    const months = year().map((m, index) =>
      index === 5 ? { ...m, target: null, gap: null } : m,
    );
    const layout = layoutCapacityChart(months, options);
    expect(layout.targetPath?.match(/M/g)).toHaveLength(2);
    expect(layout.gaps.map((g) => g.index)).not.toContain(5);
  });

  test("no targets, no line, no gap legend", () => {
    const months = year().map((m) => ({ ...m, target: null, gap: null }));
    const layout = layoutCapacityChart(months, options);
    expect(layout.targetPath).toBeNull();
    expect(layout.gaps).toEqual([]);
    expect(layout.legend.items.map((i) => i.key)).toEqual(["capacity"]);
    expect(layout.summary).toBe(
      "Capacity against target, 12 months, Feb 2026 to Jan 2027. Total capacity $15.3M; no targets set.",
    );
  });

  test("legend lists what is drawn", () => {
    const layout = layoutCapacityChart(year(), options);
    expect(layout.legend.items.map((i) => i.key)).toEqual([
      "capacity",
      "target",
      "shortfall",
      "surplus",
    ]);
  });

  test("month labels never overlap at any width", () => {
    for (let width = 160; width <= 1200; width += 40) {
      const layout = layoutCapacityChart(year(), { ...options, width });
      const boxes = layout.xLabels.map((label) => {
        const half = estimateTextWidth(label.text, AXIS_FONT_SIZE) / 2;
        return { left: label.x - half, right: label.x + half };
      });
      expect(boxes.length).toBeGreaterThan(0);
      for (let i = 0; i < boxes.length; i++) {
        expect(boxes[i].left).toBeGreaterThanOrEqual(0);
        expect(boxes[i].right).toBeLessThanOrEqual(width);
        if (i > 0) expect(boxes[i].left).toBeGreaterThan(boxes[i - 1].right);
      }
    }
  });

  test("labels every month when there is room", () => {
    const wide = layoutCapacityChart(year(), { ...options, width: 1200 });
    expect(wide.xLabels.map((l) => l.index)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
    const narrow = layoutCapacityChart(year(), { ...options, width: 360 });
    expect(narrow.xLabels.length).toBeLessThan(12);
    expect(narrow.xLabels[0].index).toBe(0);
  });

  test("y ticks are compact money inside the plot", () => {
    const layout = layoutCapacityChart(year(), options);
    expect(layout.yTicks[0].label).toBe("$0");
    expect(layout.yTicks.map((t) => t.label)).toContain("$1M");
    for (const tick of layout.yTicks) {
      expect(tick.position).toBeGreaterThanOrEqual(layout.plot.top);
      expect(tick.position).toBeLessThanOrEqual(layout.plot.bottom);
    }
  });

  test("summary states totals and worst month", () => {
    const layout = layoutCapacityChart(year(), options);
    expect(layout.summary).toBe(
      "Capacity against target, 12 months, Feb 2026 to Jan 2027. Total capacity $15.3M against a target of $15M. Shortfall in 5 of 12 months, largest $250K in Feb 2026.",
    );
  });

  test("small amounts keep their cents", () => {
    // 0.10 + 0.20 is 0.30000000000000004 in floating point.
    const months = [
      { label: "M1", capacity: "0.10", target: "0.30", gap: "0.20" },
      { label: "M2", capacity: "0.20", target: "0.30", gap: "0.10" },
    ];
    const layout = layoutCapacityChart(months, options);
    expect(layout.summary).toContain("Total capacity $0 against");
    expect(layout.bars[0].tooltip).toBe(
      "M1: capacity $0.10, target $0.30, shortfall $0.20",
    );
  });

  test("tooltip gives exact amounts", () => {
    const layout = layoutCapacityChart(year(), options);
    expect(layout.bars[11].tooltip).toBe(
      "Jan 2027: capacity $1,550,000.00, target $1,250,000.00, surplus $300,000.00",
    );
  });

  test("long title is cut", () => {
    const layout = layoutCapacityChart(year(), {
      ...options,
      width: 240,
      title: "Capacity against target for the FY2027 plan, all segments",
    });
    expect(layout.title.truncated).toBe(true);
    expect(layout.title.fullText).toBe(
      "Capacity against target for the FY2027 plan, all segments",
    );
  });

  test("no capacity and no target: axis from $0 to $1K", () => {
    const months = LABELS.map((label) => ({
      label,
      capacity: "0.00",
      target: null,
      gap: null,
    }));
    const labels = layoutCapacityChart(months, options).yTicks.map(
      (tick) => tick.label,
    );
    expect(labels[0]).toBe("$0");
    expect(labels[labels.length - 1]).toBe("$1K");
    expect(new Set(labels).size).toBe(labels.length);
  });

  test("a few dollars of capacity: ticks stay distinct", () => {
    const months = [
      { label: "Feb 2026", capacity: "3.50", target: null, gap: null },
    ];
    const labels = layoutCapacityChart(months, options).yTicks.map(
      (tick) => tick.label,
    );
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels[labels.length - 1]).toBe("$1K");
  });

  test("no months", () => {
    const layout = layoutCapacityChart([], options);
    expect(layout.bars).toEqual([]);
    expect(layout.summary).toBe("Capacity against target: no months to show.");
  });

  test("invalid amount names the month", () => {
    const months = [
      { label: "Mar 2027", capacity: "1,000.00", target: null, gap: null },
    ];
    expect(() => layoutCapacityChart(months, options)).toThrow(
      MoneyFormatError,
    );
    expect(() => layoutCapacityChart(months, options)).toThrow(
      /capacity of Mar 2027: "1,000.00"/,
    );
  });
});
