import { scaleLinear } from "d3";
import { formatDeviation } from "../format.ts";
import {
  AXIS_FONT_SIZE,
  TITLE_FONT_SIZE,
  TITLE_HEIGHT,
  TOOLBAR_WIDTH,
  type PlacedText,
  type Rect,
} from "./marks.ts";
import {
  estimateTextWidth,
  fitText,
  type FittedText,
  type TextMeasure,
} from "./text-fit.ts";

/** One bar of the chart: a value, its deviation from the mean and its labels. */
export interface DeviationRow {
  id: string;
  name: string;
  /** Value of the metric as a number, for positions only. */
  value: number;
  /** Percent deviation from the mean to one decimal, or null when the mean is zero. */
  deviationPercent: string | null;
  /** Tooltip text with the exact figures. */
  tooltip: string;
}

export interface DeviationOptions {
  width: number;
  title: string;
  /** Exact mean as a number, where the reference line sits. */
  mean: number;
  /** Label of the reference line, such as "Mean $1.2M". */
  meanLabel: string;
  /** Formats an axis tick value as a compact label. */
  formatTick: (value: number) => string;
  /** Rows drawn before the rest collapse into an "and N more" line. */
  maxRows: number;
  /** Draws every row, ignoring maxRows. */
  expanded: boolean;
  measure?: TextMeasure;
}

export interface DeviationMark {
  id: string;
  name: PlacedText;
  bar: Rect;
  /** "above" or "below" the mean, for the bar's colour. */
  side: "above" | "below";
  label: PlacedText & { anchor: "start" | "end" };
  tooltip: string;
}

export interface DeviationLayout {
  width: number;
  height: number;
  title: FittedText;
  plot: { left: number; top: number; right: number; bottom: number };
  ticks: { value: number; position: number; label: string }[];
  tickLabelY: number;
  meanX: number;
  meanLabel: PlacedText & { anchor: "start" | "middle" | "end" };
  rows: DeviationMark[];
  /** The "and 12 more territories" note, or null when every row is drawn. */
  more: PlacedText | null;
}

export const NAME_FONT_SIZE = 12;
export const LABEL_FONT_SIZE = 10;
const ROW_HEIGHT = 22;
const BAR_HEIGHT = 14;
const GAP = 8;
const LINE = 18;
/** Minimum pixels between two tick labels. */
const TICK_GAP = 10;

/**
 * Lays out territories as horizontal bars that start at the mean and end
 * at each territory's value, in the order given. Names are cut to a column
 * at the left. Each bar's percent deviation sits beyond its end, in space
 * kept free on both sides of the plot, so no label overlaps a bar or a
 * name. Tick labels thin out until none come closer than 10 pixels.
 */
export function layoutDeviationChart(
  rows: readonly DeviationRow[],
  options: DeviationOptions,
): DeviationLayout {
  const { width, mean } = options;
  const measure = options.measure ?? estimateTextWidth;
  const shown = options.expanded ? rows : rows.slice(0, options.maxRows);
  const hiddenCount = rows.length - shown.length;

  const title = fitText(
    options.title,
    Math.max(0, width - TOOLBAR_WIDTH),
    TITLE_FONT_SIZE,
    measure,
    true,
  );
  const nameColumn = Math.min(
    Math.max(0, ...shown.map((row) => measure(row.name, NAME_FONT_SIZE))),
    Math.max(80, width * 0.25),
  );
  const labels = shown.map((row) => formatDeviation(row.deviationPercent));
  const labelColumn =
    Math.max(0, ...labels.map((text) => measure(text, LABEL_FONT_SIZE))) + 4;
  const left = Math.ceil(nameColumn + GAP + labelColumn);
  const right = Math.max(left + 1, Math.floor(width - labelColumn));

  const values = rows.map((row) => row.value);
  const low = Math.min(mean, ...values);
  const high = Math.max(mean, ...values);
  const span = high - low || Math.abs(mean) || 1;
  const x = scaleLinear()
    .domain([low - span * 0.02, high + span * 0.02])
    .range([left, right]);

  const meanLabelY = TITLE_HEIGHT + AXIS_FONT_SIZE + 2;
  const tickLabelY = meanLabelY + LINE;
  const top = tickLabelY + GAP / 2;
  const meanX = x(mean);
  const meanText = fitText(
    options.meanLabel,
    width,
    AXIS_FONT_SIZE,
    measure,
    true,
  );
  const meanWidth = measure(meanText.text, AXIS_FONT_SIZE, true);
  const meanAnchor =
    meanX - meanWidth / 2 < 0
      ? "start"
      : meanX + meanWidth / 2 > width
        ? "end"
        : "middle";

  let meanLabelX = meanX;
  if (meanAnchor === "start") meanLabelX = 0;
  if (meanAnchor === "end") meanLabelX = width;

  const marks = shown.map((row, index): DeviationMark => {
    const rowTop = top + index * ROW_HEIGHT;
    const centre = rowTop + ROW_HEIGHT / 2;
    const end = x(row.value);
    const above = row.value >= mean;
    const barLeft = Math.min(meanX, end);
    return {
      id: row.id,
      name: {
        ...fitText(row.name, nameColumn, NAME_FONT_SIZE, measure),
        x: nameColumn,
        y: centre + NAME_FONT_SIZE / 2 - 2,
      },
      bar: {
        x: barLeft,
        y: centre - BAR_HEIGHT / 2,
        width: Math.max(1, Math.abs(end - meanX)),
        height: BAR_HEIGHT,
      },
      side: above ? "above" : "below",
      label: {
        text: labels[index],
        fullText: labels[index],
        truncated: false,
        x: above ? Math.max(end, meanX) + 4 : Math.min(end, meanX) - 4,
        y: centre + LABEL_FONT_SIZE / 2 - 1,
        anchor: above ? "start" : "end",
      },
      tooltip: row.tooltip,
    };
  });
  const bottom = top + shown.length * ROW_HEIGHT;
  const noun = hiddenCount === 1 ? "territory" : "territories";
  const more =
    hiddenCount === 0
      ? null
      : {
          ...fitText(
            `and ${hiddenCount} more ${noun} below`,
            width,
            NAME_FONT_SIZE,
            measure,
          ),
          x: 0,
          y: bottom + LINE,
        };

  return {
    width,
    height: bottom + (more === null ? GAP : LINE + GAP),
    title,
    plot: { left, top, right, bottom },
    ticks: thinTicks(x, options.formatTick, measure),
    tickLabelY,
    meanX,
    meanLabel: {
      ...meanText,
      x: meanLabelX,
      y: meanLabelY,
      anchor: meanAnchor,
    },
    rows: marks,
    more,
  };
}

/**
 * Requests fewer ticks from the scale until no two centred labels come
 * closer than TICK_GAP and no label repeats, as "$0" would over a span of
 * under a dollar.
 */
function thinTicks(
  x: ReturnType<typeof scaleLinear<number, number>>,
  formatTick: (value: number) => string,
  measure: TextMeasure,
): { value: number; position: number; label: string }[] {
  const [start, end] = x.range();
  for (let count = Math.max(2, Math.floor((end - start) / 60)); ; count--) {
    const ticks = x.ticks(count).map((value) => ({
      value,
      position: x(value),
      label: formatTick(value),
    }));
    const fits = ticks.every((tick, index) => {
      if (index === 0) return true;
      const previous = ticks[index - 1];
      const half =
        (measure(previous.label, AXIS_FONT_SIZE) +
          measure(tick.label, AXIS_FONT_SIZE)) /
        2;
      return tick.position - previous.position >= half + TICK_GAP;
    });
    const distinct =
      new Set(ticks.map((tick) => tick.label)).size === ticks.length;
    if ((fits && distinct) || count <= 1) return ticks;
  }
}
