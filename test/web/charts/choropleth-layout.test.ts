import { describe, expect, test } from "vitest";
import { layoutChoropleth } from "../../../web/charts/choropleth-layout.ts";
import { colorRamp } from "../../../web/charts/color-ramp.ts";

const base = {
  title: "Potential by county",
  mapSize: { width: 960, height: 600 },
  ramp: colorRamp([0, 100], false),
  formatValue: String,
  swatches: [
    { key: "unassigned", label: "Unassigned" },
    { key: "missing", label: "Territory without a value" },
  ],
};

describe("layoutChoropleth", () => {
  test("map scales to the width", () => {
    const layout = layoutChoropleth({ ...base, width: 480 });
    expect(layout.map.scale).toBeCloseTo(0.5, 6);
    expect(layout.bar.y).toBeGreaterThan(layout.map.y + 600 * 0.5);
  });

  test("map height is capped and centred", () => {
    const layout = layoutChoropleth({
      ...base,
      width: 1200,
      maxMapHeight: 300,
    });
    expect(layout.map.scale).toBeCloseTo(0.5, 6);
    expect(layout.map.x).toBeCloseTo((1200 - 480) / 2, 6);
  });

  test("swatches wrap below on a narrow chart", () => {
    const layout = layoutChoropleth({ ...base, width: 320 });
    for (const swatch of layout.swatches) {
      expect(swatch.rect.x + swatch.rect.width).toBeLessThanOrEqual(320);
    }
    expect(layout.swatches.at(-1)!.rect.y).toBeGreaterThan(layout.bar.y);
    expect(layout.height).toBeGreaterThan(layout.swatches.at(-1)!.rect.y);
  });

  test("swatches sit beside a wide bar", () => {
    const layout = layoutChoropleth({ ...base, width: 1200 });
    expect(layout.swatches[0].rect.x).toBeGreaterThan(
      layout.bar.x + layout.bar.width,
    );
  });
});
