import { describe, expect, test } from "vitest";
import { layoutScatter } from "../../../web/charts/scatter-layout.ts";

const options = {
  width: 500,
  height: 320,
  title: "Payout against attainment",
  xTitle: "Attainment",
  yTitle: "Payout",
  minXMax: 150,
  minYMax: 150,
};

describe("layoutScatter", () => {
  test("axes reach the highest point", () => {
    const layout = layoutScatter(
      [{ key: "a", x: 230, y: 90, tooltip: "" }],
      null,
      options,
    );
    expect(layout.points[0].cx).toBeLessThanOrEqual(layout.plot.right);
    expect(layout.points[0].cx).toBeGreaterThan(layout.reference.x);
    expect(layout.path).toBeNull();
  });

  test("the line runs through its points", () => {
    const layout = layoutScatter(
      [],
      [
        [0, 0],
        [100, 100],
        [200, 120],
      ],
      options,
    );
    expect(layout.path).toMatch(/^M/);
    expect(layout.reference.x).toBeGreaterThan(layout.plot.left);
    expect(layout.reference.y).toBeLessThan(layout.plot.bottom);
  });

  test("titles clear the tick labels", () => {
    const layout = layoutScatter([], null, options);
    const topTick = Math.min(...layout.yTicks.map((tick) => tick.position));
    // The y title's baseline is above the top tick label's top (11 px font).
    expect(layout.yTitle.y).toBeLessThan(topTick - 5.5);
    expect(layout.xTitle.y).toBeGreaterThan(layout.plot.bottom + 11);
  });

  test("negative payout extends the axis", () => {
    const layout = layoutScatter(
      [{ key: "a", x: 20, y: -30, tooltip: "" }],
      null,
      options,
    );
    expect(layout.points[0].cy).toBeLessThanOrEqual(layout.plot.bottom);
    expect(layout.points[0].cy).toBeGreaterThan(layout.yTicks[0].position);
  });
});
