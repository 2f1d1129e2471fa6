import { line, scaleBand, scaleLinear, type ScaleBand } from "d3";
import { moneyTicks, type MoneyTick } from "./axis-ticks.ts";
import {
  parseMonth,
  type CapacityMonth,
  type ParsedMonth,
} from "./capacity-data.ts";
import { capacitySummary, monthTooltip } from "./capacity-text.ts";

export type { CapacityMonth };
import {
  AXIS_FONT_SIZE,
  TITLE_FONT_SIZE,
  TITLE_HEIGHT,
  TOOLBAR_WIDTH,
  type Rect,
} from "./marks.ts";
import { layoutLegend, type LegendLayout } from "./legend-layout.ts";
import {
  estimateTextWidth,
  fitText,
  type FittedText,
  type TextMeasure,
} from "./text-fit.ts";

export interface CapacityLayoutOptions {
  width: number;
  height: number;
  title: string;
  currency?: string;
  measure?: TextMeasure;
}

export interface CapacityBar extends Rect {
  index: number;
  tooltip: string;
}

export interface GapMark extends Rect {
  index: number;
  kind: "shortfall" | "surplus";
}

export interface AxisLabel extends FittedText {
  index: number;
  x: number;
  y: number;
}

export interface CapacityLayout {
  width: number;
  height: number;
  title: FittedText;
  legend: LegendLayout;
  plot: { left: number; top: number; right: number; bottom: number };
  yTicks: MoneyTick[];
  zeroY: number;
  bars: CapacityBar[];
  gaps: GapMark[];
  /** SVG path of the target as a step per month, or null without targets. */
  targetPath: string | null;
  xLabels: AxisLabel[];
  summary: string;
}

const LABEL_GAP = 8;
/** The smallest span of the money axis, in currency units. */
const MIN_SPAN = 1000;

/**
 * Lays out the capacity chart: a bar per month, the target as a step line,
 * the gap between them shaded, a legend, and month labels thinned out so
 * that no two overlap. Raises MoneyFormatError on an amount that is not a
 * decimal string.
 */
export function layoutCapacityChart(
  months: readonly CapacityMonth[],
  options: CapacityLayoutOptions,
): CapacityLayout {
  const { width, height } = options;
  const currency = options.currency ?? "USD";
  const measure = options.measure ?? estimateTextWidth;
  const parsed = months.map(parseMonth);

  const title = fitText(
    options.title,
    Math.max(0, width - TOOLBAR_WIDTH),
    TITLE_FONT_SIZE,
    measure,
    true,
  );
  const legend = layoutLegend(
    legendEntries(parsed),
    width,
    TITLE_HEIGHT,
    measure,
  );

  const top = TITLE_HEIGHT + legend.height + LABEL_GAP + AXIS_FONT_SIZE / 2;
  // The month labels sit under the plot with room for descenders.
  const bottom = height - AXIS_FONT_SIZE - 2 * LABEL_GAP;
  const y = scaleLinear()
    .domain(valueDomain(parsed))
    .range([bottom, top])
    .nice(Math.max(2, Math.floor((bottom - top) / 48)));
  const yTicks = moneyTicks(y, bottom - top, currency);

  const tickWidth = Math.max(
    0,
    ...yTicks.map((tick) => measure(tick.label, AXIS_FONT_SIZE)),
  );
  const left = Math.ceil(tickWidth) + LABEL_GAP;
  const labelWidths = parsed.map((m) => measure(m.label, AXIS_FONT_SIZE));
  const right = width - Math.min(40, Math.max(8, ...labelWidths) / 2);

  const x = scaleBand<number>()
    .domain(parsed.map((_, index) => index))
    .range([left, right])
    .paddingInner(0.25)
    .paddingOuter(0.125);
  const zeroY = y(0);

  return {
    width,
    height,
    title,
    legend,
    plot: { left, top, right, bottom },
    yTicks,
    zeroY,
    bars: parsed.map((month, index) => ({
      index,
      ...verticalSpan(x(index) ?? 0, x.bandwidth(), y, 0, month.capacity.value),
      tooltip: monthTooltip(month, currency),
    })),
    gaps: gapMarks(parsed, x, y),
    targetPath: targetStepPath(parsed, x, y),
    xLabels: monthLabels(parsed, x, bottom + LABEL_GAP, width, measure),
    summary: capacitySummary(parsed, options.title, currency),
  };
}

function legendEntries(months: readonly ParsedMonth[]) {
  const entries = [{ key: "capacity", label: "Capacity" }];
  if (months.some((m) => m.target !== null)) {
    entries.push({ key: "target", label: "Target" });
  }
  if (months.some((m) => m.gap !== null && m.gap.cents > 0)) {
    entries.push({ key: "shortfall", label: "Shortfall to target" });
  }
  if (months.some((m) => m.gap !== null && m.gap.cents < 0)) {
    entries.push({ key: "surplus", label: "Capacity above target" });
  }
  return entries;
}

function valueDomain(months: readonly ParsedMonth[]): [number, number] {
  const values = months.flatMap((m) => [
    m.capacity.value,
    m.target?.value ?? 0,
    m.capacity.value + (m.gap?.value ?? 0),
  ]);
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  // Round ticks under a dollar would all read "$0" or "$1", so a plan with
  // no capacity or target yet gets an axis from $0 to $1K.
  return high - low < MIN_SPAN ? [low, low + MIN_SPAN] : [low, high];
}

function verticalSpan(
  x: number,
  width: number,
  y: (value: number) => number,
  from: number,
  to: number,
): Rect {
  const top = y(Math.max(from, to));
  return { x, y: top, width, height: y(Math.min(from, to)) - top };
}

/** Builds the area between capacity and target: above the bar for a shortfall, the bar's top part for a surplus. */
function gapMarks(
  months: readonly ParsedMonth[],
  x: ScaleBand<number>,
  y: (value: number) => number,
): GapMark[] {
  const marks: GapMark[] = [];
  months.forEach((month, index) => {
    if (month.gap === null || month.gap.cents === 0) return;
    const capacity = month.capacity.value;
    marks.push({
      index,
      kind: month.gap.cents > 0 ? "shortfall" : "surplus",
      ...verticalSpan(
        x(index) ?? 0,
        x.bandwidth(),
        y,
        capacity,
        capacity + month.gap.value,
      ),
    });
  });
  return marks;
}

/**
 * Draws each month's target flat across the month's whole step, so
 * neighbouring months join with a vertical riser. A month without a target
 * breaks the line.
 */
function targetStepPath(
  months: readonly ParsedMonth[],
  x: ScaleBand<number>,
  y: (value: number) => number,
): string | null {
  if (months.every((m) => m.target === null)) return null;

  const halfPadding = (x.step() - x.bandwidth()) / 2;
  const points = months.flatMap((month, index) => {
    const start = (x(index) ?? 0) - halfPadding;
    const end = start + x.step();
    const value = month.target === null ? null : y(month.target.value);
    return [
      [start, value],
      [end, value],
    ] as [number, number | null][];
  });
  return line<[number, number | null]>()
    .defined((point) => point[1] !== null)
    .x((point) => point[0])
    .y((point) => point[1] ?? 0)(points);
}

/**
 * Labels every k-th month, with k the smallest step at which no two labels
 * overlap. When even one label is wider than the whole axis, it is
 * truncated and keeps the full label as a tooltip.
 */
function monthLabels(
  months: readonly ParsedMonth[],
  x: ScaleBand<number>,
  baseline: number,
  width: number,
  measure: TextMeasure,
): AxisLabel[] {
  const widths = months.map((m) => measure(m.label, AXIS_FONT_SIZE));
  const widest = Math.max(0, ...widths);
  let every = 1;
  while (every < months.length && widest > every * x.step() - LABEL_GAP) {
    every += 1;
  }
  const room = Math.min(every * x.step() - LABEL_GAP, width);

  const labels: AxisLabel[] = [];
  for (let index = 0; index < months.length; index += every) {
    const fitted = fitText(months[index].label, room, AXIS_FONT_SIZE, measure);
    const half = measure(fitted.text, AXIS_FONT_SIZE) / 2;
    const centre = (x(index) ?? 0) + x.bandwidth() / 2;
    labels.push({
      index,
      ...fitted,
      x: Math.min(Math.max(centre, half), width - half),
      y: baseline + AXIS_FONT_SIZE,
    });
  }
  return labels;
}
