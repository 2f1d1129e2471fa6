import { describe, expect, test } from "vitest";
import type { CompPlan } from "../../../model/incentives/payout/plan.ts";
import { MoneyFormatError } from "../../../model/money.ts";
import { payoutCurveData } from "../../../web/incentives/curve-data.ts";
import {
  MARKER_FONT_SIZE,
  layoutPayoutCurve,
  payoutCurveTable,
} from "../../../web/charts/payout-curve-layout.ts";
import { estimateTextWidth } from "../../../web/charts/text-fit.ts";

const plan: CompPlan = {
  components: [
    {
      id: "tiers",
      label: "Revenue",
      type: "tiered",
      mode: "retroactive",
      bands: [
        { from: "0", to: "0.5", rate: "0.02" },
        { from: "0.5", to: "1", rate: "0.05" },
        { from: "1", to: "1.02", rate: "0.07" },
        { from: "1.02", to: "1.04", rate: "0.08" },
        { from: "1.04", rate: "0.1" },
      ],
    },
  ],
  totalCap: "1500",
};

const options = { width: 640, height: 340, title: "Payout curve" };

function labelBox(marker: { label: { x: number; text: string } }) {
  const width = estimateTextWidth(marker.label.text, MARKER_FONT_SIZE);
  return { start: marker.label.x, end: marker.label.x + width };
}

describe("layoutPayoutCurve", () => {
  const data = payoutCurveData(plan, "10000");
  const view = layoutPayoutCurve(data, options);

  test("curve spans the plot", () => {
    expect(view.path.startsWith(`M${view.plot.left},${view.plot.bottom}`)).toBe(
      true,
    );
    expect(view.xTicks[0].position).toBe(view.plot.left);
    expect(view.xTicks[view.xTicks.length - 1].position).toBe(view.plot.right);
  });

  test("marker labels in one row never overlap", () => {
    expect(view.markers).toHaveLength(4);
    const rows = new Map<number, { start: number; end: number }[]>();
    for (const marker of view.markers) {
      const boxes = rows.get(marker.label.y) ?? [];
      rows.set(marker.label.y, [...boxes, labelBox(marker)]);
    }
    expect(rows.size).toBeGreaterThan(1);
    for (const boxes of rows.values()) {
      boxes.sort((a, b) => a.start - b.start);
      for (let i = 1; i < boxes.length; i += 1) {
        expect(boxes[i].start).toBeGreaterThanOrEqual(boxes[i - 1].end);
      }
    }
  });

  test("labels stay inside the chart", () => {
    for (const marker of view.markers) {
      const box = labelBox(marker);
      expect(box.start).toBeGreaterThanOrEqual(0);
      expect(box.end).toBeLessThanOrEqual(options.width);
    }
  });

  test("marker lines sit at their attainment", () => {
    const atQuota = view.markers.find((m) => m.key === "tiers:tier:2");
    const x100 = view.xTicks.find((tick) => tick.value === 1)?.position;
    expect(atQuota?.x).toBe(x100);
  });

  test("plot starts below the label rows", () => {
    const lowest = Math.max(...view.markers.map((m) => m.label.y));
    expect(view.plot.top).toBeGreaterThan(lowest);
  });

  test("total cap line labelled compactly", () => {
    expect(view.capLine?.label.text).toBe("Total cap $1.5K");
    expect(view.capLine?.y).toBeGreaterThanOrEqual(view.plot.top);
    expect(view.capLine?.y).toBeLessThan(view.plot.bottom);
  });

  test("cap label below a line along the top", () => {
    // The total cap of 1,500.00 is also the highest earnings, so its line
    // runs along the top of the plot, under the marker labels.
    const line = view.capLine;
    expect(line?.y).toBe(view.plot.top);
    expect(line?.label.y).toBeGreaterThan(line?.y ?? Infinity);
  });

  test("narrow chart labels every 50%", () => {
    const narrow = layoutPayoutCurve(data, { ...options, width: 220 });
    expect(narrow.xTicks.map((tick) => tick.label)).toEqual([
      "0%",
      "50%",
      "100%",
      "150%",
      "200%",
    ]);
  });

  test("summary names exact earnings at quota", () => {
    expect(view.summary).toContain("quota of $10,000.00");
    expect(view.summary).toContain("earnings $700.00 at 100%");
  });

  test("invalid earnings raise MoneyFormatError", () => {
    const bad = {
      ...data,
      points: [{ attainment: "1", credited: "1", earnings: "abc" }],
    };
    expect(() => layoutPayoutCurve(bad, options)).toThrow(MoneyFormatError);
  });
});

describe("payoutCurveTable", () => {
  test("rows every 10% and at markers", () => {
    const data = payoutCurveData(plan, "10000");
    const table = payoutCurveTable(data, "Payout curve");
    expect(table.columns).toEqual([
      "Attainment",
      "Credited",
      "Earnings",
      "Marker",
    ]);
    // 21 rows at multiples of 10% and the markers at 102% and 104%.
    expect(table.rows).toHaveLength(23);
    const at102 = table.rows.find((row) => row[0] === "102%");
    expect(at102).toEqual([
      "102%",
      "$10,200.00",
      "$816.00",
      "Revenue tier 102%",
    ]);
  });
});
