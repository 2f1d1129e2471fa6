import type { Rect } from "./marks.ts";
import { estimateTextWidth, fitText, type TextMeasure } from "./text-fit.ts";

export interface LegendEntry {
  key: string;
  label: string;
}

/** A legend entry placed in the chart: swatch at `x`, text after it. */
export interface LegendItem {
  key: string;
  label: string;
  fullLabel: string;
  x: number;
  /** Vertical centre of the row. */
  y: number;
  textX: number;
}

export interface LegendLayout {
  items: LegendItem[];
  height: number;
}

export const LEGEND_FONT_SIZE = 12;
export const LEGEND_SWATCH = 14;
const SWATCH_GAP = 6;
const ITEM_GAP = 18;
const ROW_HEIGHT = 20;

/**
 * Places legend entries left to right, wrapping to a new row where the next
 * entry would pass `width`. An entry wider than a whole row is truncated.
 */
export function layoutLegend(
  entries: readonly LegendEntry[],
  width: number,
  top: number,
  measure: TextMeasure = estimateTextWidth,
): LegendLayout {
  const items: LegendItem[] = [];
  let x = 0;
  let row = 0;
  const maxTextWidth = Math.max(0, width - LEGEND_SWATCH - SWATCH_GAP);

  for (const entry of entries) {
    const label = fitText(entry.label, maxTextWidth, LEGEND_FONT_SIZE, measure);
    const itemWidth =
      LEGEND_SWATCH + SWATCH_GAP + measure(label.text, LEGEND_FONT_SIZE);
    if (x > 0 && x + itemWidth > width) {
      row += 1;
      x = 0;
    }

    items.push({
      key: entry.key,
      label: label.text,
      fullLabel: entry.label,
      x,
      y: top + row * ROW_HEIGHT + ROW_HEIGHT / 2,
      textX: x + LEGEND_SWATCH + SWATCH_GAP,
    });
    x += itemWidth + ITEM_GAP;
  }

  const height = entries.length === 0 ? 0 : (row + 1) * ROW_HEIGHT;
  return { items, height };
}

/** The end points of a line swatch, as `<line>` attributes. */
interface LineAttributes {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
}

/** Position of a square swatch centred on its item's row, as `<rect>` attributes. */
export function squareSwatch(item: LegendItem): Rect {
  return {
    x: item.x,
    y: item.y - LEGEND_SWATCH / 2,
    width: LEGEND_SWATCH,
    height: LEGEND_SWATCH,
  };
}

/** Position of a horizontal line swatch for a line series, as `<line>` attributes. */
export function lineSwatch(item: LegendItem): LineAttributes {
  return {
    x1: item.x,
    x2: item.x + LEGEND_SWATCH,
    y1: item.y,
    y2: item.y,
  };
}

/** Position of a vertical line swatch for a marker line, as `<line>` attributes. */
export function markerSwatch(item: LegendItem): LineAttributes {
  const middle = item.x + LEGEND_SWATCH / 2;
  return {
    x1: middle,
    x2: middle,
    y1: item.y - LEGEND_SWATCH / 2,
    y2: item.y + LEGEND_SWATCH / 2,
  };
}
