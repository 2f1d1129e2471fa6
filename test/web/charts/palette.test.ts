import { describe, expect, test } from "vitest";
import {
  SERIES_COLORS,
  chartColorStyle,
  seriesColor,
  type SeriesRole,
} from "../../../web/charts/palette.ts";

const LIGHT_SURFACE = "#ffffff";
const DARK_SURFACE = "#1b1f24";

/** WCAG 2.1 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = Number.parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.03928
      ? channel / 12.92
      : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const roles = Object.keys(SERIES_COLORS) as SeriesRole[];

describe("series colours", () => {
  test.each(roles)("%s reads on both surfaces", (role) => {
    expect(
      contrast(SERIES_COLORS[role].light, LIGHT_SURFACE),
    ).toBeGreaterThanOrEqual(3);
    expect(
      contrast(SERIES_COLORS[role].dark, DARK_SURFACE),
    ).toBeGreaterThanOrEqual(3);
  });

  test("pairs drawn side by side differ", () => {
    expect(SERIES_COLORS.quota.light).not.toBe(SERIES_COLORS.potential.light);
    expect(SERIES_COLORS.capacity.light).not.toBe(SERIES_COLORS.surplus.light);
    expect(SERIES_COLORS.parentTotal.light).not.toBe(
      SERIES_COLORS.childrenTotal.light,
    );
  });
});

describe("chartColorStyle", () => {
  test("defines every property seriesColor names", () => {
    const style = chartColorStyle();
    for (const role of roles) {
      const property = /^var\((--chart-[a-z-]+)\)$/.exec(
        seriesColor(role),
      )?.[1];
      expect(property).toBeDefined();
      expect(style).toContain(
        `${property}: light-dark(${SERIES_COLORS[role].light}, ${SERIES_COLORS[role].dark})`,
      );
    }
  });

  test("kebab-case names", () => {
    expect(seriesColor("parentTotal")).toBe("var(--chart-parent-total)");
  });
});
