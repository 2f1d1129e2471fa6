import { line, scaleLinear } from "d3";
import {
  layoutLegend,
  type LegendEntry,
  type LegendLayout,
} from "./legend-layout.ts";
import {
  AXIS_FONT_SIZE,
  TITLE_FONT_SIZE,
  TITLE_HEIGHT,
  TOOLBAR_WIDTH,
  type PlacedText,
} from "./marks.ts";
import {
  estimateTextWidth,
  fitText,
  type FittedText,
  type TextMeasure,
} from "./text-fit.ts";

/** A point in percent on both axes. */
export interface ScatterPoint {
  key: string;
  x: number;
  y: number;
  tooltip: string;
}

export interface ScatterOptions {
  width: number;
  height: number;
  title: string;
  xTitle: string;
  yTitle: string;
  /** Smallest upper end of each axis, such as 200 for 200%. */
  minXMax: number;
  minYMax: number;
  legend?: readonly LegendEntry[];
  measure?: TextMeasure;
}

export interface Tick {
  value: number;
  position: number;
  label: string;
}

export interface ScatterLayout {
  width: number;
  height: number;
  title: FittedText;
  legend: LegendLayout;
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: Tick[];
  yTicks: Tick[];
  points: { key: string; cx: number; cy: number; tooltip: string }[];
  /** SVG path of the line, or null without one. */
  path: string | null;
  /** Positions of the 100% reference lines. */
  reference: { x: number; y: number };
  xTitle: PlacedText;
  yTitle: PlacedText;
}

export const POINT_RADIUS = 4;
const GAP = 8;
const LINE = 14;
const TICK_GAP = 10;

/**
 * Lays out points and a line on two percent axes from zero, with the y
 * title above the plot and the x title under the tick labels, so neither
 * meets a tick label. Axes reach the larger of their minimum and the
 * highest point or line value. Tick labels thin out until none come closer
 * than 10 pixels.
 */
export function layoutScatter(
  points: readonly ScatterPoint[],
  curve: readonly [number, number][] | null,
  options: ScatterOptions,
): ScatterLayout {
  const { width, height } = options;
  const measure = options.measure ?? estimateTextWidth;
  const title = fitText(
    options.title,
    Math.max(0, width - TOOLBAR_WIDTH),
    TITLE_FONT_SIZE,
    measure,
    true,
  );
  const legend = layoutLegend(
    options.legend ?? [],
    width,
    TITLE_HEIGHT,
    measure,
  );

  const xMax = Math.max(
    options.minXMax,
    ...points.map((p) => p.x),
    ...(curve ?? []).map(([x]) => x),
  );
  const yMax = Math.max(
    options.minYMax,
    ...points.map((p) => p.y),
    ...(curve ?? []).map(([, y]) => y),
  );
  const xMin = Math.min(0, ...points.map((p) => p.x));
  const yMin = Math.min(0, ...points.map((p) => p.y));
  const y = scaleLinear().domain([yMin, yMax]).nice();
  const x = scaleLinear().domain([xMin, xMax]).nice();

  const yTitleY = TITLE_HEIGHT + legend.height + AXIS_FONT_SIZE + 2;
  const top = yTitleY + GAP + LINE / 2;
  const bottom = Math.max(top + 40, height - LINE - GAP - LINE);
  y.range([bottom, top]);
  const yTicks = thin(y, bottom - top, true, measure);
  const left =
    Math.ceil(
      Math.max(0, ...yTicks.map((t) => measure(t.label, AXIS_FONT_SIZE))),
    ) + GAP;
  // The last x tick label is centred on the plot's right edge.
  const right = Math.max(
    left + 1,
    width - Math.max(GAP, measure(`${x.domain()[1]}%`, AXIS_FONT_SIZE) / 2 + 2),
  );
  x.range([left, right]);
  const xTicks = thin(x, right - left, false, measure);

  const path =
    curve === null || curve.length === 0
      ? null
      : line<[number, number]>()
          .x(([value]) => x(value))
          .y(([, value]) => y(value))(curve as [number, number][]);

  return {
    width,
    height,
    title,
    legend,
    plot: { left, top, right, bottom },
    xTicks,
    yTicks,
    points: points.map((point) => ({
      key: point.key,
      cx: x(point.x),
      cy: y(point.y),
      tooltip: point.tooltip,
    })),
    path,
    reference: { x: x(100), y: y(100) },
    xTitle: {
      ...fitText(options.xTitle, right - left, AXIS_FONT_SIZE, measure),
      x: (left + right) / 2,
      y: bottom + LINE + GAP + LINE - 2,
    },
    yTitle: {
      ...fitText(options.yTitle, width, AXIS_FONT_SIZE, measure),
      x: 0,
      y: yTitleY,
    },
  };
}

/** Percent ticks, fewer until labels along the axis keep TICK_GAP apart. */
function thin(
  scale: ReturnType<typeof scaleLinear<number, number>>,
  length: number,
  vertical: boolean,
  measure: TextMeasure,
): Tick[] {
  for (let count = Math.max(2, Math.floor(length / 50)); ; count--) {
    const ticks = scale.ticks(count).map((value) => ({
      value,
      position: scale(value),
      label: `${value}%`,
    }));
    const fits = ticks.every((tick, index) => {
      if (index === 0) return true;
      const distance = Math.abs(tick.position - ticks[index - 1].position);
      const size = vertical
        ? AXIS_FONT_SIZE
        : (measure(tick.label, AXIS_FONT_SIZE) +
            measure(ticks[index - 1].label, AXIS_FONT_SIZE)) /
          2;
      return distance >= size + TICK_GAP;
    });
    if (fits || count <= 1) return ticks;
  }
}
