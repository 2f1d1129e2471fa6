import { describe, expect, test } from "vitest";
import {
  formatPercent,
  layoutOverAssignmentChart,
  type OverAssignmentLevel,
} from "../../../web/charts/over-assignment-layout.ts";

const levels: OverAssignmentLevel[] = [
  {
    level: "region",
    parentTotal: "120000000.00",
    childrenTotal: "132000000.00",
    percent: "10.0",
  },
  {
    level: "territory",
    parentTotal: "132000000.00",
    childrenTotal: "138600000.00",
    percent: "5.0",
  },
  {
    level: "rep",
    parentTotal: "138600000.00",
    childrenTotal: "136000000.00",
    percent: "-1.9",
  },
];

const options = { width: 480, height: 280, title: "Over-assignment by level" };

describe("layoutOverAssignmentChart", () => {
  test("a bar pair per level", () => {
    const layout = layoutOverAssignmentChart(levels, options);
    expect(layout.levels.map((l) => l.level)).toEqual([
      "region",
      "territory",
      "rep",
    ]);
    for (const level of layout.levels) {
      expect(level.childrenBar.x).toBeGreaterThanOrEqual(
        level.parentBar.x + level.parentBar.width,
      );
      expect(level.parentBar.y + level.parentBar.height).toBeCloseTo(
        layout.zeroY,
      );
    }
    const region = layout.levels[0];
    expect(region.childrenBar.height / region.parentBar.height).toBeCloseTo(
      1.1,
    );
  });

  test("percent above the taller bar", () => {
    const layout = layoutOverAssignmentChart(levels, options);
    expect(layout.levels.map((l) => l.percentLabel.text)).toEqual([
      "+10.0%",
      "+5.0%",
      "−1.9%",
    ]);
    for (const level of layout.levels) {
      const top = Math.min(level.parentBar.y, level.childrenBar.y);
      expect(level.percentLabel.y).toBeLessThan(top);
      expect(level.percentLabel.y).toBeGreaterThan(layout.legend.items[0].y);
    }
  });

  test("level names under their pair", () => {
    const layout = layoutOverAssignmentChart(levels, options);
    expect(layout.levels.map((l) => l.levelLabel.text)).toEqual([
      "Region",
      "Territory",
      "Rep",
    ]);
    for (const level of layout.levels) {
      expect(level.levelLabel.y).toBeGreaterThan(layout.plot.bottom);
      expect(level.levelLabel.y).toBeLessThanOrEqual(layout.height);
    }
  });

  test("narrow chart cuts level names", () => {
    const layout = layoutOverAssignmentChart(
      [
        ...levels,
        {
          level: "enterprise segment",
          parentTotal: "1.00",
          childrenTotal: "1.00",
          percent: "0.0",
        },
      ],
      { ...options, width: 200 },
    );
    const cut = layout.levels.find((l) => l.level === "enterprise segment");
    expect(cut?.levelLabel.truncated).toBe(true);
    expect(cut?.levelLabel.fullText).toBe("Enterprise segment");
  });

  test("summary reads the sign in words", () => {
    const layout = layoutOverAssignmentChart(levels, options);
    expect(layout.summary).toBe(
      "Over-assignment by level: Region 10.0% over ($132M against $120M one level up); Territory 5.0% over ($139M against $132M one level up); Rep 1.9% under ($136M against $139M one level up).",
    );
  });

  test("tooltip gives exact totals", () => {
    const layout = layoutOverAssignmentChart(levels, options);
    expect(layout.levels[1].tooltip).toBe(
      "Territory: total $138,600,000.00, level above $132,000,000.00, +5.0% over-assigned",
    );
  });

  test("invalid percent names the level", () => {
    const bad = [{ ...levels[0], percent: "10%" }];
    expect(() => layoutOverAssignmentChart(bad, options)).toThrow(
      'Invalid over-assignment percent of level "region": "10%"',
    );
  });
});

describe("formatPercent", () => {
  test.each([
    ["10.0", "+10.0%"],
    ["-2.5", "−2.5%"],
    ["0.0", "0.0%"],
    ["0", "0%"],
  ])("%s", (percent, expected) => {
    expect(formatPercent(percent)).toBe(expected);
  });
});
