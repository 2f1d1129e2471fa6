import { scaleBand, scaleLinear } from "d3";
import { moneyTicks, type MoneyTick } from "./axis-ticks.ts";
import {
  compactMoney,
  exactMoney,
  readAmount,
  type ChartAmount,
} from "./chart-money.ts";
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
  estimateTextWidth,
  fitText,
  type FittedText,
  type TextMeasure,
} from "./text-fit.ts";

/** Quota of one level against the level above, with money as decimal strings. */
export interface OverAssignmentLevel {
  /** Level name, such as "territory". */
  level: string;
  /** Total quota of the parents, one level up. */
  parentTotal: string;
  /** Total quota of this level's nodes. */
  childrenTotal: string;
  /** Children over parents in percent, such as "10.0", negative when under. */
  percent: string;
}

export interface OverAssignmentOptions {
  width: number;
  height: number;
  title: string;
  currency?: string;
  measure?: TextMeasure;
}

export interface LevelMark {
  level: string;
  parentBar: Rect;
  childrenBar: Rect;
  percentLabel: { x: number; y: number; text: string };
  levelLabel: PlacedText;
  tooltip: string;
}

export interface OverAssignmentLayout {
  width: number;
  height: number;
  title: FittedText;
  legend: LegendLayout;
  plot: { left: number; top: number; right: number; bottom: number };
  yTicks: MoneyTick[];
  zeroY: number;
  levels: LevelMark[];
  summary: string;
}

export const PERCENT_FONT_SIZE = 12;
const GAP = 8;

const PERCENT_PATTERN = /^-?\d+(\.\d+)?$/;

interface ParsedLevel {
  level: string;
  name: string;
  parentTotal: ChartAmount;
  childrenTotal: ChartAmount;
  percent: string;
}

/**
 * Lays out over-assignment as a pair of vertical bars per level (the level
 * above and the level itself) with the percent over the pair. Raises
 * MoneyFormatError on an amount that is not a decimal string and
 * RangeError on a percent that is not one.
 */
export function layoutOverAssignmentChart(
  levels: readonly OverAssignmentLevel[],
  options: OverAssignmentOptions,
): OverAssignmentLayout {
  const { width, height } = options;
  const currency = options.currency ?? "USD";
  const measure = options.measure ?? estimateTextWidth;
  const parsed = levels.map(parseLevel);

  const title = fitText(
    options.title,
    Math.max(0, width - TOOLBAR_WIDTH),
    TITLE_FONT_SIZE,
    measure,
    true,
  );
  const legend = layoutLegend(
    [
      { key: "parentTotal", label: "Total of the level above" },
      { key: "childrenTotal", label: "Total of this level" },
    ],
    width,
    TITLE_HEIGHT,
    measure,
  );

  // Room above the tallest bar for its percent label.
  const top = TITLE_HEIGHT + legend.height + GAP + PERCENT_FONT_SIZE + GAP;
  // The level labels sit under the plot with room for descenders.
  const bottom = height - AXIS_FONT_SIZE - 2 * GAP;
  const values = parsed.flatMap((l) => [
    l.parentTotal.value,
    l.childrenTotal.value,
  ]);
  const y = scaleLinear()
    .domain([Math.min(0, ...values), Math.max(1, ...values)])
    .range([bottom, top])
    .nice(Math.max(2, Math.floor((bottom - top) / 48)));
  const yTicks = moneyTicks(y, bottom - top, currency);

  const tickWidth = Math.max(
    0,
    ...yTicks.map((tick) => measure(tick.label, AXIS_FONT_SIZE)),
  );
  const left = Math.ceil(tickWidth) + GAP;
  const right = width - GAP;
  const x = scaleBand<number>()
    .domain(parsed.map((_, index) => index))
    .range([left, right])
    .paddingInner(0.3)
    .paddingOuter(0.15);
  const pair = scaleBand<"parent" | "children">()
    .domain(["parent", "children"])
    .range([0, x.bandwidth()])
    .paddingInner(0.08);

  const marks = parsed.map((level, index) => {
    const groupX = x(index) ?? 0;
    const parentBar = verticalSpan(
      groupX + (pair("parent") ?? 0),
      pair.bandwidth(),
      y,
      level.parentTotal.value,
    );
    const childrenBar = verticalSpan(
      groupX + (pair("children") ?? 0),
      pair.bandwidth(),
      y,
      level.childrenTotal.value,
    );
    const centre = groupX + x.bandwidth() / 2;
    const labelRoom = Math.min(x.step() - GAP, width);
    return {
      level: level.level,
      parentBar,
      childrenBar,
      percentLabel: {
        x: centre,
        y: Math.min(parentBar.y, childrenBar.y) - GAP / 2,
        text: formatPercent(level.percent),
      },
      levelLabel: {
        ...fitText(level.name, labelRoom, AXIS_FONT_SIZE, measure),
        x: centre,
        y: bottom + GAP + AXIS_FONT_SIZE,
      },
      tooltip: levelTooltip(level, currency),
    };
  });

  return {
    width,
    height,
    title,
    legend,
    plot: { left, top, right, bottom },
    yTicks,
    zeroY: y(0),
    levels: marks,
    summary: overAssignmentSummary(parsed, options.title, currency),
  };
}

/** Raises RangeError unless the level's percent is a decimal string such as "10.0". */
export function validatePercent(level: OverAssignmentLevel): void {
  if (!PERCENT_PATTERN.test(level.percent)) {
    throw new RangeError(
      `Invalid over-assignment percent of level "${level.level}": ${JSON.stringify(level.percent)}. Pass a decimal string such as "10.0".`,
    );
  }
}

function parseLevel(level: OverAssignmentLevel): ParsedLevel {
  const name = displayName(level.level);
  validatePercent(level);
  return {
    level: level.level,
    name,
    parentTotal: readAmount(level.parentTotal, `parent total of ${name}`),
    childrenTotal: readAmount(level.childrenTotal, `total of ${name}`),
    percent: level.percent,
  };
}

/** Capitalises a level name for display: "territory" becomes "Territory". */
export function displayName(level: string): string {
  return level.charAt(0).toUpperCase() + level.slice(1);
}

function verticalSpan(
  x: number,
  width: number,
  y: (value: number) => number,
  value: number,
): Rect {
  const top = y(Math.max(0, value));
  return { x, y: top, width, height: y(Math.min(0, value)) - top };
}

/** Formats a percent string with its sign: "+10.0%", "−2.5%" or "0.0%". */
export function formatPercent(percent: string): string {
  if (percent.startsWith("-")) return `−${percent.slice(1)}%`;
  return isZero(percent) ? `${percent}%` : `+${percent}%`;
}

function levelTooltip(level: ParsedLevel, currency: string): string {
  return [
    `${level.name}: total ${exactMoney(level.childrenTotal.cents, currency)}`,
    `level above ${exactMoney(level.parentTotal.cents, currency)}`,
    `${formatPercent(level.percent)} over-assigned`,
  ].join(", ");
}

/** Describes the data in one paragraph, for the chart's accessible name. */
function overAssignmentSummary(
  levels: readonly ParsedLevel[],
  title: string,
  currency: string,
): string {
  if (levels.length === 0) return `${title}: no levels to show.`;

  const parts = levels.map(
    (level) =>
      `${level.name} ${percentInWords(level.percent)} (${compactMoney(level.childrenTotal.cents, currency)} against ${compactMoney(level.parentTotal.cents, currency)} one level up)`,
  );
  return `${title}: ${parts.join("; ")}.`;
}

/** Describes a percent for a screen reader, which may skip a minus sign: "10.0% over", "2.5% under". */
function percentInWords(percent: string): string {
  if (percent.startsWith("-")) return `${percent.slice(1)}% under`;
  return isZero(percent) ? "not over-assigned" : `${percent}% over`;
}

function isZero(percent: string): boolean {
  return /^0*(\.0*)?$/.test(percent);
}
