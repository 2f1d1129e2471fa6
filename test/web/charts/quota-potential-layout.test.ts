import { describe, expect, test } from "vitest";
import {
  NAME_FONT_SIZE,
  layoutQuotaPotentialChart,
  type QuotaPotentialRow,
} from "../../../web/charts/quota-potential-layout.ts";
import { AXIS_FONT_SIZE } from "../../../web/charts/marks.ts";
import { estimateTextWidth } from "../../../web/charts/text-fit.ts";

const rows: QuotaPotentialRow[] = [
  {
    id: "t-7f3a",
    name: "West",
    quota: "2000000.00",
    potential: "8000000.00",
    ownerName: "Ana Ruiz",
  },
  { id: "t-19bc", name: "East", quota: "3000000.00", potential: "10000000.00" },
  {
    id: "t-c0de",
    name: "Southern California & Nevada Enterprise Accounts",
    quota: "1000000.00",
    potential: "2000000.00",
  },
  { id: "t-5e11", name: "North", quota: "0.00", potential: "0.00" },
];

const options = {
  width: 600,
  title: "Quota against potential",
  maxRows: 20,
  expanded: false,
};

/** Rows of `count` territories with potential falling by 10,000.00 each. */
function many(count: number): QuotaPotentialRow[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `t-${index}`,
    name: `Territory ${String(index + 1).padStart(3, "0")}`,
    quota: "100000.10",
    potential: (2_000_000 - index * 10_000).toFixed(2),
  }));
}

describe("layoutQuotaPotentialChart", () => {
  test("largest potential first", () => {
    const layout = layoutQuotaPotentialChart(rows, options);
    expect(layout.rows.map((r) => r.id)).toEqual([
      "t-19bc",
      "t-7f3a",
      "t-c0de",
      "t-5e11",
    ]);
  });

  test("bars share one scale from the name column", () => {
    const layout = layoutQuotaPotentialChart(rows, options);
    const east = layout.rows[0];
    expect(east.quotaBar.x).toBeCloseTo(layout.plot.left);
    expect(east.potentialBar.x).toBeCloseTo(layout.plot.left);
    expect(east.potentialBar.width / east.quotaBar.width).toBeCloseTo(10 / 3);
    expect(layout.rows[3].quotaBar.width).toBe(0);
  });

  test("rows never overlap", () => {
    const layout = layoutQuotaPotentialChart(many(30), {
      ...options,
      expanded: true,
    });
    for (let i = 1; i < layout.rows.length; i++) {
      const previous = layout.rows[i - 1];
      expect(layout.rows[i].quotaBar.y).toBeGreaterThan(
        previous.potentialBar.y + previous.potentialBar.height,
      );
    }
  });

  test("names end before the bars", () => {
    for (const width of [240, 360, 600, 1000]) {
      const layout = layoutQuotaPotentialChart(rows, { ...options, width });
      for (const row of layout.rows) {
        const nameWidth = estimateTextWidth(row.name.text, NAME_FONT_SIZE);
        expect(row.name.x - nameWidth).toBeGreaterThanOrEqual(0);
        expect(row.name.x).toBeLessThan(layout.plot.left);
      }
    }
  });

  test("long name is cut with its full text kept", () => {
    const layout = layoutQuotaPotentialChart(rows, { ...options, width: 360 });
    const long = layout.rows.find((r) => r.id === "t-c0de");
    expect(long?.name.truncated).toBe(true);
    expect(long?.name.text.endsWith("…")).toBe(true);
    expect(long?.name.fullText).toBe(
      "Southern California & Nevada Enterprise Accounts",
    );
    expect(
      long?.tooltip.startsWith(
        "Southern California & Nevada Enterprise Accounts:",
      ),
    ).toBe(true);
  });

  test("owner under the name", () => {
    const layout = layoutQuotaPotentialChart(rows, options);
    const west = layout.rows.find((r) => r.id === "t-7f3a");
    expect(west?.owner?.text).toBe("Ana Ruiz");
    expect(west?.owner?.y).toBeGreaterThan(west?.name.y ?? Infinity);
    expect(layout.rows.find((r) => r.id === "t-19bc")?.owner).toBeNull();
  });

  test("proportional marker follows the overall ratio", () => {
    // Total quota 6,000,000 over potential 20,000,000: 30%.
    const layout = layoutQuotaPotentialChart(rows, options);
    const east = layout.rows[0];
    const perDollar = east.potentialBar.width / 10_000_000;
    expect((east.proportionalX ?? 0) - layout.plot.left).toBeCloseTo(
      3_000_000 * perDollar,
    );
  });

  test("no proportional marker without potential", () => {
    const zero = [
      { id: "t-1", name: "Only", quota: "5.00", potential: "0.00" },
    ];
    const layout = layoutQuotaPotentialChart(zero, options);
    expect(layout.rows[0].proportionalX).toBeNull();
    expect(layout.summary).toBe(
      "Quota against potential, 1 territory: total quota $5, total potential $0.",
    );
  });

  test("value labels clear bar and marker", () => {
    const layout = layoutQuotaPotentialChart(rows, options);
    for (const row of layout.rows) {
      expect(row.quotaLabel.x).toBeGreaterThan(
        row.quotaBar.x + row.quotaBar.width,
      );
      expect(row.quotaLabel.x).toBeGreaterThan(row.proportionalX ?? -Infinity);
      expect(row.potentialLabel.x).toBeGreaterThan(
        row.potentialBar.x + row.potentialBar.width,
      );
    }
    expect(layout.rows[0].quotaLabel.text).toBe("$3M");
    expect(layout.rows[0].potentialLabel.text).toBe("$10M");
  });

  test("beyond maxRows the rest collapse", () => {
    const layout = layoutQuotaPotentialChart(many(150), options);
    expect(layout.rows).toHaveLength(20);
    expect(layout.rows[19].id).toBe("t-19");
    expect(layout.more?.hiddenCount).toBe(130);
    // Rows 21-150: quota 130 x 100,000.10, potential 150,150,000.00.
    expect(layout.more?.lines.map((l) => l.text)).toEqual([
      "and 130 more territories: quota $13M, potential $150M",
    ]);
    expect(layout.more?.lines[0].x).toBe(layout.plot.left);
    expect(layout.more?.lines[0].y).toBeGreaterThan(layout.plot.bottom);
    expect(layout.height).toBeGreaterThan(layout.more?.lines[0].y ?? Infinity);
  });

  test("narrow chart splits the note", () => {
    const layout = layoutQuotaPotentialChart(many(150), {
      ...options,
      width: 240,
    });
    const lines = layout.more?.lines ?? [];
    expect(lines.map((l) => l.fullText)).toEqual([
      "and 130 more territories:",
      "quota $13M, potential $150M",
    ]);
    for (const line of lines) {
      expect(line.x).toBe(0);
      expect(estimateTextWidth(line.text, NAME_FONT_SIZE)).toBeLessThanOrEqual(
        240,
      );
    }
    expect(lines[1].y).toBeGreaterThan(lines[0].y);
    expect(layout.height).toBeGreaterThan(lines[1].y);
  });

  test("expanded draws every row", () => {
    const layout = layoutQuotaPotentialChart(many(150), {
      ...options,
      expanded: true,
    });
    expect(layout.rows).toHaveLength(150);
    expect(layout.more).toBeNull();
    expect(layout.height).toBeGreaterThan(layout.rows[149].potentialBar.y);
  });

  test("tick labels never overlap", () => {
    for (let width = 200; width <= 1000; width += 50) {
      const layout = layoutQuotaPotentialChart(many(8), { ...options, width });
      const ticks = layout.ticks;
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < ticks.length; i++) {
        const gap = ticks[i].position - ticks[i - 1].position;
        const half =
          (estimateTextWidth(ticks[i].label, AXIS_FONT_SIZE) +
            estimateTextWidth(ticks[i - 1].label, AXIS_FONT_SIZE)) /
          2;
        expect(gap).toBeGreaterThan(half);
      }
    }
  });

  test("tooltip gives exact figures", () => {
    const layout = layoutQuotaPotentialChart(rows, options);
    expect(layout.rows[1].tooltip).toBe(
      "West (owner Ana Ruiz): quota $2,000,000.00, potential $8,000,000.00, quota 25.0% of potential, in proportion to potential $2,400,000.00",
    );
  });

  test("summary names the extremes", () => {
    const layout = layoutQuotaPotentialChart(rows, options);
    expect(layout.summary).toBe(
      "Quota against potential, 4 territories: total quota $6M, total potential $20M. Quota is 30.0% of potential. Highest share: Southern California & Nevada Enterprise Accounts, 50.0%. Lowest: West, 25.0%.",
    );
  });

  test("invalid quota names the territory", () => {
    const bad = [{ id: "t-1", name: "West", quota: "$5", potential: "1.00" }];
    expect(() => layoutQuotaPotentialChart(bad, options)).toThrow(
      /quota of territory "West": "\$5"/,
    );
  });
});
