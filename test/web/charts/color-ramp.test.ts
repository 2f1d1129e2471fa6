import { interpolatePuOr } from "d3";
import { describe, expect, test } from "vitest";
import { colorRamp, legendTicks } from "../../../web/charts/color-ramp.ts";
import { AXIS_FONT_SIZE } from "../../../web/charts/marks.ts";
import { estimateTextWidth } from "../../../web/charts/text-fit.ts";

describe("colorRamp", () => {
  test("sequential spans the values", () => {
    const ramp = colorRamp([5, 20, 10], false);
    expect(ramp.domain).toEqual([5, 20]);
    expect(ramp.color(5)).not.toBe(ramp.color(20));
  });

  test("diverging is symmetric around zero", () => {
    const ramp = colorRamp([-10, 40], true);
    expect(ramp.domain).toEqual([-40, 40]);
    expect(ramp.color(0)).toBe(interpolatePuOr(0.5));
    expect(ramp.color(-40)).toBe(interpolatePuOr(0));
  });

  test("one value or none still has a domain", () => {
    expect(colorRamp([7], false).domain).toEqual([7, 8]);
    expect(colorRamp([], false).domain).toEqual([0, 1]);
  });
});

describe("legendTicks", () => {
  test("ends are always labelled", () => {
    const ticks = legendTicks(colorRamp([3, 97], false), 300, String);
    expect(ticks[0]).toMatchObject({
      label: "3",
      anchor: "start",
      position: 0,
    });
    expect(ticks.at(-1)).toMatchObject({ label: "97", anchor: "end" });
  });

  test("labels never touch", () => {
    const format = (value: number) => `$${value.toFixed(1)}M`;
    const ticks = legendTicks(colorRamp([15.5, 60.2], false), 200, format);
    const spans = ticks.map((tick) => {
      const width = estimateTextWidth(tick.label, AXIS_FONT_SIZE);
      const start =
        tick.anchor === "start"
          ? tick.position
          : tick.anchor === "end"
            ? tick.position - width
            : tick.position - width / 2;
      return [start, start + width];
    });
    for (let i = 1; i < spans.length; i++) {
      expect(spans[i][0]).toBeGreaterThan(spans[i - 1][1]);
    }
    expect(ticks.length).toBeGreaterThan(2);
  });

  test("labels never repeat", () => {
    const format = (value: number) => `$${Math.round(value / 100)}`;
    const narrow = legendTicks(colorRamp([0, 0], false), 300, format);
    expect(narrow.map((tick) => tick.label)).toEqual(["$0"]);

    const wide = legendTicks(colorRamp([0, 250], false), 300, format);
    const labels = wide.map((tick) => tick.label);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
