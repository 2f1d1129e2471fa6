import type { ScaleLinear } from "d3";
import { AXIS_FONT_SIZE, type PlacedText } from "./marks.ts";
import { fitText, type TextMeasure } from "./text-fit.ts";

/** A month label under the forecast chart's axis. */
export interface MonthLabel extends PlacedText {
  month: string;
}

const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** Minimum space between two month labels, in pixels. */
const LABEL_GAP = 8;

/** Formats "2027-02" as "Feb 2027". */
export function monthLabel(month: string): string {
  const [year, number] = month.split("-");
  return `${MONTH_NAMES[Number(number) - 1]} ${year}`;
}

/** Labels every k-th month, with k the smallest step at which no two labels overlap. */
export function monthLabels(
  months: readonly string[],
  x: ScaleLinear<number, number>,
  baseline: number,
  width: number,
  measure: TextMeasure,
): MonthLabel[] {
  if (months.length === 0) return [];
  const labels = months.map(monthLabel);
  const widest = Math.max(...labels.map((l) => measure(l, AXIS_FONT_SIZE)));
  const step = months.length > 1 ? x(1) - x(0) : width;
  let every = 1;
  while (every < months.length && widest > every * step - LABEL_GAP) {
    every += 1;
  }
  const room = Math.min(every * step - LABEL_GAP, width);
  const result: MonthLabel[] = [];
  for (let index = 0; index < months.length; index += every) {
    const fitted = fitText(labels[index], room, AXIS_FONT_SIZE, measure);
    const half = measure(fitted.text, AXIS_FONT_SIZE) / 2;
    result.push({
      month: months[index],
      ...fitted,
      x: Math.min(Math.max(x(index), half), width - half),
      y: baseline + AXIS_FONT_SIZE,
    });
  }
  return result;
}
