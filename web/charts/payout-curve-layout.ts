import { line, scaleLinear } from "d3";
import { MoneyDecimal } from "../../model/money.ts";
import { moneyTicks, type MoneyTick } from "./axis-ticks.ts";
import { compactMoney, exactMoney, readAmount } from "./chart-money.ts";
import type { DataTable } from "./data-table.ts";
import { layoutLegend, type LegendLayout } from "./legend-layout.ts";
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
import type {
  CurveMarkerKind,
  PayoutCurveData,
} from "../incentives/curve-data.ts";

export type { PayoutCurveData };

export interface PayoutCurveOptions {
  width: number;
  height: number;
  title: string;
  currency?: string;
  measure?: TextMeasure;
}

/** A vertical marker line with its label in one of the rows above the plot. */
export interface MarkerMark {
  key: string;
  kind: CurveMarkerKind;
  x: number;
  label: PlacedText;
  tooltip: string;
}

/** The total cap as a horizontal line across the plot. */
export interface CapLine {
  y: number;
  label: PlacedText;
}

export interface PercentTick {
  value: number;
  position: number;
  label: string;
}

export interface PayoutCurveLayout {
  width: number;
  height: number;
  title: FittedText;
  legend: LegendLayout;
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: PercentTick[];
  yTicks: MoneyTick[];
  /** SVG path of earnings against attainment. */
  path: string;
  markers: MarkerMark[];
  capLine: CapLine | null;
  /** Position and text of the x axis title, under the tick labels. */
  xTitle: { x: number; y: number; text: string };
  summary: string;
}

export const MARKER_FONT_SIZE = 10;
const LABEL_GAP = 8;
/** Space between a marker line and its label. */
const LABEL_PAD = 4;
const MARKER_ROW_HEIGHT = 14;
/** Label rows above the plot. A label that fits in none is cut to fit the last. */
const MAX_MARKER_ROWS = 4;
/** The smallest span of the money axis, in currency units. */
const MIN_SPAN = 100;

const LEGEND_LABELS: Record<CurveMarkerKind | "curve" | "totalCap", string> = {
  curve: "Earnings",
  tier: "Tier boundary",
  gate: "Gate",
  bonus: "Bonus threshold",
  cap: "Component cap reached",
  totalCap: "Total cap",
};

/**
 * Lays out the payout curve: earnings against attainment from 0% to 200%,
 * a vertical marker at each tier boundary, gate, bonus threshold and
 * component cap, and the total cap as a horizontal line. Marker labels sit
 * in rows above the plot, and a label moves to the next row rather than
 * overlap another. Raises MoneyFormatError on an amount that is not a
 * decimal string.
 */
export function layoutPayoutCurve(
  data: PayoutCurveData,
  options: PayoutCurveOptions,
): PayoutCurveLayout {
  const { width, height } = options;
  const currency = options.currency ?? "USD";
  const measure = options.measure ?? estimateTextWidth;
  const points = data.points.map((point) => ({
    attainment: Number(point.attainment),
    earnings: readAmount(point.earnings, `earnings at ${point.attainment}`),
  }));
  const totalCap =
    data.totalCap === null ? null : readAmount(data.totalCap, "total cap");

  const title = fitText(
    options.title,
    Math.max(0, width - TOOLBAR_WIDTH),
    TITLE_FONT_SIZE,
    measure,
    true,
  );
  const legend = layoutLegend(
    legendEntries(data, totalCap !== null),
    width,
    TITLE_HEIGHT,
    measure,
  );

  const markerTop = TITLE_HEIGHT + legend.height + LABEL_GAP;
  const bottom = height - 2 * AXIS_FONT_SIZE - 3 * LABEL_GAP;
  const high = Math.max(
    MIN_SPAN,
    ...points.map((point) => point.earnings.value),
    totalCap?.value ?? 0,
  );

  // The label rows decide where the plot starts, and the money axis's
  // labels decide its left edge, so the first pass assumes every label row
  // is used and the second pass fits the axis to the rows actually used.
  const roomyTop = markerTop + MAX_MARKER_ROWS * MARKER_ROW_HEIGHT + LABEL_GAP;
  const firstAxis = moneyAxis(high, roomyTop, bottom, currency, measure);
  const right = width - LABEL_GAP;
  const firstX = scaleLinear().domain([0, 2]).range([firstAxis.left, right]);
  const placed = placeMarkerLabels(data, firstX, right, measure);

  const top = markerTop + placed.rows * MARKER_ROW_HEIGHT + LABEL_GAP;
  const axis = moneyAxis(high, top, bottom, currency, measure);
  const left = Math.max(axis.left, firstAxis.left);
  const { y, yTicks } = axis;
  const x = scaleLinear().domain([0, 2]).range([left, right]);

  const path =
    line<(typeof points)[number]>()
      .x((point) => x(point.attainment))
      .y((point) => y(point.earnings.value))(points) ?? "";

  return {
    width,
    height,
    title,
    legend,
    plot: { left, top, right, bottom },
    xTicks: percentTicks(x, right - left, measure),
    yTicks,
    path,
    markers: placed.labels.map((label) => ({
      key: label.key,
      kind: label.kind,
      tooltip: label.tooltip,
      x: x(label.attainment),
      label: {
        ...label.text,
        x: x(label.attainment) + label.offset,
        y: markerTop + label.row * MARKER_ROW_HEIGHT + MARKER_FONT_SIZE,
      },
    })),
    capLine:
      totalCap === null
        ? null
        : capLine(
            totalCap.cents,
            y(totalCap.value),
            { left, top, right },
            currency,
            measure,
          ),
    xTitle: {
      x: (left + right) / 2,
      y: bottom + 2 * AXIS_FONT_SIZE + 2 * LABEL_GAP,
      text: "Attainment of quota",
    },
    summary: curveSummary(data, options.title, currency),
  };
}

function legendEntries(data: PayoutCurveData, hasTotalCap: boolean) {
  const kinds = new Set(data.markers.map((marker) => marker.kind));
  const keys: (keyof typeof LEGEND_LABELS)[] = ["curve"];
  for (const kind of ["tier", "gate", "bonus", "cap"] as const) {
    if (kinds.has(kind)) keys.push(kind);
  }
  if (hasTotalCap) keys.push("totalCap");
  return keys.map((key) => ({ key, label: LEGEND_LABELS[key] }));
}

interface PlacedLabel {
  key: string;
  kind: CurveMarkerKind;
  attainment: number;
  row: number;
  /** Horizontal shift of the label from its line: labels near the right edge end at the line. */
  offset: number;
  text: FittedText;
  tooltip: string;
}

/** Puts each marker label in the first row where it does not overlap the label before it. */
function placeMarkerLabels(
  data: PayoutCurveData,
  x: (value: number) => number,
  right: number,
  measure: TextMeasure,
): { labels: PlacedLabel[]; rows: number } {
  const rowEnds: number[] = [];
  const labels: PlacedLabel[] = [];

  for (const marker of data.markers) {
    const attainment = Number(marker.attainment);
    const at = x(attainment);
    const full = measure(marker.label, MARKER_FONT_SIZE);
    const flip = at + LABEL_PAD + full > right;
    const start = flip ? at - LABEL_PAD - full : at + LABEL_PAD;

    let row = rowEnds.findIndex((end) => end + LABEL_GAP <= start);
    if (row === -1 && rowEnds.length < MAX_MARKER_ROWS) row = rowEnds.length;
    if (row === -1) row = MAX_MARKER_ROWS - 1;
    const room = flip ? at - LABEL_PAD : right - start;
    const text = fitText(marker.label, room, MARKER_FONT_SIZE, measure);
    const textWidth = measure(text.text, MARKER_FONT_SIZE);
    const textStart = flip ? at - LABEL_PAD - textWidth : start;
    rowEnds[row] = Math.max(rowEnds[row] ?? 0, textStart + textWidth);

    labels.push({
      key: marker.key,
      kind: marker.kind,
      attainment,
      row,
      offset: textStart - at,
      text,
      tooltip: `${marker.label}: ${percentLabel(attainment)} of quota`,
    });
  }
  return { labels, rows: rowEnds.length };
}

function moneyAxis(
  high: number,
  top: number,
  bottom: number,
  currency: string,
  measure: TextMeasure,
) {
  const y = scaleLinear()
    .domain([0, high])
    .range([bottom, top])
    .nice(Math.max(2, Math.floor((bottom - top) / 48)));
  const yTicks = moneyTicks(y, bottom - top, currency);
  const tickWidth = Math.max(
    0,
    ...yTicks.map((tick) => measure(tick.label, AXIS_FONT_SIZE)),
  );
  return { y, yTicks, left: Math.ceil(tickWidth) + LABEL_GAP };
}

/**
 * Places the total cap's label at the right end of its line: above the
 * line, or below it when the line runs along the top of the plot, where
 * the label would meet the marker labels.
 */
function capLine(
  cents: number,
  y: number,
  plot: { left: number; top: number; right: number },
  currency: string,
  measure: TextMeasure,
): CapLine {
  const text = `Total cap ${compactMoney(cents, currency)}`;
  const fitted = fitText(
    text,
    plot.right - plot.left,
    MARKER_FONT_SIZE,
    measure,
  );
  const textWidth = measure(fitted.text, MARKER_FONT_SIZE);
  const above = y - LABEL_PAD;
  const below = y + LABEL_PAD + MARKER_FONT_SIZE;
  return {
    y,
    label: {
      ...fitted,
      x: plot.right - textWidth,
      y: above - MARKER_FONT_SIZE < plot.top ? below : above,
    },
  };
}

/** Labels every 25% of attainment, or every 50% when the labels would crowd. */
function percentTicks(
  x: (value: number) => number,
  length: number,
  measure: TextMeasure,
): PercentTick[] {
  const widest = measure("200%", AXIS_FONT_SIZE);
  const step = length / 8 >= widest + LABEL_GAP ? 0.25 : 0.5;
  const count = Math.round(2 / step);
  return Array.from({ length: count + 1 }, (_, index) => {
    const value = index * step;
    return { value, position: x(value), label: percentLabel(value) };
  });
}

function percentLabel(fraction: number): string {
  return `${Math.round(fraction * 10000) / 100}%`;
}

function pointAt(data: PayoutCurveData, attainment: string) {
  return data.points.find((point) => point.attainment === attainment);
}

/** Describes the curve in one sentence for screen readers. */
function curveSummary(
  data: PayoutCurveData,
  title: string,
  currency: string,
): string {
  const quota = exactMoney(readAmount(data.quota, "quota").cents, currency);
  const parts = [`${title}, for a period quota of ${quota}`];
  for (const attainment of ["1", "2"]) {
    const point = pointAt(data, attainment);
    if (point === undefined) continue;
    const earnings = readAmount(point.earnings, "earnings").cents;
    parts.push(
      `earnings ${exactMoney(earnings, currency)} at ${percentLabel(Number(attainment))}`,
    );
  }
  if (data.markers.length > 0) {
    parts.push(`${data.markers.length} markers`);
  }
  return `${parts.join(", ")}.`;
}

/**
 * Tabulates the curve every 10% of attainment and at each marker, with
 * exact amounts, for the chart's hidden data table.
 */
export function payoutCurveTable(
  data: PayoutCurveData,
  caption: string,
  currency = "USD",
): DataTable {
  const markerAt = new Map<string, string[]>();
  for (const marker of data.markers) {
    const key = new MoneyDecimal(marker.attainment).toFixed();
    markerAt.set(key, [...(markerAt.get(key) ?? []), marker.label]);
  }
  const rows = data.points
    .filter(
      (point) =>
        new MoneyDecimal(point.attainment).times(10).isInteger() ||
        markerAt.has(point.attainment),
    )
    .map((point) => [
      percentLabel(Number(point.attainment)),
      exactMoney(readAmount(point.credited, "credited amount").cents, currency),
      exactMoney(readAmount(point.earnings, "earnings").cents, currency),
      (markerAt.get(point.attainment) ?? []).join(", ") || "–",
    ]);
  return {
    caption,
    columns: ["Attainment", "Credited", "Earnings", "Marker"],
    rows,
  };
}
