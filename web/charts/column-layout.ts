import { scaleBand, scaleLinear } from "d3";
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
  type Rect,
} from "./marks.ts";
import {
  estimateTextWidth,
  fitText,
  type FittedText,
  type TextMeasure,
} from "./text-fit.ts";

/**
 * One column: a span from `from` to `to` on the value axis. A histogram
 * bar runs from 0; a waterfall step runs from the running total before it.
 */
export interface Column {
  key: string;
  label: string;
  from: number;
  to: number;
  /** Class of the column's colour, such as "increase" or "total". */
  kind: string;
  /** Text over the column, such as "+$1.2M" or "4". */
  valueLabel: string;
  tooltip: string;
}

export interface ColumnOptions {
  width: number;
  height: number;
  title: string;
  /** Formats a tick of the value axis. */
  formatTick: (value: number) => string;
  /** Only whole-number ticks, as for counts. */
  integerTicks?: boolean;
  legend?: readonly LegendEntry[];
  /** Draws a line from each column's end to the next column's start. */
  connectors?: boolean;
  /** Title of the category axis, under its labels. */
  axisTitle?: string;
  measure?: TextMeasure;
}

export interface ColumnMark {
  key: string;
  kind: string;
  bar: Rect;
  /** Category label under the column, in one or two lines. */
  label: PlacedText[];
  fullLabel: string;
  value: PlacedText;
  tooltip: string;
}

export interface ColumnLayout {
  width: number;
  height: number;
  title: FittedText;
  legend: LegendLayout;
  plot: { left: number; top: number; right: number; bottom: number };
  ticks: { value: number; position: number; label: string }[];
  /** Y position of the zero line. */
  zeroY: number;
  columns: ColumnMark[];
  connectors: { x1: number; x2: number; y: number }[];
  axisTitle: PlacedText | null;
}

export const VALUE_FONT_SIZE = 11;
const GAP = 8;
const LINE = 14;
/** Lines a category label may wrap to before it is cut. */
const MAX_LABEL_LINES = 3;
/** Minimum pixels between two tick labels of the value axis. */
const TICK_SPACING = 28;

/**
 * Lays out vertical columns in the order given, with a value axis at the
 * left. Category labels wrap to three lines of the column's step width
 * and are cut after that, and value labels sit over each column, cut to
 * the same width, so labels of neighbouring columns never overlap.
 */
export function layoutColumns(
  columns: readonly Column[],
  options: ColumnOptions,
): ColumnLayout {
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

  const values = columns.flatMap((column) => [column.from, column.to]);
  const y = scaleLinear()
    .domain([Math.min(0, ...values), Math.max(1, ...values)])
    .nice();
  const top = TITLE_HEIGHT + legend.height + GAP + VALUE_FONT_SIZE + 4;
  // A small span gives ticks that format alike, such as "$0 $0 $1 $1" for
  // 0 to 1 dollar, so fewer ticks are requested until every label differs.
  const tickValues = () => {
    let count = Math.max(2, Math.floor(height / 2 / TICK_SPACING));
    for (;;) {
      const all = y.ticks(count);
      const ticks = options.integerTicks ? all.filter(Number.isInteger) : all;
      const labels = new Set(ticks.map(options.formatTick));
      if (labels.size === ticks.length || count === 1) return ticks;
      count -= 1;
    }
  };
  const tickLabels = tickValues().map(options.formatTick);
  const left =
    Math.ceil(
      Math.max(0, ...tickLabels.map((label) => measure(label, AXIS_FONT_SIZE))),
    ) + GAP;
  const right = Math.max(left + 1, width);

  const x = scaleBand<string>()
    .domain(columns.map((column) => column.key))
    .range([left, right])
    .paddingInner(0.25)
    .paddingOuter(0.15);
  const step = x.step();
  const wrapped = columns.map((column) =>
    wrapLabel(column.label, step - 2, measure),
  );
  const labelLines = Math.max(1, ...wrapped.map((lines) => lines.length));
  const axisTitleHeight = options.axisTitle ? LINE + 2 : 0;
  const bottom = Math.max(
    top + 40,
    height - labelLines * LINE - GAP - axisTitleHeight,
  );
  y.range([bottom, top]);

  const marks = columns.map((column, index): ColumnMark => {
    const bandX = x(column.key) ?? left;
    const centre = bandX + x.bandwidth() / 2;
    const y1 = y(column.from);
    const y2 = y(column.to);
    const lines = wrapped[index];
    const value = fitText(
      column.valueLabel,
      step - 2,
      VALUE_FONT_SIZE,
      measure,
    );
    return {
      key: column.key,
      kind: column.kind,
      bar: {
        x: bandX,
        y: Math.min(y1, y2),
        width: x.bandwidth(),
        height: Math.max(1, Math.abs(y1 - y2)),
      },
      label: lines.map((line, lineIndex) => ({
        ...line,
        x: centre,
        y: bottom + LINE + lineIndex * LINE,
      })),
      fullLabel: column.label,
      value: { ...value, x: centre, y: Math.min(y1, y2) - 4 },
      tooltip: column.tooltip,
    };
  });

  const connectors = options.connectors
    ? marks.slice(1).map((mark, index) => {
        const previous = marks[index];
        return {
          x1: previous.bar.x + previous.bar.width,
          x2: mark.bar.x,
          y: y(columns[index].to),
        };
      })
    : [];

  return {
    width,
    height,
    title,
    legend,
    plot: { left, top, right, bottom },
    ticks: tickValues().map((value) => ({
      value,
      position: y(value),
      label: options.formatTick(value),
    })),
    zeroY: y(0),
    columns: marks,
    connectors,
    axisTitle: options.axisTitle
      ? {
          ...fitText(options.axisTitle, right - left, AXIS_FONT_SIZE, measure),
          x: (left + right) / 2,
          y: bottom + labelLines * LINE + GAP + LINE - 2,
        }
      : null,
  };
}

/**
 * Wraps a label into at most MAX_LABEL_LINES lines of whole words that fit
 * `maxWidth`. A word wider than the width, or the words left for the last
 * line, are cut with an ellipsis.
 */
function wrapLabel(
  label: string,
  maxWidth: number,
  measure: TextMeasure,
): FittedText[] {
  const words = label.split(" ").filter((word) => word !== "");
  const lines: string[] = [];
  let current = "";
  for (const [index, word] of words.entries()) {
    const candidate = current === "" ? word : `${current} ${word}`;
    if (current === "" || measure(candidate, AXIS_FONT_SIZE) <= maxWidth) {
      current = candidate;
      continue;
    }
    lines.push(current);
    if (lines.length === MAX_LABEL_LINES - 1) {
      current = words.slice(index).join(" ");
      break;
    }
    current = word;
  }
  if (current !== "") lines.push(current);
  return lines.map((line) => fitText(line, maxWidth, AXIS_FONT_SIZE, measure));
}
