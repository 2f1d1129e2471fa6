import { area, line, scaleLinear, type ScaleLinear } from "d3";
import { moneyTicks, type MoneyTick } from "./axis-ticks.ts";
import { exactMoney } from "./chart-money.ts";
import { layoutLegend, type LegendLayout } from "./legend-layout.ts";
import {
  AXIS_FONT_SIZE,
  TITLE_FONT_SIZE,
  TITLE_HEIGHT,
  TOOLBAR_WIDTH,
  type PlacedText,
  type Rect,
} from "./marks.ts";
import {
  forecastSummary,
  type ForecastChartData,
  type ForecastChartHeldBack,
} from "./forecast-data.ts";
import { monthLabel, monthLabels, type MonthLabel } from "./forecast-text.ts";
import {
  estimateTextWidth,
  fitText,
  type FittedText,
  type TextMeasure,
} from "./text-fit.ts";

export { monthLabel };
export type {
  ForecastChartData,
  ForecastChartHeldBack,
  ForecastChartHistory,
  ForecastChartMonth,
} from "./forecast-data.ts";

export interface ForecastLayoutOptions {
  width: number;
  height: number;
  title: string;
  currency?: string;
  measure?: TextMeasure;
}

/** A point mark with its tooltip. */
export interface ForecastPoint {
  month: string;
  x: number;
  y: number;
  tooltip: string;
}

export interface ForecastLayout {
  width: number;
  height: number;
  title: FittedText;
  legend: LegendLayout;
  plot: { left: number; top: number; right: number; bottom: number };
  yTicks: MoneyTick[];
  historyPath: string | null;
  historyPoints: ForecastPoint[];
  /** The shaded span of the held-back months, or null without any. */
  heldBackSpan: Rect | null;
  /** "Held back" over the span, or null when it does not fit. */
  heldBackLabel: PlacedText | null;
  heldBackPoints: ForecastPoint[];
  forecastPath: string | null;
  forecastPoints: ForecastPoint[];
  bandPath: string | null;
  xLabels: MonthLabel[];
  summary: string;
}

const LABEL_GAP = 8;
/** The smallest span of the money axis, in currency units. */
const MIN_SPAN = 1000;
const HELD_BACK_TEXT = "Held back";

/**
 * Lays out the forecast chart: the booked months as a line, the
 * held-back months shaded with the forecast of the model fitted without
 * them, and the forecast as a dashed line in its band. Month labels are
 * thinned out so that no two overlap.
 */
export function layoutForecastChart(
  data: ForecastChartData,
  options: ForecastLayoutOptions,
): ForecastLayout {
  const { width, height } = options;
  const currency = options.currency ?? "USD";
  const measure = options.measure ?? estimateTextWidth;
  const months = [
    ...data.history.map((m) => m.month),
    ...data.forecast.map((m) => m.month),
  ];
  const indexOf = new Map(months.map((month, index) => [month, index]));

  const title = fitText(
    options.title,
    Math.max(0, width - TOOLBAR_WIDTH),
    TITLE_FONT_SIZE,
    measure,
    true,
  );
  const legend = layoutLegend(
    legendEntries(data),
    width,
    TITLE_HEIGHT,
    measure,
  );

  const top = TITLE_HEIGHT + legend.height + LABEL_GAP + AXIS_FONT_SIZE;
  const bottom = height - AXIS_FONT_SIZE - 2 * LABEL_GAP;
  const y = scaleLinear()
    .domain(valueDomain(data))
    .range([bottom, top])
    .nice(Math.max(2, Math.floor((bottom - top) / 48)));
  const yTicks = moneyTicks(y, bottom - top, currency);
  const tickWidth = Math.max(
    0,
    ...yTicks.map((tick) => measure(tick.label, AXIS_FONT_SIZE)),
  );
  const left = Math.ceil(tickWidth) + LABEL_GAP;
  const lastLabel = months.length === 0 ? "" : monthLabel(months.at(-1)!);
  const right = Math.max(
    left + 1,
    width - Math.ceil(measure(lastLabel, AXIS_FONT_SIZE) / 2),
  );
  const x = scaleLinear()
    .domain([0, Math.max(1, months.length - 1)])
    .range([left, right]);
  const at = (month: string) => x(indexOf.get(month) ?? 0);

  const historyPoints = data.history.map((m) => ({
    month: m.month,
    x: at(m.month),
    y: y(m.cents / 100),
    tooltip: `${monthLabel(m.month)}: booked ${exactMoney(m.cents, currency)}`,
  }));
  const heldBackPoints = data.heldBack.map((m) => ({
    month: m.month,
    x: at(m.month),
    y: y(m.forecastCents / 100),
    tooltip: `${monthLabel(m.month)} held back: forecast without it ${exactMoney(m.forecastCents, currency)}`,
  }));
  const forecastPoints = data.forecast.map((m) => ({
    month: m.month,
    x: at(m.month),
    y: y(m.cents / 100),
    tooltip: `${monthLabel(m.month)}: forecast ${exactMoney(m.cents, currency)}, ${data.coveragePercent} % band ${exactMoney(m.lowCents, currency)} to ${exactMoney(m.highCents, currency)}`,
  }));

  const step = months.length > 1 ? x(1) - x(0) : right - left;
  const heldBackSpan = spanOf(data.heldBack, at, step, { top, bottom });
  return {
    width,
    height,
    title,
    legend,
    plot: { left, top, right, bottom },
    yTicks,
    historyPath: pathOf(historyPoints),
    historyPoints,
    heldBackSpan,
    heldBackLabel: heldBackLabelOf(heldBackSpan, measure),
    heldBackPoints,
    forecastPath: forecastPathOf(historyPoints.at(-1), forecastPoints),
    forecastPoints,
    bandPath: bandPathOf(data, historyPoints.at(-1), at, y),
    xLabels: monthLabels(months, x, bottom + LABEL_GAP, width, measure),
    summary: forecastSummary(data, options.title, currency),
  };
}

function legendEntries(data: ForecastChartData) {
  const entries = [{ key: "bookings", label: "Booked" }];
  if (data.heldBack.length > 0) {
    entries.push({
      key: "held-back",
      label: "Held-back months, forecast without them",
    });
  }
  if (data.forecast.length > 0) {
    entries.push({ key: "forecast", label: "Forecast" });
    entries.push({ key: "band", label: `${data.coveragePercent} % band` });
  }
  return entries;
}

function valueDomain(data: ForecastChartData): [number, number] {
  const cents = [
    ...data.history.map((m) => m.cents),
    ...data.heldBack.map((m) => m.forecastCents),
    ...data.forecast.flatMap((m) => [m.lowCents, m.highCents, m.cents]),
  ];
  const low = Math.min(0, ...cents) / 100;
  const high = Math.max(0, ...cents) / 100;
  return high - low < MIN_SPAN ? [low, low + MIN_SPAN] : [low, high];
}

function pathOf(points: readonly ForecastPoint[]): string | null {
  if (points.length === 0) return null;
  return line<ForecastPoint>()
    .x((p) => p.x)
    .y((p) => p.y)(points);
}

/** Starts the forecast line at the last booked month, so the two join. */
function forecastPathOf(
  last: ForecastPoint | undefined,
  forecast: readonly ForecastPoint[],
): string | null {
  if (forecast.length === 0) return null;
  return pathOf(last === undefined ? forecast : [last, ...forecast]);
}

/** Draws the band from a zero-width start at the last booked month. */
function bandPathOf(
  data: ForecastChartData,
  last: ForecastPoint | undefined,
  at: (month: string) => number,
  y: ScaleLinear<number, number>,
): string | null {
  if (data.forecast.length === 0) return null;
  const ends = data.forecast.map((m) => ({
    x: at(m.month),
    low: y(m.lowCents / 100),
    high: y(m.highCents / 100),
  }));
  const points =
    last === undefined
      ? ends
      : [{ x: last.x, low: last.y, high: last.y }, ...ends];
  return area<(typeof points)[number]>()
    .x((p) => p.x)
    .y0((p) => p.low)
    .y1((p) => p.high)(points);
}

function spanOf(
  heldBack: readonly ForecastChartHeldBack[],
  at: (month: string) => number,
  step: number,
  plot: { top: number; bottom: number },
): Rect | null {
  if (heldBack.length === 0) return null;
  const first = at(heldBack[0].month) - step / 2;
  const last = at(heldBack[heldBack.length - 1].month) + step / 2;
  return {
    x: first,
    y: plot.top,
    width: last - first,
    height: plot.bottom - plot.top,
  };
}

function heldBackLabelOf(
  span: Rect | null,
  measure: TextMeasure,
): PlacedText | null {
  if (span === null) return null;
  const textWidth = measure(HELD_BACK_TEXT, AXIS_FONT_SIZE);
  if (textWidth > span.width - 4) return null;
  return {
    text: HELD_BACK_TEXT,
    fullText: HELD_BACK_TEXT,
    truncated: false,
    x: span.x + span.width / 2,
    y: span.y - 4,
  };
}
